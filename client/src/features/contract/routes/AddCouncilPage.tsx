import {
  type CouncilOnboarding,
  councilOnboardingSchema,
  type OnboardedCouncil,
  type OnboardingCandidates,
  onboardedCouncilSchema,
  onboardingCandidatesSchema,
  onboardingConfirmation,
} from '@kpi/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { LoadingState } from '../../../components/LoadingState';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { apiFetch } from '../../../lib/apiClient';
import { type FormErrors, formErrorsFrom, withSummary } from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { councilPath, SETUP_PATH } from '../paths';
import '../contract.css';
import { useFormErrors } from '../../../lib/useFormErrors';

const FIELDS = ['areaCode', 'snModelCode', 'providerName', 'templateFrom'] as const;
type Field = (typeof FIELDS)[number];

function useCandidates() {
  return useQuery({
    queryKey: ['organisation-candidates'],
    queryFn: ({ signal }) => apiFetch('/api/organisations/candidates', onboardingCandidatesSchema, { signal }),
  });
}

function kpiCount(n: number): string {
  return `${n} ${n === 1 ? 'KPI' : 'KPIs'}`;
}

/** "Sandwell MBC: 15 KPIs; sets Contract 2018 (12), Contract 2024 (15)". */
function templateLabel(template: OnboardingCandidates['templates'][number]): string {
  const sets = template.kpiSets.map((s) => `${s.name} (${kpiCount(s.memberCount)})`).join(', ');
  return `${template.name}: ${kpiCount(template.indicatorCount)}${sets ? `; ${template.kpiSets.length === 1 ? 'set' : 'sets'} ${sets}` : ''}`;
}

/** What was created, with the way to open the new council. */
function Added({ result, onAnother }: { result: OnboardedCouncil; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { organisation } = result;
  return (
    <>
      <div className="panel panel--confirmation">
        <h1 className="panel__title" ref={heading} tabIndex={-1}>
          Council added
        </h1>
        <p className="panel__body">{onboardingConfirmation(result)}</p>
      </div>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Local authority</dt>
          <dd className="summary-list__value">
            {organisation.areaCode} (DfE number {organisation.oldLaCode ?? 'none'})
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Region</dt>
          <dd className="summary-list__value">{organisation.regionName ?? 'Not known'}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Statistical neighbours</dt>
          <dd className="summary-list__value">{organisation.snModelName ?? 'No model lists this council'}</dd>
        </div>
      </dl>
      <ul className="link-list">
        <li>
          <Link to={councilPath(organisation.areaCode)}>Open {organisation.name}</Link>
        </li>
        <li>
          <button type="button" className="button button--secondary" onClick={onAnother}>
            Add another council
          </button>
        </li>
      </ul>
    </>
  );
}

/**
 * Onboarding another council into the deployment (administrators): chosen from DfE's list of local
 * authorities; its region, statistical neighbours, populations and comparators follow from the
 * reference data; its KPI configuration may start as a copy of a council the person belongs to.
 */
export default function AddCouncilPage() {
  useDocumentTitle('Add a council');
  const candidates = useCandidates();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (body: CouncilOnboarding) =>
      apiFetch('/api/organisations', onboardedCouncilSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const [values, setValues] = useState<Record<Field, string> | null>(null);
  const { errors, attempts, fail, clearErrors } = useFormErrors<FormErrors<Field>>();

  if (candidates.isPending) return <LoadingState>Loading…</LoadingState>;
  if (candidates.isError) return <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />;
  const data = candidates.data;
  if (add.isSuccess) {
    return (
      <div className="two-thirds">
        <Added
          result={add.data}
          onAnother={() => {
            add.reset();
            setValues(null);
          }}
        />
      </div>
    );
  }
  const current = values ?? {
    areaCode: '',
    snModelCode: data.currentSnModelCode ?? '',
    providerName: '',
    templateFrom: '',
  };
  const set = (field: Field) => (value: string) => setValues({ ...current, [field]: value });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    const parsed = councilOnboardingSchema.safeParse({
      areaCode: current.areaCode,
      snModelCode: current.snModelCode || null,
      providerName: current.providerName || null,
      templateFrom: current.templateFrom || null,
    });
    if (!parsed.success) {
      const fields: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) fields[issue.path[0] as Field] ??= issue.message;
      fail(withSummary(FIELDS, fields));
      return;
    }
    clearErrors();
    add.mutate(parsed.data, { onError: (error) => fail(formErrorsFrom(error, FIELDS)) });
  };

  return (
    <div className="two-thirds">
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h1>Add a council</h1>
      <p>
        The council’s region, statistical neighbours, populations and DfE comparators come from the reference data
        already loaded. You become its administrator; add its other accounts afterwards.
      </p>
      {data.localAuthorities.length === 0 ? (
        <p>
          There is no local authority to add: every one is already here, or the reference data has not been loaded (
          <Link to={SETUP_PATH}>Set-up</Link>).
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <SelectField
            id="areaCode"
            label="Council"
            hint="From DfE’s list of local authorities, with its region. Councils already added are not listed."
            value={current.areaCode}
            onChange={set('areaCode')}
            options={[
              { value: '', label: 'Choose the council' },
              ...data.localAuthorities.map((la) => ({
                value: la.code,
                label: `${la.name}${la.oldLaCode ? ` (${la.oldLaCode})` : ''}${la.regionName ? `, ${la.regionName}` : ''}`,
              })),
            ]}
            error={errors?.fields.areaCode}
          />
          <SelectField
            id="snModelCode"
            label="Statistical-neighbour model"
            hint="The DfE model its neighbours are taken from. Councils in one deployment usually share a model."
            value={current.snModelCode}
            onChange={set('snModelCode')}
            options={[
              { value: '', label: 'The newest model that lists the council' },
              ...data.snModels.map((m) => ({
                value: m.code,
                label: m.code === data.currentSnModelCode ? `${m.name} (the current model)` : m.name,
              })),
            ]}
            error={errors?.fields.snModelCode}
          />
          <TextField
            id="providerName"
            label="Provider under contract (optional)"
            hint="The trust or company that runs the council's children's social care under contract, as it should appear on screens and exports; leave it empty if the council runs it itself."
            value={current.providerName}
            onChange={set('providerName')}
            error={errors?.fields.providerName}
          />
          <SelectField
            id="templateFrom"
            label="Start from the KPI set of"
            hint="Copies that council’s KPIs, KPI sets, bands and grace periods; never its figures, commentary, meetings, relief events or people. Definitions name the new council; what quotes the other council’s papers (why a KPI matters, where bands came from) is marked “Copied from … for review”."
            value={current.templateFrom}
            onChange={set('templateFrom')}
            options={[
              { value: '', label: 'Nothing: start empty' },
              ...data.templates.map((t) => ({ value: t.areaCode, label: templateLabel(t) })),
            ]}
            error={errors?.fields.templateFrom}
          />
          <button type="submit" className="button" aria-busy={add.isPending}>
            Add the council
          </button>
        </form>
      )}
      <p>
        <Link to={SETUP_PATH}>Back to set-up</Link>
      </p>
    </div>
  );
}
