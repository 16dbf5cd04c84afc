import { formatUkDateTime, type ReturnUploadConflictCode } from '@kpi/shared';
import { ConflictError } from '../errors';
import type { UploadRow } from './returnsRepository';

/**
 * What became of a monthly return upload after its preview — loaded or abandoned — read from its
 * commit record and stored summary, and the 409 that says so when someone tries to load (or abandon) it again.
 * Each conflict carries a stable `code` (`RETURN_UPLOAD_CONFLICT_CODES`) for the client.
 */

export interface AbandonInfo {
  abandonedAt: string;
  abandonedBy: string | null;
}

/** Stored in `uploads.summary.abandon`. */
export interface StoredAbandon extends AbandonInfo {
  userId: number;
}

interface StateSummary {
  abandon?: StoredAbandon | null;
}

/** Stored in `uploads.commit`. */
interface StoredCommit {
  committedAt: string;
  committedBy: string | null;
}

function commitOf(upload: UploadRow): StoredCommit | null {
  return (upload.commit as StoredCommit | null) ?? null;
}

function summaryOf(upload: UploadRow): StateSummary {
  return (upload.summary as StateSummary | null) ?? {};
}

function when(at: string, by: string | null): string {
  return `${formatUkDateTime(new Date(at))}${by ? ` by ${by}` : ''}`;
}

export function abandonInfo(upload: UploadRow): AbandonInfo | null {
  const abandon = upload.outcome === 'abandoned' ? summaryOf(upload).abandon : null;
  return abandon ? { abandonedAt: abandon.abandonedAt, abandonedBy: abandon.abandonedBy } : null;
}

/** The page's sentence for an abandoned upload. */
export function abandonedMessage(upload: UploadRow): string {
  const abandon = abandonInfo(upload);
  return abandon
    ? `This upload was abandoned on ${when(abandon.abandonedAt, abandon.abandonedBy)}; nothing from it was saved.`
    : 'This upload was abandoned; nothing from it was saved.';
}

/** Why an upload that is no longer `validated` cannot be loaded, as a coded 409. */
export function notLoadableConflict(upload: UploadRow): ConflictError {
  const commit = commitOf(upload);
  if (upload.outcome === 'committed' || upload.outcome === 'no_change') {
    const at = commit ? ` on ${when(commit.committedAt, commit.committedBy)}` : '';
    return conflict(
      `This upload was already loaded${at}. It cannot be loaded twice; upload the file again to see what it would change now.`,
      'already_committed',
    );
  }
  if (upload.outcome === 'abandoned') {
    const abandon = abandonInfo(upload);
    const at = abandon ? ` on ${when(abandon.abandonedAt, abandon.abandonedBy)}` : '';
    return conflict(
      `This upload was abandoned${at}, so nothing from it can be loaded. Upload the file again if its figures should be loaded.`,
      'upload_abandoned',
    );
  }
  return new ConflictError(`This upload cannot be loaded: its state is "${upload.outcome}".`);
}

/** Why an upload cannot be abandoned: it was loaded, or abandoned already. */
export function notAbandonableConflict(upload: UploadRow): ConflictError {
  const commit = commitOf(upload);
  if (upload.outcome === 'committed' || upload.outcome === 'no_change') {
    const at = commit ? ` on ${when(commit.committedAt, commit.committedBy)}` : '';
    return conflict(
      `This upload was loaded${at}, so it cannot be abandoned. To correct its figures, upload a corrected file.`,
      'already_committed',
    );
  }
  if (upload.outcome === 'abandoned') {
    const abandon = abandonInfo(upload);
    const at = abandon ? ` on ${when(abandon.abandonedAt, abandon.abandonedBy)}` : '';
    return conflict(`This upload was already abandoned${at}.`, 'upload_abandoned');
  }
  return conflict(
    'This upload has problems that stop it being loaded, so there is nothing to abandon: it will never be loaded.',
    'upload_rejected',
  );
}

/** Figures the preview showed have since been changed by another upload. */
export function dataChangedConflict(list: string): ConflictError {
  return conflict(
    `Figures in this file have changed in the dashboard since it was checked (${list}), probably by another upload. Nothing was saved. Upload the file again to see a fresh preview.`,
    'data_changed',
  );
}

export function meetingLockedConflict(): ConflictError {
  return conflict(
    'A meeting has been locked since this file was checked, so some of its months can no longer be changed in the same way. Nothing was saved. Upload the file again to see a fresh preview.',
    'meeting_locked',
  );
}

function conflict(detail: string, code: ReturnUploadConflictCode): ConflictError {
  return new ConflictError(detail, code);
}
