import { reliefEventInputSchema } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { ErrorState } from '../../../components/ErrorState';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { LoadingState } from '../../../components/LoadingState';
import { TextAreaField } from '../../../components/TextAreaField';
import { TextField } from '../../../components/TextField';
import {
  type FormErrors,
  type FormSpec,
  formErrorsFrom,
  formErrorsFromIssues,
  maxLengthOf,
  withSummary,
} from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useCreateReliefEvent, useIndicatorLibrary } from '../api/contract';
import { CONTRACT_PATH } from '../paths';
import { MONTH_HINT } from '../words';

const FIELDS = ['name', 'agreedOn', 'fromMonth', 'toMonth', 'indicatorCodes', 'reason'] as const;
type Field = (typeof FIELDS)[number];
const FORM: FormSpec<Field> = {
  order: FIELDS,
  words: {
    name: { label: 'Name', missing: 'Enter the name of the relief event' },
    agreedOn: { label: 'Agreed on', missing: 'Enter the date it was agreed on', kind: 'date' },
    fromMonth: { label: 'First month covered', missing: 'Enter the first month covered', kind: 'month' },
    toMonth: { label: 'Last month covered', missing: 'Enter the last month covered', kind: 'month' },
    indicatorCodes: { label: 'KPIs it covers', missing: 'Choose at least one KPI it covers', kind: 'choice' },
    reason: { label: 'Reason', missing: 'Enter the reason for the relief event' },
  },
};
const SHAPE = reliefEventInputSchema.shape;
const REVERSED = 'Last month covered must be the same as or after the first month covered';

/** Records a relief event: agreed on a date, lifting consequences for named KPIs over months. */
export default function ReliefEventPage() {
  const library = useIndicatorLibrary();
  const navigate = useNavigate();
  const create = useCreateReliefEvent();
  const [values, setValues] = useState({ name: '', agreedOn: '', fromMonth: '', toMonth: '', reason: '' });
  const [codes, setCodes] = useState<string[]>([]);
  const { errors, attempts, fail, clearErrors } = useFormErrors<FormErrors<Field>>();
  useDocumentTitle('Record a relief event', { hasErrors: errors !== null || library.isError });
  if (library.isPending) return <LoadingState>Loading the KPI library…</LoadingState>;
  if (library.isError) return <ErrorState error={library.error} onRetry={() => void library.refetch()} />;

  const set = (field: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const input = { ...values, indicatorCodes: codes };
    const parsed = reliefEventInputSchema.safeParse(input);
    const reversed = Boolean(input.fromMonth && input.toMonth && input.toMonth < input.fromMonth);
    if (!parsed.success || reversed) {
      const issues = parsed.success ? [] : parsed.error.issues;
      const found = formErrorsFromIssues(FORM, issues, { schema: reliefEventInputSchema, values: input });
      if (reversed) found.fields.toMonth ??= REVERSED;
      fail(
        withSummary(
          FIELDS,
          found.fields,
          found.summary.filter((item) => !item.fieldId),
        ),
      );
      return;
    }
    clearErrors();
    create.mutate(parsed.data, {
      onSuccess: (event) => navigate(CONTRACT_PATH, { state: { done: `Recorded the relief event “${event.name}”.` } }),
      onError: (error) =>
        fail(formErrorsFrom(error, FORM, undefined, { schema: reliefEventInputSchema, values: input })),
    });
  };

  return (
    <div className="two-thirds">
      <p>
        <Link to={CONTRACT_PATH}>Back to the contract</Link>
      </p>
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h1>Record a relief event</h1>
      <p>
        A relief event is agreed between the council and the provider (for example during COVID-19). The named KPIs are
        still reported and rated over its months, but failures carry no consequence.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="name"
          label="Name"
          value={values.name}
          onChange={set('name')}
          error={errors?.fields.name}
          maxLength={maxLengthOf(SHAPE.name)}
        />
        <TextField
          id="agreedOn"
          label="Agreed on"
          hint="As a date, for example 2020-07-21."
          value={values.agreedOn}
          onChange={set('agreedOn')}
          error={errors?.fields.agreedOn}
        />
        <TextField
          id="fromMonth"
          label="First month covered"
          hint={MONTH_HINT}
          value={values.fromMonth}
          onChange={set('fromMonth')}
          error={errors?.fields.fromMonth}
        />
        <TextField
          id="toMonth"
          label="Last month covered"
          hint={MONTH_HINT}
          value={values.toMonth}
          onChange={set('toMonth')}
          error={errors?.fields.toMonth}
        />
        {/* The error summary links here: the checkboxes' own ids are generated. */}
        <div id="indicatorCodes" tabIndex={-1}>
          {errors?.fields.indicatorCodes && (
            <p className="error-message">
              <span className="visually-hidden">Error:</span> {errors.fields.indicatorCodes}
            </p>
          )}
          <CheckboxGroup
            legend="KPIs it covers"
            choices={library.data.map((i) => ({ value: i.code, label: `${i.code}: ${i.title}` }))}
            values={codes}
            onChange={setCodes}
          />
        </div>
        <TextAreaField
          id="reason"
          label="Reason"
          value={values.reason}
          onChange={set('reason')}
          error={errors?.fields.reason}
          maxLength={maxLengthOf(SHAPE.reason)}
        />
        <button type="submit" className="button" aria-busy={create.isPending}>
          Record the relief event
        </button>
      </form>
    </div>
  );
}
