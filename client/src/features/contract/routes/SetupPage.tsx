import {
  type OrganisationSetup,
  organisationSetupSchema,
  referenceLoadResultSchema,
  setupStatusSchema,
} from '@kpi/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { LoadingState } from '../../../components/LoadingState';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { apiFetch } from '../../../lib/apiClient';
import { type FormErrors, formErrorsFrom, withSummary } from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { CouncilNameForm } from '../components/CouncilNameForm';
import { ADD_COUNCIL_PATH, CONTRACT_PATH, SCHEDULE_PATH } from '../paths';
import '../contract.css';
import { useFormErrors } from '../../../lib/useFormErrors';

const FIELDS = ['areaCode', 'name', 'providerName', 'snModelCode'] as const;
type Field = (typeof FIELDS)[number];

function useSetup() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: ({ signal }) => apiFetch('/api/setup', setupStatusSchema, { signal }),
  });
}

/**
 * A new installation, set up from the screens: load the reference geography shipped with the
 * product, choose the local authority, then the steps that follow (accounts, contract, comparators,
 * the first return, the first meeting).
 */
export default function SetupPage() {
  useDocumentTitle('Set up the organisation');
  const setup = useSetup();
  const queryClient = useQueryClient();
  const load = useMutation({
    mutationFn: () => apiFetch('/api/setup/reference-data', referenceLoadResultSchema, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const create = useMutation({
    mutationFn: (body: OrganisationSetup) =>
      apiFetch('/api/setup/organisation', setupStatusSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const [values, setValues] = useState<Record<Field, string>>({
    areaCode: '',
    name: '',
    providerName: '',
    snModelCode: '',
  });
  const { errors, attempts, fail, clearErrors } = useFormErrors<FormErrors<Field>>();

  if (setup.isPending) return <LoadingState>Loading…</LoadingState>;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />;
  const status = setup.data;
  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const input = { ...values, providerName: values.providerName || null, snModelCode: values.snModelCode || null };
    const parsed = organisationSetupSchema.safeParse(input);
    if (!parsed.success) {
      const fields: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) fields[issue.path[0] as Field] ??= issue.message;
      fail(withSummary(FIELDS, fields));
      return;
    }
    clearErrors();
    create.mutate(parsed.data, { onError: (error) => fail(formErrorsFrom(error, FIELDS)) });
  };

  return (
    <div className="two-thirds">
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h1>Set up the organisation</h1>
      <h2>1. Reference data</h2>
      <p>
        {status.reference.areas} areas, {status.reference.snModels} statistical-neighbour models and{' '}
        {status.reference.populations} population figures are held. The product ships DfE’s list of local authorities
        and regions, both DfE statistical-neighbour models (April 2021 and May 2025) and ONS 0–17 populations.
      </p>
      {load.isError && <ErrorState error={load.error} onRetry={() => load.mutate()} />}
      {load.isSuccess && (
        <div className="notification" role="status">
          <p>
            Loaded {load.data.inserted.areas} areas, {load.data.inserted.snModels} models,{' '}
            {load.data.inserted.snNeighbours} neighbour links and {load.data.inserted.populations} populations.
          </p>
        </div>
      )}
      <button
        type="button"
        className="button button--secondary"
        aria-busy={load.isPending}
        onClick={() => load.mutate()}
      >
        Load the reference data
      </button>

      <h2>2. The organisation</h2>
      {status.organisation ? (
        <>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt className="summary-list__key">Organisation</dt>
              <dd className="summary-list__value">{status.organisation.name}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Local authority</dt>
              <dd className="summary-list__value">
                {status.organisation.areaCode} (DfE number {status.organisation.oldLaCode ?? 'none'})
              </dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Region</dt>
              <dd className="summary-list__value">{status.organisation.regionName ?? 'Not known'}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Statistical neighbours</dt>
              <dd className="summary-list__value">{status.organisation.snModelName ?? 'No model chosen'}</dd>
            </div>
          </dl>
          <CouncilNameForm
            key={status.organisation.areaCode}
            name={status.organisation.name}
            areaCode={status.organisation.areaCode}
          />
        </>
      ) : status.localAuthorities.length === 0 ? (
        <p>Load the reference data first: the local authority is chosen from it.</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <SelectField
            id="areaCode"
            label="Local authority"
            value={values.areaCode}
            onChange={set('areaCode')}
            options={[
              { value: '', label: 'Choose the local authority' },
              ...status.localAuthorities.map((la) => ({
                value: la.code,
                label: `${la.name}${la.oldLaCode ? ` (${la.oldLaCode})` : ''}${la.regionName ? `, ${la.regionName}` : ''}`,
              })),
            ]}
            error={errors?.fields.areaCode}
          />
          <TextField
            id="name"
            label="Organisation name"
            hint="As it appears on screens and exports, for example Dudley Metropolitan Borough Council."
            value={values.name}
            onChange={set('name')}
            error={errors?.fields.name}
          />
          <TextField
            id="providerName"
            label="Provider under contract (optional)"
            hint="The trust or company that runs the council's children's social care under contract, as it should appear on screens and exports; leave it empty if the council runs it itself."
            value={values.providerName}
            onChange={set('providerName')}
            error={errors?.fields.providerName}
          />
          <SelectField
            id="snModelCode"
            label="Statistical-neighbour model"
            value={values.snModelCode}
            onChange={set('snModelCode')}
            options={[
              { value: '', label: 'The newest model that lists the authority' },
              ...status.snModels.map((m) => ({ value: m.code, label: m.name })),
            ]}
            error={errors?.fields.snModelCode}
          />
          <button type="submit" className="button" aria-busy={create.isPending}>
            Set up the organisation
          </button>
        </form>
      )}

      {status.organisation && status.mayAddCouncils && (
        <p>
          This deployment can serve more councils: <Link to={ADD_COUNCIL_PATH}>Add a council</Link> from the DfE list,
          starting empty or from a council’s KPI set.
        </p>
      )}

      <h2>3. Then</h2>
      <ol className="link-list">
        <li>
          <Link to="/users/new">Add the accounts</Link>: at least one commissioner, who approves the administrator’s KPI
          set and band proposals (and the other way round).
        </li>
        <li>
          <Link to={CONTRACT_PATH}>Set up the contract</Link>: KPIs, sets and bands on screen, or{' '}
          <Link to={SCHEDULE_PATH}>from the contract schedule spreadsheet</Link>.
        </li>
        <li>
          <Link to="/benchmarks">Load DfE comparators</Link> from the Explore Education Statistics files.
        </li>
        <li>
          <Link to="/returns">Load the first monthly return</Link>.
        </li>
        <li>
          <Link to="/contract/meetings/new">Add the first meeting</Link>, and publish it from{' '}
          <Link to="/meetings">Meetings</Link> once it has been held.
        </li>
      </ol>
    </div>
  );
}
