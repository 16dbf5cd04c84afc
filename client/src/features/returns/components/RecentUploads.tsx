import type { ReturnCounts, ReturnUploadListResponse } from '@kpi/shared';
import { formatUkDateTime } from '@kpi/shared';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { useReturnUploads } from '../api/getReturnUploads';
import { uploadPath } from '../paths';
import { plural } from '../words';
import { CellNote } from './CellNote';
import { OutcomeTag } from './OutcomeTag';
import '../returns.css';

export const RECENT_UPLOADS = 10;

type Upload = ReturnUploadListResponse['uploads'][number];

function figuresWords(upload: Upload, counts: ReturnCounts | null): string {
  if (!counts) return '';
  if (upload.outcome === 'rejected') return plural(counts.errors, 'problem');
  const parts =
    counts.valueChanged !== undefined && counts.confirmed !== undefined
      ? [
          `${counts.new} new`,
          `${counts.valueChanged} changed`,
          `${counts.confirmed} confirmed`,
          `${counts.unchanged} unchanged`,
        ]
      : [`${counts.new} new`, `${counts.changed} changed`, `${counts.unchanged} unchanged`];
  if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning'));
  return parts.join(', ');
}

function UploadTable({ uploads }: { uploads: readonly Upload[] }) {
  return (
    <ScrollableTable label="Recent uploads (table)">
      <table className="table">
        <caption className="visually-hidden">Recent uploads, newest first</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Uploaded</th>
            <th scope="col">Outcome</th>
            <th scope="col">Figures</th>
          </tr>
        </thead>
        <tbody>
          {uploads.map((upload) => (
            <tr key={upload.id}>
              <th scope="row" className="cell-file">
                <Link to={uploadPath(upload.id)}>{upload.fileName}</Link>
              </th>
              <td>
                {formatUkDateTime(upload.uploadedAt)}
                {upload.uploadedBy && <CellNote>by {upload.uploadedBy}</CellNote>}
              </td>
              <td>
                <OutcomeTag outcome={upload.outcome} />
              </td>
              <td>{figuresWords(upload, upload.counts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

/** The latest uploads, each linking to its problems, preview or record. */
export function RecentUploads() {
  const uploads = useReturnUploads(RECENT_UPLOADS);
  if (uploads.isPending) return <LoadingState>Loading the recent uploads…</LoadingState>;
  if (uploads.isError) return <ErrorState error={uploads.error} onRetry={() => void uploads.refetch()} />;
  if (uploads.data.uploads.length === 0) {
    return (
      <EmptyState title="No returns uploaded yet">
        <p>Uploads will be listed here, with what happened to each.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <UploadTable uploads={uploads.data.uploads} />
      {uploads.data.uploads.length >= RECENT_UPLOADS && (
        <p className="secondary-text">The {RECENT_UPLOADS} most recent uploads are shown.</p>
      )}
    </>
  );
}
