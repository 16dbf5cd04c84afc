import { formatMonth } from '@kpi/shared';

type MonthSelectProps = {
  id: string;
  label: string;
  /** YYYY-MM months to offer, in the order to list them. */
  months: readonly string[];
  value: string;
  onChange: (month: string) => void;
  hint?: string | undefined;
  /** The option's words; the month ("March 2021") by default. */
  describe?: (month: string) => string;
};

/** A labelled select of months, shown as "March 2021". */
export function MonthSelect({ id, label, months, value, onChange, hint, describe = formatMonth }: MonthSelectProps) {
  return (
    <div className="form-group form-group--inline">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select
        className="select"
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        {months.map((month) => (
          <option key={month} value={month}>
            {describe(month)}
          </option>
        ))}
      </select>
    </div>
  );
}
