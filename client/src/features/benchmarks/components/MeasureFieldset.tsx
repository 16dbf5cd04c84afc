import { DFE_TIMINGS, type DfeColumn, type DfeTimingName } from '@kpi/shared';
import { Checkbox } from '../../../components/Checkbox';
import { fieldId, HOW_WORDS, type MappingDraft, type MappingHow, type Measure, waysFor } from '../mapping';
import { TIMING_WORDS, UNIT_WORDS } from '../words';
import '../benchmarks.css';

type Props = {
  measure: Measure;
  draft: MappingDraft;
  onChange: (draft: MappingDraft) => void;
  /** Columns holding numbers (and symbols). */
  figureColumns: readonly DfeColumn[];
  /** Text columns with several values, usable as a row filter. */
  filterColumns: readonly DfeColumn[];
  workforceFile: boolean;
  errors: ReadonlyMap<string, string>;
};

function Select({
  id,
  label,
  value,
  options,
  onChange,
  error,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  error: string | undefined;
  hint?: string;
}) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <select
        className="select"
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      >
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function columnLabel(column: DfeColumn): string {
  const symbols = Object.entries(column.symbols)
    .map(([symbol, n]) => `${n} ${symbol}`)
    .join(', ');
  return symbols ? `${column.name} (symbols: ${symbols})` : column.name;
}

/**
 * One measure's mapping: a fieldset whose legend names the measure and the KPIs compared with
 * it, radios for how it is read, then the columns (and an optional row filter) that way needs.
 */
export function MeasureFieldset({
  measure,
  draft,
  onChange,
  figureColumns,
  filterColumns,
  workforceFile,
  errors,
}: Props) {
  const code = measure.measureCode;
  const set = (patch: Partial<MappingDraft>) => onChange({ ...draft, ...patch });
  const columnOptions = figureColumns.map((c) => ({ value: c.name, label: columnLabel(c) }));
  const columnsError = errors.get(fieldId(code, 'columns'));
  const legend = measure.kpis.length > 0 ? measure.kpis.map((k) => `${k.code} ${k.title}`).join('; ') : code;
  const filterColumn = filterColumns.find((c) => c.name === draft.filterColumn);

  return (
    <fieldset className="fieldset mapping" aria-describedby={`${fieldId(code, 'hint')}`}>
      <legend className="fieldset__legend">{legend}</legend>
      <p className="hint" id={fieldId(code, 'hint')}>
        Measure <span className="reference">{code}</span>, {UNIT_WORDS[measure.unit]}
        {measure.description ? `: ${measure.description}` : ''}.
      </p>
      <div className="radios">
        {waysFor(measure).map((how: MappingHow) => {
          const id = fieldId(code, how === 'none' ? 'how' : `how-${how}`);
          return (
            <div className="radios__item" key={how}>
              <input
                className="radios__input"
                type="radio"
                id={id}
                name={fieldId(code, 'how')}
                value={how}
                checked={draft.how === how}
                onChange={() => set({ how })}
              />
              <label className="radios__label" htmlFor={id}>
                {HOW_WORDS[how].label}
                {HOW_WORDS[how].hint && draft.how === how && (
                  <span className="radios__hint">{HOW_WORDS[how].hint}</span>
                )}
              </label>
            </div>
          );
        })}
      </div>

      {draft.how !== 'none' && (
        <div className="mapping__details">
          {draft.how === 'column' && (
            <Select
              id={fieldId(code, 'column')}
              label="Column"
              value={draft.column}
              options={columnOptions}
              onChange={(column) => set({ column })}
              error={errors.get(fieldId(code, 'column'))}
            />
          )}
          {(draft.how === 'sum' || draft.how === 'ratio') && (
            <fieldset
              className={columnsError ? 'fieldset form-group form-group--error' : 'fieldset form-group'}
              aria-describedby={columnsError ? `${fieldId(code, 'columns')}-error` : undefined}
            >
              <legend className="fieldset__legend label">
                {draft.how === 'sum' ? 'Columns to add together' : 'Top of the ratio (columns added together)'}
              </legend>
              {columnsError && (
                <p className="error-message" id={`${fieldId(code, 'columns')}-error`}>
                  <span className="visually-hidden">Error:</span> {columnsError}
                </p>
              )}
              <div className="checkboxes checkboxes--columns" id={fieldId(code, 'columns')} tabIndex={-1}>
                {figureColumns.map((column) => {
                  const checked = draft.columns.includes(column.name);
                  return (
                    <Checkbox
                      key={column.name}
                      id={`${fieldId(code, 'columns')}-${column.name}`}
                      label={columnLabel(column)}
                      checked={checked}
                      onChange={() =>
                        set({
                          columns: checked
                            ? draft.columns.filter((c) => c !== column.name)
                            : [...draft.columns, column.name],
                        })
                      }
                    />
                  );
                })}
              </div>
            </fieldset>
          )}
          {draft.how === 'ratio' && (
            <Select
              id={fieldId(code, 'denominator')}
              label="Divided by (the bottom of the ratio)"
              value={draft.denominator}
              options={columnOptions}
              onChange={(denominator) => set({ denominator })}
              error={errors.get(fieldId(code, 'denominator'))}
            />
          )}
          {draft.how === 'rate' && (
            <Select
              id={fieldId(code, 'count')}
              label="Column holding the count"
              value={draft.count}
              options={columnOptions}
              onChange={(count) => set({ count })}
              error={errors.get(fieldId(code, 'count'))}
            />
          )}
          {filterColumns.length > 0 && (
            <div className="mapping__filter">
              <Select
                id={fieldId(code, 'filter-column')}
                label="Only rows where (optional)"
                hint="For a file with several categories in each area and year: keep one."
                value={draft.filterColumn}
                options={filterColumns.map((c) => ({ value: c.name, label: c.name }))}
                onChange={(filterColumn) => set({ filterColumn, filterValue: '' })}
                error={undefined}
              />
              {filterColumn && (
                <Select
                  id={fieldId(code, 'filter-value')}
                  label={`is (${filterColumn.name})`}
                  value={draft.filterValue}
                  options={filterColumn.values.map((v) => ({ value: v, label: v }))}
                  onChange={(filterValue) => set({ filterValue })}
                  error={errors.get(fieldId(code, 'filter-value'))}
                />
              )}
            </div>
          )}
          {measure.timing === null && !workforceFile && (
            <Select
              id={fieldId(code, 'timing')}
              label="When the figure applies"
              value={draft.timing}
              options={DFE_TIMINGS.map((t) => ({ value: t, label: TIMING_WORDS[t] }))}
              onChange={(timing) => set({ timing: timing as DfeTimingName | '' })}
              error={errors.get(fieldId(code, 'timing'))}
            />
          )}
        </div>
      )}
    </fieldset>
  );
}
