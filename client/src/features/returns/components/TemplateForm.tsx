import {
  addMonths,
  compareMonths,
  dateToMonth,
  formatMonth,
  monthRange,
  type OverviewResponse,
  type ReturnFileFormat,
} from '@kpi/shared';
import { useState } from 'react';
import { MonthSelect } from '../../../components/MonthSelect';
import { type Choice, RadioGroup } from '../../../components/RadioGroup';
import { templateUrl } from '../paths';
import '../returns.css';

type KpiSet = OverviewResponse['kpiSets'][number];

const FORMAT_CHOICES: readonly Choice<ReturnFileFormat>[] = [
  { value: 'xlsx', label: 'Excel (.xlsx)', hint: 'With an instructions sheet listing the symbols you can use' },
  { value: 'csv', label: 'CSV', hint: 'Comma-separated text, UTF-8' },
];

const FORMAT_WORDS: Record<ReturnFileFormat, string> = { xlsx: 'Excel', csv: 'CSV' };

/** The last month that has ended, by this computer's clock (the server checks by UK time). */
function lastEndedMonth(now: Date): string {
  return addMonths(dateToMonth(new Date(Date.UTC(now.getFullYear(), now.getMonth(), 1))), -1);
}

/** The months a set can have a return for: while it is in force, and only months that have ended. */
function monthsOf(set: KpiSet, lastEnded: string): string[] {
  const first = dateToMonth(set.effectiveFrom);
  const inForceTo = set.effectiveTo ? dateToMonth(set.effectiveTo) : lastEnded;
  const last = compareMonths(inForceTo, lastEnded) < 0 ? inForceTo : lastEnded;
  return compareMonths(first, last) <= 0 ? monthRange(first, last) : [];
}

function defaultSet(kpiSets: readonly KpiSet[], lastEnded: string): KpiSet | undefined {
  const inForce = kpiSets.find((set) => monthsOf(set, lastEnded).at(-1) === lastEnded);
  return inForce ?? kpiSets.find((set) => monthsOf(set, lastEnded).length > 0);
}

function rangeWords(from: string, to: string): string {
  return from === to ? formatMonth(from) : `${formatMonth(from)} to ${formatMonth(to)}`;
}

/**
 * Choose a KPI set, months and a format; the download is a real link to the template with that
 * query, so the browser saves it under the server's file name.
 */
export function TemplateForm({ kpiSets, now = new Date() }: { kpiSets: readonly KpiSet[]; now?: Date }) {
  const lastEnded = lastEndedMonth(now);
  const initial = defaultSet(kpiSets, lastEnded);
  const [setCode, setSetCode] = useState(initial?.code ?? '');
  const set = kpiSets.find((s) => s.code === setCode);
  const months = set ? monthsOf(set, lastEnded) : [];
  const [range, setRange] = useState(() => {
    const last = months.at(-1) ?? '';
    return { from: last, to: last };
  });
  const [format, setFormat] = useState<ReturnFileFormat>('xlsx');

  if (kpiSets.length === 0) {
    return <p>No KPI sets have been set up, so there is no template yet. Ask an administrator to add one.</p>;
  }

  const chooseSet = (code: string) => {
    setSetCode(code);
    const chosen = kpiSets.find((s) => s.code === code);
    const last = chosen ? (monthsOf(chosen, lastEnded).at(-1) ?? '') : '';
    setRange({ from: last, to: last });
  };
  const newestFirst = [...months].reverse();
  const { from, to } = range;

  return (
    <div className="template-form">
      <div className="form-group">
        <label className="label" htmlFor="template-set">
          KPI set
        </label>
        <select
          className="select"
          id="template-set"
          name="kpiSet"
          value={setCode}
          onChange={(event) => chooseSet(event.target.value)}
        >
          {kpiSets.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {months.length === 0 || !set ? (
        <p className="inset">
          {set ? `${set.name} has no months that have ended yet, so there is nothing to report for it.` : null}
        </p>
      ) : (
        <>
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Months</legend>
            <p className="hint">
              One column per month. {set.name} is in force from {formatMonth(months[0] ?? from)}
              {set.effectiveTo ? ` to ${formatMonth(dateToMonth(set.effectiveTo))}` : ''}.
            </p>
            <div className="month-range">
              <MonthSelect
                id="template-from"
                label="From"
                months={newestFirst}
                value={from}
                onChange={(month) => setRange({ from: month, to: compareMonths(month, to) > 0 ? month : to })}
              />
              <MonthSelect
                id="template-to"
                label="To"
                months={newestFirst.filter((month) => compareMonths(month, from) >= 0)}
                value={to}
                onChange={(month) => setRange({ from, to: month })}
              />
            </div>
          </fieldset>
          <RadioGroup
            legend="Format"
            name="template-format"
            choices={FORMAT_CHOICES}
            value={format}
            onChange={setFormat}
          />
          <p>
            <a
              className="button button--secondary button--link"
              href={templateUrl({ kpiSet: set.code, from, to, format })}
              download
            >
              Download the template{' '}
              <span className="visually-hidden">
                ({FORMAT_WORDS[format]}, {set.name}, {rangeWords(from, to)})
              </span>
            </a>
          </p>
          <p className="secondary-text template-form__summary">
            {FORMAT_WORDS[format]} template for {set.name}, {rangeWords(from, to)}.
          </p>
        </>
      )}
    </div>
  );
}
