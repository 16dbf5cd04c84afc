import {
  type CurrentUser,
  formatMonth,
  mayCommitUpload,
  monthToDate,
  type ObservationStatus,
  type ReturnCommitBody,
  type ReturnCommitInfo,
  type ReturnCommitResponse,
  returnCommentaryState,
} from '@kpi/shared';
import { recordAudit } from '../audit/auditRepository';
import { appendCommentaryVersions } from '../commentary/commentaryRepository';
import type { DbOrTx } from '../db/database';
import { AppError, BadRequestError, ForbiddenError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { effectCounts, figureEffects } from './figureEffects';
import { saveFiguresWithRevisions } from './observationWrites';
import {
  findUploadForUpdate,
  findUploadStateForUpdate,
  loadFigures,
  lockReturnsForOrganisation,
  recordUploadCommit,
  type UploadRow,
} from './returnsRepository';
import type { ReturnsDeps } from './serviceContext';
import { needsReason, requireUpload } from './uploadResponse';
import { dataChangedConflict, meetingLockedConflict, notLoadableConflict } from './uploadState';
import { type PreviewSummary, readSummary, uploadSummaryDto } from './uploadSummary';
import { type CheckedRow, canAmendLockedMonths, type ExistingFigure } from './validate';
import { commentKey, heldComments, loadMonthLocks, monthSpan, toExisting } from './validationInputs';
import { changeWords, plural, ratingWords } from './wording';

/** Commit: all or nothing, under an advisory lock. */

const REASON_FOR_ILLUSTRATIVE = 'replaces illustrative demo data';

function sameFigure(a: ExistingFigure | null, b: ExistingFigure | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.value === b.value &&
    a.symbol === b.symbol &&
    a.numerator === b.numerator &&
    a.denominator === b.denominator &&
    a.provenance === b.provenance
  );
}

function statusFor(row: CheckedRow): ObservationStatus {
  if (row.lockedMonth) return 'revised';
  if (row.change === 'changed' && !row.replacesIllustrative) return 'revised';
  return 'provisional';
}

function reasonFor(row: CheckedRow, reason: string | null): string | null {
  if (row.replacesIllustrative) return reason ?? REASON_FOR_ILLUSTRATIVE;
  if (row.change === 'changed' || row.lockedMonth) return reason;
  return null;
}

export async function commitUpload(
  deps: ReturnsDeps,
  context: RequestContext,
  id: number,
  body: ReturnCommitBody,
): Promise<ReturnCommitResponse> {
  const { db } = deps;
  const organisation = await context.requireOrganisation();
  const actor = context.user!;
  const audit = (outcome: 'success' | 'failure' | 'refused', details: Record<string, unknown>, on: DbOrTx = db) =>
    recordAudit(on, { ...context.auditActor(), action: 'return.commit', target: `upload ${id}`, outcome, details });

  try {
    const found = await requireUpload(db, organisation.id, id);
    const summary = readSummary(found.upload);
    const reason = body.reason && body.reason.trim() !== '' ? body.reason.trim() : null;
    refuseUnlessCommittable(found.upload, summary, actor, body, reason);

    const result = await db.transaction(async (tx) => {
      await lockReturnsForOrganisation(tx, organisation.id);
      const state = await findUploadStateForUpdate(tx, id);
      if (state?.outcome !== 'validated') {
        // Rare: only the refusal needs the whole row, to say when and by whom.
        throw notLoadableConflict((await findUploadForUpdate(tx, id)) ?? found.upload);
      }
      const upload = found.upload;
      await recheckInsideLock(tx, organisation.id, summary.rows);
      const now = deps.now();
      const written = await writeFigures(tx, upload, summary.rows, actor, reason, now);
      const seen = effectCounts(await figureEffects(tx, summary.rows));
      const outcome: 'committed' | 'no_change' =
        written.created + written.changed + written.comments > 0 ? 'committed' : 'no_change';
      const commit: ReturnCommitInfo = {
        committedAt: now.toISOString(),
        committedBy: actor.displayName,
        reason,
        created: written.created,
        changed: written.changed,
        ...seen,
        revisionsWritten: written.revisions,
        commentsSaved: written.comments,
      };
      await recordUploadCommit(tx, id, outcome, commit);
      await audit('success', { outcome, ...commit, fileName: upload.fileName, sha256: upload.sha256 }, tx);
      return { upload: { ...upload, outcome, commit } as UploadRow, outcome, commit };
    });

    const message =
      result.outcome === 'no_change'
        ? 'Nothing changed: every figure in the file was already in the dashboard.'
        : `Loaded: ${changeWords({ ...result.commit, comments: result.commit.commentsSaved })}.${ratingWords(result.commit.ratingChanged, 'did')}`;
    return {
      upload: uploadSummaryDto(result.upload, found.uploaderName),
      outcome: result.outcome,
      commit: result.commit,
      message,
    };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.status !== 404) await audit('refused', { status: error.status, reason: error.message });
    } else {
      await audit('failure', { reason: 'the commit failed and was rolled back; nothing was written' });
    }
    throw error;
  }
}

