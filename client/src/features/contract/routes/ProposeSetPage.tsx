import { dateToMonth, graceInputSchema, type KpiSetAdmin, kpiSetProposalInputSchema, monthsBetween } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { ErrorState } from '../../../components/ErrorState';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { LoadingState } from '../../../components/LoadingState';
import { SelectField } from '../../../components/SelectField';
import { TextAreaField } from '../../../components/TextAreaField';
import { TextField } from '../../../components/TextField';
import {
  type FormErrors,
  type FormSpec,
  fieldMessage,
  formErrorsFrom,
  formErrorsFromIssues,
  maxLengthOf,
  numberBoundsOf,
  problemFromIssue,
  withSummary,
} from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useIndicatorLibrary, useKpiSets, useProposeSet } from '../api/contract';
import { CONTRACT_PATH } from '../paths';
import { MONTH_HINT, proposedWords } from '../words';
import '../contract.css';

const FIELDS = ['code', 'name', 'effectiveFrom', 'effectiveTo', 'persistentFailureMonths', 'reason'] as const;
type Field = (typeof FIELDS)[number];
const FORM: FormSpec<Field> = {
  order: FIELDS,
  words: {
    code: { label: 'Code', missing: 'Enter the code of the set' },
    name: { label: 'Name', missing: 'Enter the name of the set' },
    effectiveFrom: { label: 'First month in force', missing: 'Enter the first month in force', kind: 'month' },
    effectiveTo: { label: 'Last month in force', missing: 'Enter the last month in force', kind: 'month' },
    persistentFailureMonths: {
      label: 'Persistent failure after',
      missing: 'Enter how many months in failure make a persistent failure',
      kind: 'number',
      unit: 'months',
    },
    reason: { label: 'Reason', missing: 'Enter the reason for the change' },
  },
};
const SHAPE = kpiSetProposalInputSchema.shape;
const REVERSED = 'Last month in force must be the same as or after the first month in force';
type Grace = { months: string; fromMonth: string };
const graceFieldId = (code: string, part: keyof Grace) => `grace-${code}-${part === 'months' ? 'months' : 'from'}`;

type Values = Record<Field, string> & { carryOverFrom: string; indicatorCodes: string[]; grace: Record<string, Grace> };

const EMPTY: Values = {
  code: '',
  name: '',
  effectiveFrom: '',
  effectiveTo: '',
  persistentFailureMonths: '3',
  reason: '',
  carryOverFrom: '',
  indicatorCodes: [],
  grace: {},
};

/** A form filled from an existing set, to propose a change to it. */
function valuesOf(set: KpiSetAdmin): Values {
  const grace: Record<string, Grace> = {};
  for (const indicator of set.indicators) {
    const first = indicator.grace[0];
    if (!first) continue;
    const from = dateToMonth(first.startsOn);
    const to = dateToMonth(first.endsOn);
    const months = monthsBetween(from, to) + 1;
    grace[indicator.code] = {
      months: String(months),
      fromMonth: from === dateToMonth(set.effectiveFrom) ? '' : from,
    };
  }
  return {
    code: set.code,
    name: set.name,
    effectiveFrom: dateToMonth(set.effectiveFrom),
    effectiveTo: set.effectiveTo ? dateToMonth(set.effectiveTo) : '',
    persistentFailureMonths: String(set.persistentFailureMonths),
    reason: '',
    carryOverFrom: '',
    indicatorCodes: set.indicators.map((i) => i.code),
    grace,
  };
}

function toInput(values: Values) {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    effectiveFrom: values.effectiveFrom.trim(),
    effectiveTo: values.effectiveTo.trim() || null,
    persistentFailureMonths: Number(values.persistentFailureMonths),
    carryOverFrom: values.carryOverFrom || null,
    indicatorCodes: values.indicatorCodes,
    grace: Object.entries(values.grace)
      .filter(([code, g]) => g.months.trim() !== '' && values.indicatorCodes.includes(code))
      .map(([indicatorCode, g]) => ({
        indicatorCode,
        months: Number(g.months),
        fromMonth: g.fromMonth.trim() || null,
      })),
    reason: values.reason.trim(),
  };
}

