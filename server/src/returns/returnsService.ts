import { createHash } from 'node:crypto';
import type {
  ReturnCommitBody,
  ReturnCommitInfo,
  ReturnCommitResponse,
  ReturnCounts,
  ReturnFileFormat,
  ReturnHistoryQuery,
  ReturnHistoryResponse,
  ReturnLayout,
  ReturnPreviewItem,
  ReturnProblem,
  ReturnReport,
  ReturnTemplateQuery,
  ReturnUploadListResponse,
  ReturnUploadResponse,
  ReturnUploadSummary,
} from '@kpi/shared';
import {
  addMonths,
  compareMonths,
  dateToMonth,
  formatMonth,
  formatUkDateTime,
  formatValue,
  monthRange,
  monthToDate,
  type ObservationStatus,
  type Role,
  ukDate,
} from '@kpi/shared';
import type { Db, DbOrTx } from '../db/database';
import { AppError, BadRequestError, ForbiddenError, NotFoundError } from '../errors';
import { recordAudit } from '../repositories/auditRepository';
import { saveFiguresWithRevisions } from '../repositories/observationWrites';
import { findOrganisation } from '../repositories/organisationRepository';
import {
  findIndicatorByCodeInsensitive,
  findKpiSetByCode,
  findLoadedUploadBySha,
  findObservationWithSource,
  findUpload,
  findUploadForUpdate,
  findUploadStateForUpdate,
  insertUpload,
  listIndicatorsWithMemberships,
  listKpiSetIndicators,
  listLockedMeetings,
  listRevisions,
  listUploads,
  loadCommentaryFor,
  loadFigures,
  lockReturnsForOrganisation,
  recordUploadCommit,
  type UploadRow,
  upsertCommentary,
} from '../repositories/returnsRepository';
import { csvDocument } from './csvText';
import { readReturnFile } from './parseReturn';
import { restoreRows, type StoredRows, storeRows } from './storedRows';
import { buildTemplateCsv, buildTemplateXlsx, templateFileName, XLSX_MIME } from './template';
import {
  abandonedMessage,
  abandonInfo,
  dataChangedConflict,
  meetingLockedConflict,
  notLoadableConflict,
} from './uploadState';
import {
  type CheckedRow,
  canAmendLockedMonths,
  type ExistingFigure,
  type KpiMeta,
  type MonthLock,
  validateReturn,
} from './validate';

/**
 * Monthly returns: preview (read, check, compare — nothing but the upload record is written),
 * commit (all or nothing, under an advisory lock), history, templates and the report download.
 */

export interface ReturnsDeps {
  db: Db;
  /** The clock; injectable so tests can fix "today". */
  now: () => Date;
}

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

export interface RequestMeta {
  requestId: string;
  ipAddress: string;
}

