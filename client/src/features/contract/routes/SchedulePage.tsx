import {
  dateToMonth,
  formatMonth,
  graceTrimsInWords,
  SCHEDULE_COLUMNS,
  type ScheduleUpload,
  scheduleUploadSchema,
} from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { ProblemMessage } from '../../../components/ProblemMessage';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { apiFetch, apiUploadFile, isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { ACCEPTED_FILES, contentTypeFor } from '../../returns';
import { CONTRACT_PATH } from '../paths';
import '../contract.css';
import { withOrganisation } from '../../../lib/organisationInView';

function useUploadSchedule() {
  return useMutation({
    mutationFn: (file: File) =>
      apiUploadFile(
        `/api/contract/schedule/uploads?${new URLSearchParams({ fileName: file.name })}`,
        scheduleUploadSchema,
        file,
        contentTypeFor(file.name) ?? 'application/octet-stream',
      ),
  });
}

function useConfirmSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiFetch(`/api/contract/schedule/uploads/${id}/confirm`, scheduleUploadSchema, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

function PlanSummary({ upload }: { upload: ScheduleUpload }) {
  const plan = upload.plan;
  if (!plan) return null;
  const nothing = plan.newIndicators.length + plan.sets.length + plan.bandChanges.length === 0;
  return (
    <>
      <h2>What confirming it does</h2>
      {nothing && (
        <p>
          Nothing: every set and band in the file is already held as written ({plan.unchangedSets} sets,{' '}
          {plan.unchangedBands} bands).
        </p>
      )}
      {plan.newIndicators.length > 0 && (
        <p>
          Adds {plan.newIndicators.length} KPI{plan.newIndicators.length === 1 ? '' : 's'} to the library:{' '}
          {plan.newIndicators.map((i) => `${i.code} (${i.title})`).join(', ')}.
        </p>
      )}
      {plan.sets.map((set) => (
        <p key={set.code}>
          Proposes {set.replaces ? 'a change to' : 'the new'} set {set.name} ({set.code}) from{' '}
          {formatMonth(dateToMonth(set.effectiveFrom))}
          {set.effectiveTo ? ` to ${formatMonth(dateToMonth(set.effectiveTo))}` : ''}: {set.indicatorCodes.join(', ')}
          {set.graceCount > 0 ? `, with ${set.graceCount} grace period${set.graceCount === 1 ? '' : 's'}` : ''}.
          {set.ends.map(
            (end) =>
              ` ${end.name} (${end.code}) will end in ${formatMonth(dateToMonth(end.effectiveTo))}.${end.graceTrimmed.length > 0 ? ` ${graceTrimsInWords(end.code, end.graceTrimmed)}` : ''}`,
          )}
        </p>
      ))}
      {plan.bandChanges.length > 0 && (
        <ScrollableTable label="Bands proposed">
          <table className="table">
            <caption className="caption caption--left">Bands proposed ({plan.bandChanges.length})</caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col">From</th>
                <th scope="col">Target</th>
                <th scope="col">Tolerance (amber)</th>
                <th scope="col">Failure</th>
              </tr>
            </thead>
            <tbody>
              {plan.bandChanges.map((band) => (
                <tr key={`${band.indicatorCode}-${band.effectiveFrom}`}>
                  <th scope="row">{band.indicatorCode}</th>
                  <td>{formatMonth(dateToMonth(band.effectiveFrom))}</td>
                  <td>{band.target}</td>
                  <td>{band.tolerance ?? 'Between target and failure'}</td>
                  <td>{band.failure}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </>
  );
}

/**
 * The contract schedule as a spreadsheet: download it, upload a changed copy, check what it would
 * do, then confirm. Set and band changes then wait for a second person's approval.
 */
export default function SchedulePage() {
  useDocumentTitle('Contract schedule file');
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const upload = useUploadSchedule();
  const confirm = useConfirmSchedule();
  const [fileError, setFileError] = useState<string | null>(null);
  const current = confirm.data ?? upload.data;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError('Select the contract schedule file');
      return;
    }
    if (!contentTypeFor(file.name)) {
      setFileError('The selected file must be a CSV or an Excel (.xlsx) file');
      return;
    }
    setFileError(null);
    confirm.reset();
    upload.mutate(file);
  };
  const failure = upload.error ?? confirm.error;

  return (
    <div className="two-thirds">
      <p>
        <Link to={CONTRACT_PATH}>Back to the contract</Link>
      </p>
      {fileError && <ErrorSummary items={[{ text: fileError, fieldId: inputId }]} focusKey={1} />}
      {failure && (
        <div className="error-summary" role="alert">
          {isApiError(failure) ? <ProblemMessage error={failure} /> : <p>Sorry, something went wrong. Try again.</p>}
        </div>
      )}
      <h1>Contract schedule file</h1>
      <p>
        Every KPI set with its KPIs, bands (in the contract’s words), grace periods and dates, one row per KPI in a set.
        Change it in a spreadsheet and upload it here: new KPIs are added to the library, and set and band changes are
        proposed for a second person to approve.
      </p>
      <ul className="link-list">
        <li>
          <a href={withOrganisation('/api/contract/schedule.xlsx')} download>
            Download the schedule (Excel, .xlsx)
          </a>
        </li>
        <li>
          <a href={withOrganisation('/api/contract/schedule.csv')} download>
            Download the schedule (CSV)
          </a>
        </li>
      </ul>
      <details className="details">
        <summary className="details__summary">The columns</summary>
        <dl className="summary-list">
          {SCHEDULE_COLUMNS.map((column) => (
            <div className="summary-list__row" key={column.name}>
              <dt className="summary-list__key">{column.name}</dt>
              <dd className="summary-list__value">{column.meaning}</dd>
            </div>
          ))}
        </dl>
      </details>
      <h2>Upload a schedule</h2>
      <form onSubmit={onSubmit} noValidate>
        <div className={fileError ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor={inputId}>
            Schedule file (CSV or Excel)
          </label>
          {fileError && (
            <p className="error-message">
              <span className="visually-hidden">Error:</span> {fileError}
            </p>
          )}
          <input className="file-upload" id={inputId} type="file" accept={ACCEPTED_FILES} ref={fileRef} />
        </div>
        <button type="submit" className="button" aria-busy={upload.isPending}>
          Check the file
        </button>
      </form>
      {current && (
        <section aria-live="polite">
          {current.status === 'rejected' && (
            <>
              <h2>
                {current.problems.length} problem{current.problems.length === 1 ? '' : 's'} in {current.fileName}
              </h2>
              <p>Nothing has changed. Correct the file and upload it again.</p>
              <ScrollableTable label="Problems in the file">
                <table className="table">
                  <caption className="visually-hidden">Problems in the file</caption>
                  <thead>
                    <tr>
                      <th scope="col">Where</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {current.problems.map((problem) => (
                      <tr key={`${problem.location}-${problem.message}`}>
                        <td>{problem.location ?? 'The file'}</td>
                        <td>{problem.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            </>
          )}
          {current.status === 'ready' && (
            <>
              <PlanSummary upload={current} />
              <p>Nothing has changed yet.</p>
              <button
                type="button"
                className="button"
                aria-busy={confirm.isPending}
                onClick={() => confirm.mutate(current.id)}
              >
                Confirm the schedule
              </button>
            </>
          )}
          {current.status === 'confirmed' && (
            <div className="notification" role="status">
              <p>
                Confirmed. {current.proposalIds.length} change{current.proposalIds.length === 1 ? '' : 's'} now wait for
                a second person’s approval on the <Link to={CONTRACT_PATH}>contract page</Link>.
              </p>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
