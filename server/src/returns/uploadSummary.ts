import type {
  ReturnCommitInfo,
  ReturnCounts,
  ReturnFileFormat,
  ReturnLayout,
  ReturnReport,
  ReturnUploadSummary,
  Role,
} from '@kpi/shared';
import { AppError } from '../errors';
import type { UploadRow } from './returnsRepository';
import { restoreRows, type StoredRows, storeRows } from './storedRows';
import type { CheckedRow } from './validate';

/** A preview as the service works with it: what the upload's `summary` column holds, rows restored. */
export interface PreviewSummary {
  format: ReturnFileFormat | null;
  layout: ReturnLayout | null;
  encoding: string | null;
  sheetName: string | null;
  /** The role of the person who previewed it: locked months were checked for this role. */
  previewedAs: Role;
  report: ReturnReport;
  counts: ReturnCounts;
  rows: CheckedRow[];
}

/**
 * What the `summary` column holds: version 2 keeps the rows as tuples (`storedRows.ts`);
 * version 1 (uploads previewed before) kept each row as an object.
 */
export type StoredSummary = Omit<PreviewSummary, 'rows'> &
  ({ version: 1; rows: CheckedRow[] } | { version: 2; checked: StoredRows });

export function storeSummary({ rows, ...rest }: PreviewSummary): StoredSummary {
  return { version: 2, ...rest, checked: storeRows(rows) };
}

/** What an upload's `commit` column holds once it has been loaded. */
export function commitOf(upload: UploadRow): ReturnCommitInfo | null {
  return (upload.commit as ReturnCommitInfo | null) ?? null;
}

export function readSummary(upload: UploadRow): PreviewSummary {
  const summary = upload.summary as StoredSummary | null;
  if (summary?.version === 2) {
    const { version: _version, checked, ...rest } = summary;
    return { ...rest, rows: restoreRows(checked) };
  }
  if (summary?.version === 1) {
    const { version: _version, ...rest } = summary;
    return rest;
  }
  throw new AppError(500, 'Internal server error', `Upload ${upload.id} has no stored preview.`);
}

export function uploadSummaryDto(upload: UploadRow, uploaderName: string | null): ReturnUploadSummary {
  const summary = upload.summary as StoredSummary | null;
  return {
    id: upload.id,
    fileName: upload.fileName,
    sha256: upload.sha256,
    byteSize: upload.byteSize,
    format: summary?.format ?? null,
    layout: summary?.layout ?? null,
    encoding: summary?.encoding ?? null,
    sheetName: summary?.sheetName ?? null,
    uploadedAt: upload.uploadedAt.toISOString(),
    uploadedBy: uploaderName,
    outcome: upload.outcome,
  };
}