/** A preview as the service works with it: what the upload's `summary` column holds, rows restored. */
interface PreviewSummary {
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
type StoredSummary = Omit<PreviewSummary, 'rows'> &
  ({ version: 1; rows: CheckedRow[] } | { version: 2; checked: StoredRows });

function storeSummary({ rows, ...rest }: PreviewSummary): StoredSummary {
  return { version: 2, ...rest, checked: storeRows(rows) };
}

/** What an upload's `commit` column holds once it has been loaded. */
function commitOf(upload: UploadRow): ReturnCommitInfo | null {
  return (upload.commit as ReturnCommitInfo | null) ?? null;
}

const REASON_FOR_ILLUSTRATIVE = 'replaces illustrative demo data';
const MAX_REPORTED_PROBLEMS = 5_000;

// ---------------------------------------------------------------- clock and wording

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** `3 new figures, 2 changed figures and 1 comment`, leaving out a zero part. */
function changeWords(created: number, changed: number, comments = 0): string {
  const parts = [
    created > 0 ? plural(created, 'new figure') : null,
    changed > 0 ? plural(changed, 'changed figure') : null,
    comments > 0 ? plural(comments, 'comment') : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return 'no new or changed figures';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function commentKey(indicatorId: number, month: string): string {
  return `${indicatorId}|${month}`;
}

/** The commentary held for the rows' KPI-months that have a comment. */
async function heldComments(db: DbOrTx, rows: readonly CheckedRow[]): Promise<Map<string, string>> {
  const withComments = rows.filter((r) => r.comment !== null);
  const span = monthSpan(withComments.map((r) => r.month));
  if (!span) return new Map();
  const held = await loadCommentaryFor(
    db,
    [...new Set(withComments.map((r) => r.indicatorId))],
    monthToDate(span.first),
    monthToDate(span.last),
  );
  return new Map(held.map((c) => [commentKey(c.indicatorId, dateToMonth(c.month)), c.body]));
}

// ---------------------------------------------------------------- loading what validation needs

async function requireOrganisation(db: DbOrTx) {
  const organisation = await findOrganisation(db);
  if (!organisation) throw new NotFoundError('No organisation is configured yet.');
  return organisation;
}

export async function loadKpiMeta(db: DbOrTx, organisationId: number): Promise<KpiMeta[]> {
  const { indicators, memberships } = await listIndicatorsWithMemberships(db, organisationId);
  return indicators.map((indicator) => ({
    id: indicator.id,
    code: indicator.code,
    title: indicator.title,
    unit: indicator.unit,
    precision: indicator.precision,
    inForce: memberships
      .filter((m) => m.indicatorId === indicator.id)
      .map((m) => ({
        setCode: m.setCode,
        from: dateToMonth(m.effectiveFrom),
        to: m.effectiveTo ? dateToMonth(m.effectiveTo) : null,
      })),
  }));
}

function toExisting(row: Awaited<ReturnType<typeof loadFigures>>[number]): ExistingFigure {
  return {
    indicatorId: row.indicatorId,
    month: dateToMonth(row.month),
    value: row.value,
    symbol: row.symbol,
    numerator: row.numerator,
    denominator: row.denominator,
    provenance: row.provenance,
    status: row.status,
    fileName: row.fileName,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function loadMonthLocks(db: DbOrTx, organisationId: number): Promise<Map<string, MonthLock>> {
  const locks = new Map<string, MonthLock>();
  for (const meeting of await listLockedMeetings(db, organisationId)) {
    for (const month of monthRange(dateToMonth(meeting.monthsFrom), dateToMonth(meeting.monthsTo))) {
      if (!locks.has(month)) locks.set(month, { meetingId: meeting.id, board: meeting.board, heldOn: meeting.heldOn });
    }
  }
  return locks;
}

function monthSpan(months: readonly string[]): { first: string; last: string } | null {
  if (months.length === 0) return null;
  const sorted = [...months].sort(compareMonths);
  return { first: sorted[0]!, last: sorted[sorted.length - 1]! };
}

// ---------------------------------------------------------------- preview

export async function previewUpload(
  deps: ReturnsDeps,
  actor: Actor,
  meta: RequestMeta,
  input: { fileName: string; bytes: Buffer },
): Promise<ReturnUploadResponse> {
  const { db } = deps;
  const organisation = await requireOrganisation(db);
  const now = deps.now();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');

  const read = await readReturnFile(input.bytes);
  const kpis = await loadKpiMeta(db, organisation.id);
  const codesInFile = new Set(read.rows.map((r) => r.kpiCode.toLowerCase()));
  const kpiIds = kpis.filter((k) => codesInFile.has(k.code.toLowerCase())).map((k) => k.id);
  const months = read.rows.flatMap((r) => (r.month ? [r.month] : []));
  const span = monthSpan(months);
  const existing = span
    ? (await loadFigures(db, kpiIds, monthToDate(addMonths(span.first, -12)), monthToDate(span.last))).map(toExisting)
    : [];
  const locks = await loadMonthLocks(db, organisation.id);
  const checked = validateReturn(read.rows, { kpis, existing, locks, role: actor.role, today: ukDate(now) });

  const all = [...read.problems, ...checked.problems].sort(
    (a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.columnNumber ?? 0) - (b.columnNumber ?? 0),
  );
  const errors = capProblems(all.filter((p) => p.severity === 'error'));
  const warnings = capProblems(all.filter((p) => p.severity === 'warning'));
  const held = await heldComments(db, checked.rows);
  const rows = checked.rows;
  // In place: a copy of each of a backfill's thousands of rows costs more than the check itself.
  for (const r of rows) {
    r.commentChanged = r.comment !== null && held.get(commentKey(r.indicatorId, r.month)) !== r.comment;
  }
  const counts: ReturnCounts = {
    figures: rows.length,
    new: rows.filter((r) => r.change === 'new').length,
    changed: rows.filter((r) => r.change === 'changed').length,
    unchanged: rows.filter((r) => r.change === 'unchanged').length,
    comments: rows.filter((r) => r.commentChanged).length,
    errors: all.filter((p) => p.severity === 'error').length,
    warnings: all.filter((p) => p.severity === 'warning').length,
  };
  const outcome = counts.errors > 0 ? 'rejected' : 'validated';
  const summary: PreviewSummary = {
    format: read.format,
    layout: read.layout,
    encoding: read.encoding,
    sheetName: read.sheetName,
    previewedAs: actor.role,
    report: { errors, warnings },
    counts,
    rows,
  };
  const upload = await insertUpload(db, {
    organisationId: organisation.id,
    kind: 'monthly_return',
    fileName: input.fileName,
    sha256,
    byteSize: input.bytes.length,
    uploadedBy: actor.id,
    uploadedAt: now,
    outcome,
    summary: storeSummary(summary),
  });
  await recordAudit(db, {
    action: outcome === 'rejected' ? 'return.upload.rejected' : 'return.upload.validated',
    userId: actor.id,
    username: actor.username,
    target: `upload ${upload.id}`,
    outcome: outcome === 'rejected' ? 'failure' : 'success',
    details: { fileName: input.fileName, sha256, byteSize: input.bytes.length, counts },
    requestId: meta.requestId,
    ipAddress: meta.ipAddress,
  });
  return uploadResponse(db, organisation.id, upload, actor.displayName, summary);
}

function capProblems(problems: ReturnProblem[]): ReturnProblem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return problems;
  const first = problems[0]!;
  return [
    ...problems.slice(0, MAX_REPORTED_PROBLEMS),
    {
      ...first,
      code: first.code,
      location: null,
      row: null,
      column: null,
      columnNumber: null,
      cell: null,
      kpiCode: null,
      month: null,
      message: `A further ${plural(problems.length - MAX_REPORTED_PROBLEMS, 'problem')} like these are not listed. Correct the ones above and upload the file again.`,
    },
  ];
}

function readSummary(upload: UploadRow): PreviewSummary {
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

function figureDto(
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

function previewItem(row: CheckedRow): ReturnPreviewItem {
  const old = row.old;
  // Literals rather than spreads: a backfill's preview builds thousands of these.
  return {
    kpiCode: row.kpiCode,
    kpiTitle: row.kpiTitle,
    unit: row.unit,
    month: row.month,
    location: row.at.text,
    change: row.change,
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

function needsReason(rows: readonly CheckedRow[]): boolean {
  return rows.some((r) => r.change !== 'unchanged' && (r.changesReportedFigure || r.lockedMonth));
}

async function uploadResponse(
  db: DbOrTx,
  organisationId: number,
  upload: UploadRow,
  uploaderName: string | null,
  /** The preview just made, when there is one: saves restoring it from the stored summary. */
  preview?: PreviewSummary,
): Promise<ReturnUploadResponse> {
  const summary = preview ?? readSummary(upload);
  const { rows, counts } = summary;
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
          : `This file was already loaded on ${when}, but the dashboard has changed since: loading it again would save ${changeWords(counts.new, counts.changed, counts.comments)}.`,
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
      ? `Loaded on ${formatUkDateTime(new Date(commit.committedAt))}${commit.committedBy ? ` by ${commit.committedBy}` : ''}: ${changeWords(commit.created, commit.changed, commit.commentsSaved)}.`
      : 'This upload has been loaded.';
  } else if (upload.outcome === 'abandoned') {
    message = abandonedMessage(upload);
  } else if (changes === 0) {
    message = alreadyLoaded?.message ?? 'Every figure in the file matches the dashboard; nothing would change.';
  } else {
    const parts = [`Loading this file would save ${changeWords(counts.new, counts.changed, counts.comments)}.`];
    if (counts.warnings > 0) parts.push(`Check the ${plural(counts.warnings, 'warning')} and confirm them.`);
    if (reasonNeeded) parts.push('Give a reason for changing figures already reported.');
    parts.push('Nothing is saved until you load it.');
    message = parts.join(' ');
  }
  return {
    upload: uploadSummaryDto(upload, uploaderName),
    report: summary.report,
    preview: {
      newValues: rows.filter((r) => r.change === 'new').map(previewItem),
      changedValues: rows.filter((r) => r.change === 'changed').map(previewItem),
      unchangedValues: rows.filter((r) => r.change === 'unchanged').map(previewItem),
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

async function requireUpload(db: DbOrTx, organisationId: number, id: number) {
  const found = await findUpload(db, organisationId, id);
  if (!found) throw new NotFoundError(`There is no monthly return upload ${id}.`);
  return found;
}

export async function getUpload(deps: ReturnsDeps, id: number): Promise<ReturnUploadResponse> {
  const organisation = await requireOrganisation(deps.db);
  const found = await requireUpload(deps.db, organisation.id, id);
  return uploadResponse(deps.db, organisation.id, found.upload, found.uploaderName);
}

export async function listUploadSummaries(deps: ReturnsDeps, limit: number): Promise<ReturnUploadListResponse> {
  const organisation = await requireOrganisation(deps.db);
  const rows = await listUploads(deps.db, organisation.id, limit);
  return {
    uploads: rows.map((r) => ({
      ...uploadSummaryDto(r.upload, r.uploaderName),
      counts: (r.upload.summary as StoredSummary | null)?.counts ?? null,
    })),
  };
}

// ---------------------------------------------------------------- commit

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
  actor: Actor,
  meta: RequestMeta,
  id: number,
  body: ReturnCommitBody,
): Promise<ReturnCommitResponse> {
  const { db } = deps;
  const organisation = await requireOrganisation(db);
  const audit = (outcome: 'success' | 'failure' | 'refused', details: Record<string, unknown>, on: DbOrTx = db) =>
    recordAudit(on, {
      action: 'return.commit',
      userId: actor.id,
      username: actor.username,
      target: `upload ${id}`,
      outcome,
      details,
      requestId: meta.requestId,
      ipAddress: meta.ipAddress,
    });

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
      const outcome: 'committed' | 'no_change' =
        written.created + written.changed + written.comments > 0 ? 'committed' : 'no_change';
      const commit: ReturnCommitInfo = {
        committedAt: now.toISOString(),
        committedBy: actor.displayName,
        reason,
        created: written.created,
        changed: written.changed,
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
        : `Loaded: ${changeWords(result.commit.created, result.commit.changed, result.commit.commentsSaved)}.`;
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
  actor: Actor,
  body: ReturnCommitBody,
  reason: string | null,
): void {
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
  actor: Actor,
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
  await upsertCommentary(
    tx,
    changedComments.map((r) => ({
      indicatorId: r.indicatorId,
      month: monthToDate(r.month),
      body: r.comment!,
      authorId: actor.id,
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

// ---------------------------------------------------------------- report, history, template

export async function uploadReportCsv(deps: ReturnsDeps, id: number): Promise<{ fileName: string; body: Buffer }> {
  const organisation = await requireOrganisation(deps.db);
  const found = await requireUpload(deps.db, organisation.id, id);
  const summary = readSummary(found.upload);
  const rows: (string | number | null)[][] = [
    ['severity', 'location', 'row', 'column', 'cell', 'kpi_code', 'month', 'message'],
  ];
  for (const p of [...summary.report.errors, ...summary.report.warnings]) {
    rows.push([p.severity, p.location, p.row, p.column, p.cell, p.kpiCode, p.month, p.message]);
  }
  const base = found.upload.fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-') || 'return';
  return { fileName: `${base}-report-${id}.csv`, body: csvDocument(rows) };
}

export async function revisionHistory(deps: ReturnsDeps, query: ReturnHistoryQuery): Promise<ReturnHistoryResponse> {
  const organisation = await requireOrganisation(deps.db);
  const indicator = await findIndicatorByCodeInsensitive(deps.db, organisation.id, query.kpi);
  if (!indicator) throw new NotFoundError(`There is no KPI with the code ${query.kpi}.`);
  const monthDate = monthToDate(query.month);
  const [current, revisions] = await Promise.all([
    findObservationWithSource(deps.db, indicator.id, monthDate),
    listRevisions(deps.db, indicator.id, monthDate),
  ]);
  const show = (value: number | null, symbol: ExistingFigure['symbol']) => ({
    value,
    symbol,
    displayValue: formatValue(value, indicator.unit, indicator.precision, symbol),
  });
  return {
    kpiCode: indicator.code,
    kpiTitle: indicator.title,
    unit: indicator.unit,
    precision: indicator.precision,
    month: query.month,
    current: current
      ? {
          ...figureDto(indicator, current.observation),
          provenance: current.observation.provenance,
          status: current.observation.status,
          fileName: current.fileName,
          updatedAt: current.observation.updatedAt.toISOString(),
          sourceNote: current.observation.sourceNote,
        }
      : null,
    revisions: revisions.map((r) => ({
      id: r.revision.id,
      changedAt: r.revision.changedAt.toISOString(),
      changedBy:
        r.username && r.displayName && r.role
          ? { username: r.username, displayName: r.displayName, role: r.role }
          : null,
      old: show(r.revision.oldValue, r.revision.oldSymbol),
      new: show(r.revision.newValue, r.revision.newSymbol),
      reason: r.revision.reason,
      upload:
        r.revision.uploadId !== null && r.uploadFileName !== null && r.uploadSha256 !== null
          ? { id: r.revision.uploadId, fileName: r.uploadFileName, sha256: r.uploadSha256 }
          : null,
    })),
  };
}

export const MAX_TEMPLATE_MONTHS = 36;

export async function returnTemplate(
  deps: ReturnsDeps,
  query: ReturnTemplateQuery,
): Promise<{ fileName: string; contentType: string; body: Buffer }> {
  const organisation = await requireOrganisation(deps.db);
  const set = await findKpiSetByCode(deps.db, organisation.id, query.kpiSet);
  if (!set) {
    throw new NotFoundError(`There is no KPI set with the code ${query.kpiSet}.`);
  }
  const setFrom = dateToMonth(set.effectiveFrom);
  const setTo = set.effectiveTo ? dateToMonth(set.effectiveTo) : null;
  const lastEnded = addMonths(ukDate(deps.now()).slice(0, 7), -1);
  const to = query.to ?? (setTo && compareMonths(setTo, lastEnded) < 0 ? setTo : lastEnded);
  const from = query.from ?? to;
  const range = `from ${formatMonth(setFrom)}${setTo ? ` to ${formatMonth(setTo)}` : ' onwards'}`;
  if (compareMonths(from, to) > 0) {
    throw new BadRequestError('The first month is after the last month.', [
      { path: 'querystring.from', message: 'Choose a first month on or before the last month' },
    ]);
  }
  const months = monthRange(from, to);
  if (months.length > MAX_TEMPLATE_MONTHS) {
    throw new BadRequestError(`A template can cover at most ${MAX_TEMPLATE_MONTHS} months.`, [
      { path: 'querystring.from', message: `Choose at most ${MAX_TEMPLATE_MONTHS} months` },
    ]);
  }
  const outside = (m: string) => compareMonths(m, setFrom) < 0 || (setTo !== null && compareMonths(m, setTo) > 0);
  if (outside(from) || outside(to)) {
    throw new BadRequestError(`The KPI set ${set.code} is in force ${range}.`, [
      { path: outside(from) ? 'querystring.from' : 'querystring.to', message: `Choose months ${range}` },
    ]);
  }
  const members = await listKpiSetIndicators(deps.db, set.id);
  const spec = {
    setCode: set.code,
    setName: set.name,
    kpis: members.map((m) => ({
      code: m.indicator.code,
      title: m.indicator.title,
      unit: m.indicator.unit,
      precision: m.indicator.precision,
    })),
    months,
  };
  const fileName = templateFileName(set.code, months, query.format);
  if (query.format === 'csv') {
    return { fileName, contentType: 'text/csv; charset=utf-8', body: buildTemplateCsv(spec) };
  }
  return { fileName, contentType: XLSX_MIME, body: await buildTemplateXlsx(spec) };
}