function refuseUnlessCommittable(
  upload: UploadRow,
  summary: PreviewSummary,
  actor: CurrentUser,
  body: ReturnCommitBody,
  reason: string | null,
): void {
  if (!mayCommitUpload(actor, upload.uploadedBy)) {
    throw new ForbiddenError(
      'An analyst can load only a return they uploaded themselves. Ask the commissioner who uploaded it, or an administrator, to load it.',
    );
  }
  if (upload.outcome === 'rejected') {
    throw new BadRequestError(
      `This upload has ${plural(summary.counts.errors, 'problem')} that must be corrected first. Correct the file and upload it again.`,
    );
  }
  if (upload.outcome !== 'validated') throw notLoadableConflict(upload);
  if (summary.counts.warnings > 0 && !body.confirmWarnings) {
    throw new BadRequestError(
      `The file has ${plural(summary.counts.warnings, 'warning')}. Read them and confirm before loading.`,
      [{ path: 'body.confirmWarnings', message: 'Confirm that you have checked the warnings' }],
    );
  }
  if (needsReason(summary.rows) && !reason) {
    throw new BadRequestError(
      'The file changes figures already reported or in a locked month, so a reason is needed.',
      [{ path: 'body.reason', message: 'Give a reason for changing figures that were already reported' }],
    );
  }
  const locked = summary.rows.filter((r) => r.lockedMonth && r.change !== 'unchanged');
  if (locked.length > 0 && !canAmendLockedMonths(actor.role)) {
    const months = [...new Set(locked.map((r) => formatMonth(r.month)))].join(', ');
    throw new ForbiddenError(
      `The file amends months presented to a locked meeting (${months}). Only a commissioner or an administrator can load it.`,
    );
  }
}

/** Inside the lock: the figures and locks must be what the preview showed, or the person must look again. */
async function recheckInsideLock(tx: DbOrTx, organisationId: number, rows: readonly CheckedRow[]) {
  const span = monthSpan(rows.map((r) => r.month));
  if (!span) return;
  const ids = [...new Set(rows.map((r) => r.indicatorId))];
  const current = new Map(
    (await loadFigures(tx, ids, monthToDate(span.first), monthToDate(span.last)))
      .map(toExisting)
      .map((e) => [`${e.indicatorId}|${e.month}`, e]),
  );
  const moved = rows.filter((r) => !sameFigure(r.old, current.get(`${r.indicatorId}|${r.month}`) ?? null));
  if (moved.length > 0) {
    const list = moved
      .slice(0, 5)
      .map((r) => `${r.kpiCode} ${formatMonth(r.month)}`)
      .join(', ');
    throw dataChangedConflict(`${list}${moved.length > 5 ? ` and ${moved.length - 5} more` : ''}`);
  }
  const locks = await loadMonthLocks(tx, organisationId);
  const newlyLocked = rows.filter((r) => r.change !== 'unchanged' && !r.lockedMonth && locks.has(r.month));
  if (newlyLocked.length > 0) {
    throw meetingLockedConflict();
  }
}

async function writeFigures(
  tx: DbOrTx,
  upload: UploadRow,
  rows: readonly CheckedRow[],
  actor: CurrentUser,
  reason: string | null,
  now: Date,
) {
  const changing = rows.filter((r) => r.change !== 'unchanged');
  await saveFiguresWithRevisions(
    tx,
    changing.map((r) => ({
      indicatorId: r.indicatorId,
      month: monthToDate(r.month),
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      symbol: r.symbol,
      status: statusFor(r),
      oldValue: r.old?.value ?? null,
      oldSymbol: r.old?.symbol ?? null,
      reason: reasonFor(r, reason),
    })),
    {
      uploadId: upload.id,
      sourceNote: `Monthly return ${upload.fileName} (upload ${upload.id})`,
      changedBy: actor.id,
      at: now,
    },
  );

  // comments are compared again inside the lock, against the commentary held now
  const held = await heldComments(tx, rows);
  const changedComments = rows.filter(
    (r) => r.comment !== null && held.get(commentKey(r.indicatorId, r.month)) !== r.comment,
  );
  // A return's comments join the commentary history; whether they are agreed at once depends on
  // who loads the return (shared/src/domain/commentaryFlow.ts).
  await appendCommentaryVersions(
    tx,
    changedComments.map((r) => ({
      indicatorId: r.indicatorId,
      month: monthToDate(r.month),
      state: returnCommentaryState(actor.role),
      body: r.comment!,
      source: 'return' as const,
      uploadId: upload.id,
      reason: `Monthly return ${upload.fileName}`,
      changedBy: actor.id,
      at: now,
    })),
  );
  const comments = changedComments.length;
  return {
    created: changing.filter((r) => r.change === 'new').length,
    changed: changing.filter((r) => r.change === 'changed').length,
    revisions: changing.length,
    comments,
  };
}
