import {
  formatUkDateTime,
  formatValue,
  type ReturnPreviewItem,
  type ReturnUploadListResponse,
  type ReturnUploadResponse,
} from '@kpi/shared';
import type { DbOrTx } from '../db/database';
import { NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { effectCounts, figureEffects, type RowEffects } from './figureEffects';
import { findLoadedUploadBySha, findUpload, listUploads, type UploadRow } from './returnsRepository';
import type { ReturnsDeps } from './serviceContext';
import { abandonedMessage, abandonInfo } from './uploadState';
import { commitOf, type PreviewSummary, readSummary, type StoredSummary, uploadSummaryDto } from './uploadSummary';
import type { CheckedRow, ExistingFigure } from './validate';
import { changeWords, plural, ratingWords } from './wording';

export function figureDto(
  row: Pick<CheckedRow, 'unit' | 'precision'>,
  figure: Pick<ExistingFigure, 'value' | 'symbol' | 'numerator' | 'denominator'>,
) {
  return {
    value: figure.value,
    symbol: figure.symbol,
    numerator: figure.numerator,
    denominator: figure.denominator,
    displayValue: formatValue(figure.value, row.unit, row.precision, figure.symbol),
  };
}

function previewItem(row: CheckedRow, effects: RowEffects): ReturnPreviewItem {
  const old = row.old;
  const { effect, rating } = effects.get(row)!;
  // Literals rather than spreads: a backfill's preview builds thousands of these.
  return {
    kpiCode: row.kpiCode,
    kpiTitle: row.kpiTitle,
    unit: row.unit,
    month: row.month,
    location: row.at.text,
    change: row.change,
    effect,
    rating,
    old: old
      ? {
          value: old.value,
          symbol: old.symbol,
          numerator: old.numerator,
          denominator: old.denominator,
          displayValue: formatValue(old.value, row.unit, row.precision, old.symbol),
          provenance: old.provenance,
          status: old.status,
          fileName: old.fileName,
          updatedAt: old.updatedAt,
        }
      : null,
    new: figureDto(row, row),
    comment: row.comment,
    commentChanged: row.commentChanged,
    lockedMonth: row.lockedMonth,
    changesReportedFigure: row.changesReportedFigure,
    replacesIllustrative: row.replacesIllustrative,
  };
}

export function needsReason(rows: readonly CheckedRow[]): boolean {
  return rows.some((r) => r.change !== 'unchanged' && (r.changesReportedFigure || r.lockedMonth));
}

export async function uploadResponse(
  db: DbOrTx,
  organisationId: number,
  upload: UploadRow,
  uploaderName: string | null,
  /** The preview just made, when there is one: saves restoring it from the stored summary. */
  preview?: PreviewSummary,
): Promise<ReturnUploadResponse> {
  const summary = preview ?? readSummary(upload);
  const { rows } = summary;
  // Counted again from the rows, so an upload previewed before the split is described the same way.
  const effects = await figureEffects(db, rows);
  const counts = { ...summary.counts, ...effectCounts(effects) };
  const earlier = await findLoadedUploadBySha(db, organisationId, upload.sha256, upload.id);
  const changes = counts.new + counts.changed + counts.comments;
  let alreadyLoaded: ReturnUploadResponse['alreadyLoaded'] = null;
  if (earlier) {
    const earlierCommit = commitOf(earlier.upload);
    const loadedAt = earlierCommit ? new Date(earlierCommit.committedAt) : earlier.upload.uploadedAt;
    const loadedBy = earlierCommit?.committedBy ?? earlier.uploaderName;
    const when = `${formatUkDateTime(loadedAt)}${loadedBy ? ` by ${loadedBy}` : ''}`;
    alreadyLoaded = {
      uploadId: earlier.upload.id,
      loadedAt: loadedAt.toISOString(),
      loadedBy,
      message:
        changes === 0
          ? `This file was already loaded on ${when}; nothing would change.`
          : `This file was already loaded on ${when}, but the dashboard has changed since: loading it again would save ${changeWords({ created: counts.new, ...counts })}.`,
    };
  }
  const committed = upload.outcome === 'committed' || upload.outcome === 'no_change';
  const canCommit = upload.outcome === 'validated';
  const reasonNeeded = needsReason(rows);
  let message: string;
  if (upload.outcome === 'rejected') {
    message = `The file has ${plural(counts.errors, 'problem')} to correct before it can be loaded. Nothing has been saved.`;
  } else if (committed) {
    const commit = commitOf(upload);
    message = commit
      ? `Loaded on ${formatUkDateTime(new Date(commit.committedAt))}${commit.committedBy ? ` by ${commit.committedBy}` : ''}: ${changeWords({ ...commit, comments: commit.commentsSaved })}.${ratingWords(commit.ratingChanged, 'did')}`
      : 'This upload has been loaded.';
  } else if (upload.outcome === 'abandoned') {
    message = abandonedMessage(upload);
  } else if (changes === 0) {
    message = alreadyLoaded?.message ?? 'Every figure in the file matches the dashboard; nothing would change.';
  } else {
    const parts = [`Loading this file would save ${changeWords({ created: counts.new, ...counts })}.`];
    if (counts.ratingChanged > 0)
      parts.push(`${ratingWords(counts.ratingChanged, 'would').trim()} See the ratings below.`);
    if (counts.warnings > 0) parts.push(`Check the ${plural(counts.warnings, 'warning')} and confirm them.`);
    if (reasonNeeded) parts.push('Give a reason for changing figures already reported.');
    parts.push('Nothing is saved until you load it.');
    message = parts.join(' ');
  }
  return {
    upload: uploadSummaryDto(upload, uploaderName),
    report: summary.report,
    preview: {
      newValues: rows.filter((r) => r.change === 'new').map((r) => previewItem(r, effects)),
      changedValues: rows.filter((r) => r.change === 'changed').map((r) => previewItem(r, effects)),
      unchangedValues: rows.filter((r) => r.change === 'unchanged').map((r) => previewItem(r, effects)),
      ratingChanges: rows.filter((r) => effects.get(r)!.rating.changed).map((r) => previewItem(r, effects)),
    },
    counts,
    alreadyLoaded,
    canCommit,
    needsConfirmation: counts.warnings > 0,
    needsReason: canCommit && reasonNeeded,
    message,
    commit: commitOf(upload),
    abandon: abandonInfo(upload),
  };
}

export async function requireUpload(db: DbOrTx, organisationId: number, id: number) {
  const found = await findUpload(db, organisationId, id);
  if (!found) throw new NotFoundError(`There is no monthly return upload ${id}.`);
  return found;
}

export async function getUpload(deps: ReturnsDeps, context: RequestContext, id: number): Promise<ReturnUploadResponse> {
  const organisation = await context.requireOrganisation();
  const found = await requireUpload(deps.db, organisation.id, id);
  return uploadResponse(deps.db, organisation.id, found.upload, found.uploaderName);
}

export async function listUploadSummaries(
  deps: ReturnsDeps,
  context: RequestContext,
  limit: number,
): Promise<ReturnUploadListResponse> {
  const organisation = await context.requireOrganisation();
  const rows = await listUploads(deps.db, organisation.id, limit);
  return {
    uploads: rows.map((r) => ({
      ...uploadSummaryDto(r.upload, r.uploaderName),
      counts: (r.upload.summary as StoredSummary | null)?.counts ?? null,
    })),
  };
}
