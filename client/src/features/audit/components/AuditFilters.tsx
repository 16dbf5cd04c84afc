import {
  AUDIT_ACTION_KINDS,
  AUDIT_DATES_OUT_OF_ORDER,
  AUDIT_KIND_WORDS,
  type AuditFilterQuery,
  auditActionKindSchema,
  auditFilterQuerySchema,
  isoDateInputSchema,
} from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { ErrorSummary, type ErrorSummaryItem } from '../../../components/ErrorSummary';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';

export type FilterValues = { kind: string; person: string; from: string; to: string };
type FieldErrors = Partial<Record<keyof FilterValues, string>>;

const KIND_OPTIONS = [
  { value: '', label: 'Every kind of change' },
  ...AUDIT_ACTION_KINDS.map((kind) => ({ value: kind, label: AUDIT_KIND_WORDS[kind] })),
];

/** The filter the address holds, when it is one the server accepts; anything else is left out. */
export function filterFromParams(params: URLSearchParams): AuditFilterQuery {
  const filter: AuditFilterQuery = {};
  const kind = auditActionKindSchema.safeParse(params.get('kind'));
  if (kind.success) filter.kind = kind.data;
  const person = params.get('person')?.trim();
  if (person && person.length <= 100) filter.person = person;
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key)?.trim();
    if (value && isoDateInputSchema.safeParse(value).success) filter[key] = value;
  }
  if (filter.from && filter.to && filter.from > filter.to) delete filter.to;
  return filter;
}

/** What the person is told for each field the shared schema refuses (the rules are the schema's). */
const FIELD_MESSAGES = {
  person: 'The username must be 100 characters or fewer',
  from: 'Enter the “from” date as year, month and day, like 2025-03-31',
  to: 'Enter the “to” date as year, month and day, like 2025-03-31',
} as const;
const TO_BEFORE_FROM = 'The “to” date must be the same as or after the “from” date';

/** The form's values checked by the API's own schema (auditFilterQuerySchema), as field messages. */
export function checkFilter(values: FilterValues): FieldErrors {
  const text = (value: string) => value.trim() || undefined;
  const parsed = auditFilterQuerySchema.safeParse({
    person: text(values.person),
    from: text(values.from),
    to: text(values.to),
  });
  const errors: FieldErrors = {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const key = issue.path[0];
    if (key !== 'person' && key !== 'from' && key !== 'to') continue;
    errors[key] ??= issue.message === AUDIT_DATES_OUT_OF_ORDER ? TO_BEFORE_FROM : FIELD_MESSAGES[key];
  }
  return errors;
}

/** A GET-style form: the answer's address holds the filter, so a link opens the same list. */
export function AuditFilters({ initial, onApply }: { initial: FilterValues; onApply: (values: FilterValues) => void }) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempts, setAttempts] = useState(0);
  const set = (key: keyof FilterValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkFilter(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempts((n) => n + 1);
      return;
    }
    onApply({ kind: values.kind, person: values.person.trim(), from: values.from.trim(), to: values.to.trim() });
  };

  const summary: ErrorSummaryItem[] = (['person', 'from', 'to'] as const).flatMap((key) =>
    errors[key] ? [{ text: errors[key], fieldId: `audit-${key}` }] : [],
  );

  return (
    <form onSubmit={onSubmit} noValidate className="audit-filters" aria-labelledby="audit-filters-heading">
      <h2 id="audit-filters-heading" className="heading-m">
        Choose which changes to show
      </h2>
      {summary.length > 0 && <ErrorSummary items={summary} focusKey={attempts} />}
      <div className="audit-filters__fields">
        <SelectField
          id="audit-kind"
          label="Kind of change"
          value={values.kind}
          onChange={set('kind')}
          options={KIND_OPTIONS}
        />
        <TextField
          id="audit-person"
          label="Person (username)"
          hint="A member of this council, like j.smith"
          value={values.person}
          onChange={set('person')}
          error={errors.person}
          spellCheck={false}
          autoCapitalize="none"
          autoComplete="off"
        />
        <TextField
          id="audit-from"
          label="From (date)"
          hint="For example, 2025-04-01"
          value={values.from}
          onChange={set('from')}
          error={errors.from}
          spellCheck={false}
        />
        <TextField
          id="audit-to"
          label="To (date, included)"
          hint="For example, 2025-04-30"
          value={values.to}
          onChange={set('to')}
          error={errors.to}
          spellCheck={false}
        />
      </div>
      <button type="submit" className="button">
        Show changes
      </button>
    </form>
  );
}
