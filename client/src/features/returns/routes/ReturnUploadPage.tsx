import type { ReturnUploadResponse } from '@kpi/shared';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { LoadingState } from '../../../components/LoadingState';
import { PagedList } from '../../../components/PagedList';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useReturnUpload } from '../api/getReturnUpload';
import { AbandonUpload } from '../components/AbandonUpload';
import { CommitErrorSummary, CommitForm, useCommitForm } from '../components/CommitForm';
import { LoadedPanel } from '../components/LoadedPanel';
import { PreviewCounts } from '../components/PreviewCounts';
import { PreviewLists } from '../components/PreviewLists';
import { ChangedTable, FigureTable } from '../components/PreviewTables';
import { ProblemTable, problemRowId } from '../components/ProblemTable';
import { Section } from '../components/Section';
import { UploadErrorSummary, UploadForm, useUploadForm } from '../components/UploadForm';
import { UploadRecord } from '../components/UploadRecord';
import { byEffect } from '../figuresByKpi';
import { RETURNS_PATH, reportUrl, uploadPath } from '../paths';
import { plural, problemLocation } from '../words';
import '../returns.css';

/** More than this many problems and the summary lists the first ones, then points to the full table. */
export const SUMMARY_LIMIT = 20;

function BackLink() {
  return (
    <p>
      <Link to={RETURNS_PATH} className="back-link">
        Monthly returns
      </Link>
    </p>
  );
}

function FileCaption({ data }: { data: ReturnUploadResponse }) {
  return <p className="caption file-caption">{data.upload.fileName}</p>;
}

function AboutUpload({ data }: { data: ReturnUploadResponse }) {
  return (
    <details className="details">
      <summary className="details__summary">About this upload</summary>
      <div className="details__text">
        <UploadRecord data={data} />
      </div>
    </details>
  );
}

/** The file has errors: the summary names every problem and where, the table lists them all, the form takes a corrected file. */
function RejectedUpload({ data }: { data: ReturnUploadResponse }) {
  const form = useUploadForm();
  const { errors, warnings } = data.report;
  useDocumentTitle('Correct the problems in the file', { hasErrors: true });
  const shown = errors.slice(0, SUMMARY_LIMIT);
  return (
    <>
      <UploadErrorSummary form={form} />
      <ErrorSummary
        items={shown.map((problem, index) => ({
          text: `${problemLocation(problem)}: ${problem.message}`,
          fieldId: problemRowId('error', index),
        }))}
        focusKey={data.upload.id}
      >
        {errors.length > shown.length && (
          <p>
            <a href="#errors-heading">
              See all {errors.length} problems in the table below ({errors.length - shown.length} more)
            </a>
          </p>
        )}
      </ErrorSummary>
      <BackLink />
      <FileCaption data={data} />
      <h1>Correct the problems in the file</h1>
      <p className="lead">{data.message}</p>
      <Section id="errors-heading" title={`Problems to correct (${errors.length})`}>
        <p>Correct each one in your spreadsheet, save it, and upload it again.</p>
        <ProblemTable problems={errors} label={`Problems to correct in ${data.upload.fileName}`} />
        <p>
          <a href={reportUrl(data.upload.id)} download>
            Download the full report (CSV)
          </a>{' '}
          <span className="secondary-text">to work through the problems in a spreadsheet.</span>
        </p>
      </Section>
      {warnings.length > 0 && (
        <Section id="warnings-heading" title={`Also check (${plural(warnings.length, 'warning')})`}>
          <p>These figures are unusual. Check them while you correct the file.</p>
          <ProblemTable problems={warnings} label={`Warnings in ${data.upload.fileName}`} />
        </Section>
      )}
      <Section id="reupload-heading" title="Upload a corrected file">
        <div className="two-thirds">
          <UploadForm form={form} label="Upload the corrected file" />
        </div>
      </Section>
      <AboutUpload data={data} />
    </>
  );
}

/** The file is valid: what loading it would do, and the form that loads it. */
function PreviewUpload({ data, onLoaded }: { data: ReturnUploadResponse; onLoaded: () => void }) {
  const commit = useCommitForm(data, onLoaded);
  const upload = useUploadForm();
  const { warnings } = data.report;
  const hasChanges = data.counts.new + data.counts.changed + data.counts.comments > 0;
  const title = hasChanges
    ? 'Check the figures before you load them'
    : data.alreadyLoaded
      ? 'This file has already been loaded'
      : 'Nothing to load';
  useDocumentTitle(title, { hasErrors: commit.errors !== null || upload.error !== null });
  const askForFile = commit.errors?.conflict === true || upload.error !== null;

  return (
    <>
      <UploadErrorSummary form={upload} />
      <CommitErrorSummary form={commit} />
      <BackLink />
      <FileCaption data={data} />
      <h1>{title}</h1>
      {data.alreadyLoaded && (
        <div className="inset already-loaded">
          <p>{data.alreadyLoaded.message}</p>
          <p>
            <Link to={uploadPath(data.alreadyLoaded.uploadId)}>See the upload that loaded it</Link>
          </p>
        </div>
      )}
      {!(data.alreadyLoaded && !hasChanges) && <p className="lead">{data.message}</p>}
      <PreviewCounts data={data} />

      {warnings.length > 0 && (
        <Section id="warnings-heading" title={`Warnings (${warnings.length})`}>
          <div className="warning-text">
            <span className="warning-text__icon" aria-hidden="true">
              !
            </span>
            <p className="warning-text__text">
              <span className="visually-hidden">Warning: </span>
              Check these figures before you load them. They are unusual or change what has already been reported.
            </p>
          </div>
          <PagedList
            items={warnings}
            noun="warnings"
            render={(shown) => <ProblemTable problems={shown} label={`Warnings in ${data.upload.fileName}`} />}
          />
        </Section>
      )}
      <PreviewLists preview={data.preview} />

      {hasChanges ? (
        <CommitForm form={commit} data={data} />
      ) : (
        <p>
          There is nothing to load from this file. <Link to={RETURNS_PATH}>Go back to monthly returns</Link>.
        </p>
      )}
      {askForFile && (
        <Section id="reupload-heading" title="Check the file again">
          <div className="two-thirds">
            <UploadForm form={upload} label="Upload the file again" />
          </div>
        </Section>
      )}
      <AbandonUpload data={data} />
      <AboutUpload data={data} />
    </>
  );
}

