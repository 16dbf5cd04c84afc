import { formatMonth, parseBands, readTextMonth, thresholdInWords, thresholdProposalInputSchema } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { LoadingState } from '../../../components/LoadingState';
import { SelectField } from '../../../components/SelectField';
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
import { useIndicatorBands, useIndicatorLibrary, useKpiSets, useProposeBands } from '../api/contract';
import { CurrentBands } from '../components/CurrentBands';
import { CONTRACT_PATH } from '../paths';
import { MONTH_HINT, proposedWords, reratingWords } from '../words';
import '../contract.css';

const FIELDS = ['indicatorCode', 'effectiveFrom', 'target', 'failure', 'kpiSetCode', 'reason'] as const;
type Field = (typeof FIELDS)[number];
const FORM: FormSpec<Field> = {
  order: FIELDS,
  words: {
    indicatorCode: { label: 'KPI', missing: 'Choose the KPI', kind: 'choice' },
    effectiveFrom: {
      label: 'First month these bands rate',
      missing: 'Enter the first month these bands rate',
      kind: 'month',
    },
    target: { label: 'Target', missing: 'Enter the target, as the contract words it' },
    failure: { label: 'Failure', missing: 'Enter the failure band, as the contract words it' },
    kpiSetCode: { label: 'KPI set', missing: 'Choose the KPI set', kind: 'choice' },
    reason: { label: 'Reason', missing: 'Enter the reason for the new bands' },
  },
};
const SHAPE = thresholdProposalInputSchema.shape;

/**
 * Proposes an indicator's bands from a month on, typed as the contract prints them. The same
 * shared reader the server uses shows at once how the bands will be read, or what is wrong.
 */
export default function ProposeBandsPage() {
  const [errors, setErrors] = useState<FormErrors<Field> | null>(null);
  useDocumentTitle('Propose new bands', { hasErrors: errors !== null });
  const library = useIndicatorLibrary();
  const sets = useKpiSets();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const propose = useProposeBands();
  const [values, setValues] = useState<Record<Field, string>>({
    indicatorCode: params.get('code') ?? '',
    effectiveFrom: '',
    target: '',
    failure: '',
    kpiSetCode: '',
    reason: '',
  });
  const [attempts, setAttempts] = useState(0);
  const current = useIndicatorBands(values.indicatorCode);

  if (library.isPending || sets.isPending) return <LoadingState>Loading the KPI library…</LoadingState>;
  if (library.isError) return <ErrorState error={library.error} onRetry={() => void library.refetch()} />;
  if (sets.isError) return <ErrorState error={sets.error} onRetry={() => void sets.refetch()} />;

  const indicator = library.data.find((i) => i.code === values.indicatorCode);
  const preview =
    indicator && values.target.trim() && values.failure.trim()
      ? parseBands(values.target, values.failure, indicator.unit)
      : null;
  const fail = (found: FormErrors<Field>) => {
    setErrors(found);
    setAttempts((n) => n + 1);
  };
  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (propose.isPending) return;
    const input = { ...values, kpiSetCode: values.kpiSetCode || null };
    const parsed = thresholdProposalInputSchema.safeParse(input);
    const fields: Partial<Record<Field, string>> = parsed.success
      ? {}
      : { ...formErrorsFromIssues(FORM, parsed.error.issues, { schema: thresholdProposalInputSchema, values }).fields };
    if (!indicator) fields.indicatorCode = FORM.words.indicatorCode.missing;
    // The month as typed in any form a return takes (April 2024, Apr-24…), read by the shared parser.
    const firstMonth = readTextMonth(values.effectiveFrom);
    const earliest = current.data?.changeableFrom;
    if (earliest && firstMonth && firstMonth < earliest)
      fields.effectiveFrom = `A published meeting has covered ${formatMonth(firstMonth)}: bands can be changed from ${formatMonth(earliest)} (${earliest}) at the earliest`;
    if (preview && !preview.ok) for (const p of preview.problems) fields[p.field] ??= p.message;
    if (Object.keys(fields).length > 0 || !parsed.success) {
      fail(withSummary(FIELDS, fields));
      return;
    }
    setErrors(null);
    propose.mutate(parsed.data, {
      onSuccess: (proposal) =>
        navigate(CONTRACT_PATH, {
          state: {
            done: `${proposedWords(proposal.title)}${reratingWords(proposal.rerating)}`,
          },
        }),
      onError: (error) =>
        fail(formErrorsFrom(error, FORM, undefined, { schema: thresholdProposalInputSchema, values })),
    });
  };

  return (
    <div className="two-thirds">
      <p>
        <Link to={CONTRACT_PATH}>Back to the contract</Link>
      </p>
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h1>Propose new bands</h1>
      <p>
        New bands rate the KPI from their first month on. Earlier months keep the bands they were rated with. Bands from
        a month no published meeting has covered replace those from that month on, so a mistyped band can be corrected;
        months a published meeting has covered keep theirs. A second person approves the change.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <SelectField
          id="indicatorCode"
          label="KPI"
          value={values.indicatorCode}
          onChange={set('indicatorCode')}
          options={[
            { value: '', label: 'Choose a KPI' },
            ...library.data.map((i) => ({ value: i.code, label: `${i.code}: ${i.title}` })),
          ]}
          error={errors?.fields.indicatorCode}
        />
        {current.data && current.data.indicatorCode === values.indicatorCode && <CurrentBands bands={current.data} />}
        <TextField
          id="effectiveFrom"
          label="First month these bands rate"
          hint={
            current.data?.changeableFrom
              ? `${MONTH_HINT} From ${current.data.changeableFrom} at the earliest.`
              : MONTH_HINT
          }
          value={values.effectiveFrom}
          onChange={set('effectiveFrom')}
          error={errors?.fields.effectiveFrom}
        />
        <TextField
          id="target"
          label="Target, as the contract words it"
          hint="For example: Target > 85%"
          value={values.target}
          onChange={set('target')}
          error={errors?.fields.target}
          maxLength={maxLengthOf(SHAPE.target)}
          autoComplete="off"
        />
        <TextField
          id="failure"
          label="Failure, as the contract words it"
          hint="For example: Failure < 75%"
          value={values.failure}
          onChange={set('failure')}
          error={errors?.fields.failure}
          maxLength={maxLengthOf(SHAPE.failure)}
          autoComplete="off"
        />
        {indicator && preview?.ok && (
          <div className="band-preview" aria-live="polite">
            <p>
              <strong>Read as:</strong>{' '}
              {
                thresholdInWords(
                  { ...preview.bands, effectiveFrom: '2000-01-01', effectiveTo: null },
                  indicator.unit,
                  indicator.precision,
                ).summary
              }
            </p>
          </div>
        )}
        <SelectField
          id="kpiSetCode"
          label="KPI set these bands belong to (optional)"
          value={values.kpiSetCode}
          onChange={set('kpiSetCode')}
          options={[{ value: '', label: 'None' }, ...sets.data.map((s) => ({ value: s.code, label: s.name }))]}
          error={errors?.fields.kpiSetCode}
        />
        <TextAreaField
          id="reason"
          label="Reason"
          hint="What agreed these bands: the contract schedule, variation or decision."
          value={values.reason}
          onChange={set('reason')}
          error={errors?.fields.reason}
          maxLength={maxLengthOf(SHAPE.reason)}
        />
        <button type="submit" className="button" aria-busy={propose.isPending}>
          Propose the bands
        </button>
      </form>
    </div>
  );
}