/** Proposes a new KPI set, or a change to one; a second person in the other role approves it. */
export default function ProposeSetPage() {
  const library = useIndicatorLibrary();
  const sets = useKpiSets();
  useDocumentTitle(TITLE, { hasErrors: library.isError || sets.isError });
  if (library.isPending || sets.isPending) return <LoadingState>Loading the KPI library…</LoadingState>;
  if (library.isError) return <ErrorState error={library.error} onRetry={() => void library.refetch()} />;
  if (sets.isError) return <ErrorState error={sets.error} onRetry={() => void sets.refetch()} />;
  return <SetForm library={library.data} sets={sets.data} />;
}

const TITLE = 'Propose a KPI set';

function SetForm({ library, sets }: { library: { code: string; title: string }[]; sets: KpiSetAdmin[] }) {
  const navigate = useNavigate();
  const propose = useProposeSet();
  const [startFrom, setStartFrom] = useState('');
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FormErrors<Field> | null>(null);
  const [attempts, setAttempts] = useState(0);
  // Runs after the page's own title, so a refused form's title says "Error:" (GOV.UK).
  useDocumentTitle(TITLE, { hasErrors: errors !== null });

  const fail = (found: FormErrors<Field>) => {
    setErrors(found);
    setAttempts((n) => n + 1);
  };
  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const setGrace = (code: string, part: keyof Grace) => (value: string) =>
    setValues((current) => ({
      ...current,
      grace: { ...current.grace, [code]: { ...(current.grace[code] ?? { months: '', fromMonth: '' }), [part]: value } },
    }));

  const chooseStart = (code: string) => {
    setStartFrom(code);
    const existing = sets.find((s) => s.code === code);
    setValues(existing ? valuesOf(existing) : EMPTY);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (propose.isPending) return;
    const input = toInput(values);
    const parsed = kpiSetProposalInputSchema.safeParse(input);
    const reversed = Boolean(input.effectiveTo && input.effectiveFrom && input.effectiveTo < input.effectiveFrom);
    if (!parsed.success || reversed) {
      const issues = parsed.success ? [] : parsed.error.issues;
      const found = formErrorsFromIssues(
        FORM,
        issues.filter((issue) => issue.path[0] !== 'grace'),
        { schema: kpiSetProposalInputSchema, values },
      );
      const fields = { ...found.fields };
      if (reversed) fields.effectiveTo ??= REVERSED;
      const grace = issues.flatMap((issue) => {
        if (issue.path[0] !== 'grace' || typeof issue.path[1] !== 'number') return [];
        const entry = input.grace[issue.path[1]];
        const part = issue.path[2] === 'fromMonth' ? 'fromMonth' : 'months';
        if (!entry) return [];
        const words =
          part === 'months'
            ? { label: `${entry.indicatorCode}: months of grace`, missing: '', kind: 'number' as const, unit: 'months' }
            : { label: `${entry.indicatorCode}: grace from`, missing: '', kind: 'month' as const };
        const text = fieldMessage(problemFromIssue(issue), words, {
          bounds: numberBoundsOf(graceInputSchema.shape.months),
        });
        return [{ text, fieldId: graceFieldId(entry.indicatorCode, part) }];
      });
      // One message a field, as for the set's own fields: a mistyped month is not also out of range.
      const firstPerField = grace.filter((item, i) => grace.findIndex((other) => other.fieldId === item.fieldId) === i);
      fail(withSummary(FIELDS, fields, [...firstPerField, ...found.summary.filter((item) => !item.fieldId)]));
      return;
    }
    setErrors(null);
    propose.mutate(input, {
      onSuccess: (proposal) =>
        navigate(CONTRACT_PATH, {
          state: { done: proposedWords(proposal.title) },
        }),
      onError: (error) => fail(formErrorsFrom(error, FORM, undefined, { schema: kpiSetProposalInputSchema, values })),
    });
  };

  const chosen = library.filter((i) => values.indicatorCodes.includes(i.code));
  const graceError = (code: string, part: 'months' | 'fromMonth') =>
    errors?.summary.find((item) => item.fieldId === graceFieldId(code, part))?.text;

  return (
    <div className="two-thirds">
      <p>
        <Link to={CONTRACT_PATH}>Back to the contract</Link>
      </p>
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h1>Propose a KPI set</h1>
      <p>
        A set says which KPIs the contract rates over which months. Nothing changes until a second person approves the
        proposal. Months a published meeting has covered keep the set they had.
      </p>
      <SelectField
        id="startFrom"
        label="Start from"
        value={startFrom}
        onChange={chooseStart}
        options={[
          { value: '', label: 'A new set' },
          ...sets.map((s) => ({ value: s.code, label: `A change to ${s.name} (${s.code})` })),
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="code"
          label="Code"
          hint="For example C2024. A change to an existing set keeps its code."
          value={values.code}
          onChange={set('code')}
          error={errors?.fields.code}
          autoComplete="off"
          maxLength={maxLengthOf(SHAPE.code)}
        />
        <TextField
          id="name"
          label="Name"
          value={values.name}
          onChange={set('name')}
          error={errors?.fields.name}
          maxLength={maxLengthOf(SHAPE.name)}
        />
        <TextField
          id="effectiveFrom"
          label="First month in force"
          hint={MONTH_HINT}
          value={values.effectiveFrom}
          onChange={set('effectiveFrom')}
          error={errors?.fields.effectiveFrom}
        />
        <TextField
          id="effectiveTo"
          label="Last month in force (optional)"
          hint="Leave empty while the set is in force."
          value={values.effectiveTo}
          onChange={set('effectiveTo')}
          error={errors?.fields.effectiveTo}
        />
        <TextField
          id="persistentFailureMonths"
          label="Persistent failure after more than this many months in failure"
          value={values.persistentFailureMonths}
          onChange={set('persistentFailureMonths')}
          error={errors?.fields.persistentFailureMonths}
        />
        {sets.length > 0 && (
          <SelectField
            id="carryOverFrom"
            label="Carry indicators over from an earlier set (optional)"
            hint="Its KPIs come first, in their order, followed by those ticked below."
            value={values.carryOverFrom}
            onChange={(value) => setValues((current) => ({ ...current, carryOverFrom: value }))}
            options={[{ value: '', label: 'None' }, ...sets.map((s) => ({ value: s.code, label: s.name }))]}
          />
        )}
        <CheckboxGroup
          legend="KPIs in the set, in this order"
          choices={library.map((i) => ({ value: i.code, label: `${i.code}: ${i.title}` }))}
          values={values.indicatorCodes}
          onChange={(indicatorCodes) => setValues((current) => ({ ...current, indicatorCodes }))}
        />
        {chosen.length > 0 && (
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Grace periods (reported and rated, with no consequence)</legend>
            <p className="hint">
              Months of grace for a new KPI, from the set’s first month unless you give another. Leave empty for none.
            </p>
            {chosen.map((indicator) => (
              <div className="grace-fields" key={indicator.code}>
                <TextField
                  id={graceFieldId(indicator.code, 'months')}
                  label={`${indicator.code}: months of grace`}
                  value={values.grace[indicator.code]?.months ?? ''}
                  onChange={setGrace(indicator.code, 'months')}
                  error={graceError(indicator.code, 'months')}
                />
                <TextField
                  id={graceFieldId(indicator.code, 'fromMonth')}
                  label={`${indicator.code}: grace from (optional)`}
                  value={values.grace[indicator.code]?.fromMonth ?? ''}
                  onChange={setGrace(indicator.code, 'fromMonth')}
                  error={graceError(indicator.code, 'fromMonth')}
                />
              </div>
            ))}
          </fieldset>
        )}
        <TextAreaField
          id="reason"
          label="Reason"
          hint="What agreed this: the contract variation, the board decision and its date."
          value={values.reason}
          onChange={set('reason')}
          error={errors?.fields.reason}
          maxLength={maxLengthOf(SHAPE.reason)}
        />
        <button type="submit" className="button" aria-busy={propose.isPending}>
          Propose the set
        </button>
      </form>
    </div>
  );
}