/** Loaded (or loaded with nothing to change): the confirmation and the upload's record. */
function LoadedUpload({ data, justLoaded }: { data: ReturnUploadResponse; justLoaded: boolean }) {
  useDocumentTitle(data.upload.outcome === 'committed' ? 'Figures loaded' : 'Nothing changed');
  const { newValues } = data.preview;
  const [changedValues, confirmed] = byEffect(data.preview.changedValues);
  return (
    <>
      <BackLink />
      <FileCaption data={data} />
      <LoadedPanel data={data} focus={justLoaded} />
      <Section id="record-heading" title="Record of this upload">
        <UploadRecord data={data} />
      </Section>
      {changedValues.length > 0 && (
        <Section id="changed-heading" title={`Figures changed (${changedValues.length})`}>
          <PagedList
            items={changedValues}
            noun="figures changed"
            render={(items) => (
              <ChangedTable
                items={items}
                caption="Figures changed: the figure before and the figure loaded"
                oldLabel="Before"
                newLabel="Loaded"
              />
            )}
          />
        </Section>
      )}
      {confirmed.length > 0 && (
        <details className="details section">
          <summary className="details__summary">Figures confirmed ({confirmed.length})</summary>
          <div className="details__text">
            <p>The same value as before, now from this return.</p>
            <PagedList
              items={confirmed}
              noun="figures confirmed"
              render={(items) => (
                <ChangedTable
                  items={items}
                  caption="Figures confirmed: the figure before and the same figure loaded"
                  oldLabel="Before"
                  newLabel="Loaded"
                />
              )}
            />
          </div>
        </details>
      )}
      {newValues.length > 0 && (
        <details className="details section">
          <summary className="details__summary">New figures ({newValues.length})</summary>
          <div className="details__text">
            <PagedList
              items={newValues}
              noun="new figures"
              render={(items) => <FigureTable items={items} caption="New figures" />}
            />
          </div>
        </details>
      )}
    </>
  );
}

function AbandonedUpload({ data }: { data: ReturnUploadResponse }) {
  useDocumentTitle('Upload abandoned');
  // Focus follows the person who has just abandoned it here (the confirmation is gone).
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body) heading.current?.focus();
  }, []);
  return (
    <>
      <BackLink />
      <FileCaption data={data} />
      <h1 ref={heading} tabIndex={-1}>
        Upload abandoned
      </h1>
      <p className="lead">{data.message}</p>
      <UploadRecord data={data} />
    </>
  );
}

function UploadNotFound({ detail }: { detail?: string | undefined }) {
  useDocumentTitle('Upload not found');
  return (
    <>
      <h1>Upload not found</h1>
      <p>{detail ?? 'There is no upload at this address.'}</p>
      <p>
        <Link to={RETURNS_PATH}>Go to monthly returns</Link>
      </p>
    </>
  );
}

function UploadLoading() {
  useDocumentTitle('Monthly return');
  return (
    <>
      <h1>Monthly return</h1>
      <LoadingState>Loading the upload…</LoadingState>
    </>
  );
}

function UploadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  useDocumentTitle('Monthly return', { hasErrors: true });
  return (
    <>
      <BackLink />
      <h1>Monthly return</h1>
      <ErrorState error={error} onRetry={onRetry} />
    </>
  );
}

function UploadView({ id }: { id: number }) {
  const upload = useReturnUpload(id);
  // Set when this page loaded the figures, so focus moves to the confirmation.
  const [justLoaded, setJustLoaded] = useState(false);

  if (upload.isPending) return <UploadLoading />;
  if (upload.isError) {
    if (isApiError(upload.error) && upload.error.status === 404) return <UploadNotFound detail={upload.error.detail} />;
    return <UploadFailed error={upload.error} onRetry={() => void upload.refetch()} />;
  }
  const { data } = upload;
  switch (data.upload.outcome) {
    case 'rejected':
      return <RejectedUpload data={data} />;
    case 'validated':
      return <PreviewUpload data={data} onLoaded={() => setJustLoaded(true)} />;
    case 'committed':
    case 'no_change':
      return <LoadedUpload data={data} justLoaded={justLoaded} />;
    case 'abandoned':
      return <AbandonedUpload data={data} />;
  }
}

/** `/returns/uploads/:id`: the upload's problems, its preview and the load form, or its confirmation. */
export default function ReturnUploadPage() {
  const { id } = useParams();
  const uploadId = Number(id);
  if (!/^\d+$/.test(id ?? '') || !Number.isSafeInteger(uploadId) || uploadId < 1) {
    return <UploadNotFound />;
  }
  // Keyed, so a new upload (a corrected file) starts with a fresh form.
  return <UploadView key={uploadId} id={uploadId} />;
}
