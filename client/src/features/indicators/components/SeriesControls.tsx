import { COMPARATOR_LINES, type ComparatorLine, SERIES_VIEWS, type SeriesResponse, type SeriesView } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { VIEW_LABELS } from '../../../components/kpiLabels';
import { MonthSelect } from '../../../components/MonthSelect';
import { RadioGroup } from '../../../components/RadioGroup';
import { ToggleButtons } from '../../../components/ToggleButtons';
import type { Display } from '../seriesParams';
import '../indicators.css';

const VIEW_HINTS: Record<SeriesView, string> = {
  monthly: 'As reported each month',
  rolling12: 'The 12 months to each month',
  fytd: 'April to each month',
};

type SeriesControlsProps = {
  series: SeriesResponse;
  view: SeriesView;
  lines: readonly ComparatorLine[];
  display: Display;
  /** Months offered for the period, oldest first. */
  months: readonly string[];
  onView: (view: SeriesView) => void;
  onLines: (lines: ComparatorLine[]) => void;
  onRange: (from: string, to: string) => void;
  onDisplay: (display: Display) => void;
};

function RangeForm({
  from,
  to,
  months,
  onRange,
}: {
  from: string;
  to: string;
  months: readonly string[];
  onRange: (from: string, to: string) => void;
}) {
  const [chosenFrom, setFrom] = useState(from);
  const [chosenTo, setTo] = useState(to);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosenFrom > chosenTo) {
      setError('The start month must be on or before the end month');
      return;
    }
    setError(null);
    onRange(chosenFrom, chosenTo);
  };
  return (
    <form className="range-form" onSubmit={submit} aria-label="Choose the period">
      <fieldset className={error ? 'fieldset form-group--error' : 'fieldset'}>
        <legend className="fieldset__legend">Period</legend>
        {error && (
          <p className="error-message" id="range-error">
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="range-form__fields">
          <MonthSelect id="range-from" label="From" months={months} value={chosenFrom} onChange={setFrom} />
          <MonthSelect id="range-to" label="To" months={months} value={chosenTo} onChange={setTo} />
          <button type="submit" className="button button--secondary">
            Show period
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** View, comparators, period and chart-or-table: each choice is kept in the address. */
export function SeriesControls({
  series,
  view,
  lines,
  display,
  months,
  onView,
  onLines,
  onRange,
  onDisplay,
}: SeriesControlsProps) {
  const labels = new Map(series.comparators.map((line) => [line.line, line]));
  const offered = COMPARATOR_LINES.filter((line) => (labels.get(line)?.points.length ?? 0) > 0);
  return (
    <div className="series-controls no-print">
      <RadioGroup
        legend="Figures shown"
        name="view"
        value={view}
        onChange={onView}
        inline
        choices={SERIES_VIEWS.map((v) => ({ value: v, label: VIEW_LABELS[v], hint: VIEW_HINTS[v] }))}
      />
      {/* Only lines with figures are offered; with none at all, one sentence says what exists and where from. */}
      {offered.length > 0 ? (
        <CheckboxGroup
          legend="Comparators shown"
          values={lines.filter((line) => offered.includes(line))}
          onChange={onLines}
          inline
          choices={offered.map((line) => ({ value: line, label: labels.get(line)?.label ?? line }))}
        />
      ) : null}
      {series.comparatorNote && <p className="series-controls__note">{series.comparatorNote}</p>}
      <RangeForm
        key={`${series.from}-${series.to}`}
        from={series.from}
        to={series.to}
        months={months}
        onRange={onRange}
      />
      <ToggleButtons
        label="Show the figures as"
        value={display}
        onChange={onDisplay}
        choices={[
          { value: 'chart', label: 'Chart' },
          { value: 'table', label: 'Table' },
        ]}
      />
    </div>
  );
}
