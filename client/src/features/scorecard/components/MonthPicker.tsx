import { addMonths, compareMonths, formatMonth, monthRange } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MonthSelect } from '../../../components/MonthSelect';

type MonthPickerProps = {
  month: string;
  available: { from: string; to: string };
  onChoose: (month: string) => void;
};

/** Choose the scorecard month (newest first), or step one month back or forward. */
export function MonthPicker({ month, available, onChoose }: MonthPickerProps) {
  const [chosen, setChosen] = useState(month);
  const [searchParams] = useSearchParams();
  const months = monthRange(available.from, available.to).reverse();
  if (!months.includes(month)) months.unshift(month);
  const previous = addMonths(month, -1);
  const next = addMonths(month, 1);
  const hrefFor = (m: string) => {
    const params = new URLSearchParams(searchParams);
    params.set('month', m);
    return `?${params}`;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChoose(chosen);
  };

  return (
    <div className="month-picker no-print">
      <form className="month-picker__form" onSubmit={submit} aria-label="Choose the month">
        <MonthSelect id="scorecard-month" label="Month" months={months} value={chosen} onChange={setChosen} />
        <button type="submit" className="button button--secondary">
          Show month
        </button>
      </form>
      <ul className="month-picker__steps">
        {compareMonths(previous, available.from) >= 0 && (
          <li>
            <Link to={hrefFor(previous)} rel="prev">
              <span aria-hidden="true">‹ </span>Previous month<span className="visually-hidden">:</span>{' '}
              <span className="month-picker__step-month">{formatMonth(previous)}</span>
            </Link>
          </li>
        )}
        {compareMonths(next, available.to) <= 0 && (
          <li>
            <Link to={hrefFor(next)} rel="next">
              Next month<span className="visually-hidden">:</span>{' '}
              <span className="month-picker__step-month">{formatMonth(next)}</span>
              <span aria-hidden="true"> ›</span>
            </Link>
          </li>
        )}
      </ul>
    </div>
  );
}
