import { addMonths, compareMonths, formatMonth, monthRange, type ScorecardPeriod } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MonthSelect } from '../../../components/MonthSelect';

type MonthPickerProps = {
  month: string;
  available: { from: string; to: string };
  /** Runs of months by the KPI set in force, so each month says what it holds. */
  periods?: readonly ScorecardPeriod[];
  onChoose: (month: string) => void;
  /** The one-line summary of which set covers which months (left out where space is short: each option names its set anyway). */
  showSummary?: boolean;
};

/** "July 2025 — Contract 2024" or "March 2018 — no contract set (monitored indicators only)". */
export function describeMonth(month: string, periods: readonly ScorecardPeriod[]): string {
  const period = periods.find((p) => compareMonths(p.from, month) <= 0 && compareMonths(month, p.to) <= 0);
  if (!period) return formatMonth(month);
  return period.kpiSetName
    ? `${formatMonth(month)} — ${period.kpiSetName}`
    : `${formatMonth(month)} — no contract set (monitored indicators only)`;
}

/** Choose the scorecard month (newest first), or step one month back or forward. */
export function MonthPicker({ month, available, periods = [], onChoose, showSummary = true }: MonthPickerProps) {
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
        <MonthSelect
          id="scorecard-month"
          label="Month"
          hint={showSummary ? periodsHint(periods) : undefined}
          months={months}
          value={chosen}
          onChange={setChosen}
          describe={(m) => describeMonth(m, periods)}
        />
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

/** One line on what the months hold: "Contract 2018: April 2018 to March 2024; Contract 2024: April 2024 to July 2025." */
function periodsHint(periods: readonly ScorecardPeriod[]): string | undefined {
  if (periods.length === 0) return undefined;
  const runs = periods.map(
    (p) =>
      `${p.kpiSetName ?? 'no contract set, monitored indicators only'}: ${formatMonth(p.from)}${p.from === p.to ? '' : ` to ${formatMonth(p.to)}`}`,
  );
  return `${runs.join('; ')}.`;
}
