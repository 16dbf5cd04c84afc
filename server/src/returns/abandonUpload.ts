import { formatUkDateTime, type ReturnAbandonResponse, type Role } from '@kpi/shared';
import { recordAudit } from '../audit/auditRepository';
import type { DbOrTx } from '../db/database';
import { AppError, ForbiddenError, NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { findUpload, findUploadForUpdate, lockReturnsForOrganisation, updateUpload } from './returnsRepository';
import { notAbandonableConflict, type StoredAbandon } from './uploadState';
import { uploadSummaryDto } from './uploadSummary';

/**
 * Abandoning a checked upload that will not be loaded (the wrong file, a draft, superseded by a
 * corrected one), so that the upload list no longer shows it waiting. Nothing is deleted: the file
 * and its report stay, the outcome becomes `abandoned`, and it can never be loaded afterwards.
 * The person who uploaded it may abandon it, and so may a commissioner or an administrator (who
 * answer for the returns); another analyst may not. It runs under the same advisory lock as a
 * commit, so an upload is either loaded or abandoned, never both.
 */

const MAY_ABANDON_ANY: readonly Role[] = ['commissioner', 'admin'];

export async function abandonUpload(
  db: DbOrTx,
  context: RequestContext,
  id: number,
  now: () => Date,
): Promise<ReturnAbandonResponse> {
  const audit = (outcome: 'success' | 'refused', details: Record<string, unknown>, on: DbOrTx = db) =>
    recordAudit(on, { ...context.auditActor(), action: 'return.abandon', target: `upload ${id}`, outcome, details });
  const actor = context.user!;
  const organisation = await context.requireOrganisation(db);
  const found = await findUpload(db, organisation.id, id);
  if (!found) throw new NotFoundError(`There is no monthly return upload ${id}.`);
  try {
    if (found.upload.uploadedBy !== actor.id && !MAY_ABANDON_ANY.includes(actor.role)) {
      throw new ForbiddenError(
        `Only ${found.uploaderName ?? 'the person who uploaded it'}, a commissioner or an administrator can abandon this upload.`,
      );
    }
    return await db.transaction(async (tx) => {
      await lockReturnsForOrganisation(tx, organisation.id);
      const upload = await findUploadForUpdate(tx, id);
      if (upload?.outcome !== 'validated') throw notAbandonableConflict(upload ?? found.upload);
      const abandon: StoredAbandon = {
        abandonedAt: now().toISOString(),
        abandonedBy: actor.displayName,
        userId: actor.id,
      };
      const summary = { ...((upload.summary as Record<string, unknown> | null) ?? {}), abandon };
      await updateUpload(tx, id, { outcome: 'abandoned', summary });
      await audit('success', { fileName: upload.fileName, sha256: upload.sha256 }, tx);
      const abandoned = { ...upload, outcome: 'abandoned' as const, summary };
      return {
        upload: uploadSummaryDto(abandoned, found.uploaderName),
        abandon: { abandonedAt: abandon.abandonedAt, abandonedBy: abandon.abandonedBy },
        message: `Abandoned on ${formatUkDateTime(new Date(abandon.abandonedAt))}: nothing from ${upload.fileName} was saved, and it can no longer be loaded.`,
      };
    });
  } catch (error) {
    if (error instanceof AppError) await audit('refused', { status: error.status, reason: error.message });
    throw error;
  }
}
