import {
  addMonths,
  monthToDate,
  type ReturnCounts,
  type ReturnProblem,
  type ReturnUploadResponse,
  ukDate,
} from '@kpi/shared';
import { recordAudit } from '../audit/auditRepository';
import type { RequestContext } from '../http/requestContext';
import { effectCounts, figureEffects } from './figureEffects';
import { readReturnFile } from './parseReturn';
import { insertUpload, loadFigures } from './returnsRepository';
import type { ReturnsDeps } from './serviceContext';
import { uploadResponse } from './uploadResponse';
import { type PreviewSummary, storeSummary } from './uploadSummary';
import { validateReturn } from './validate';
import { commentKey, heldComments, loadKpiMeta, loadMonthLocks, monthSpan, toExisting } from './validationInputs';
import { plural } from './wording';

/** Preview: read, check, compare — nothing but the upload record is written. */

const MAX_REPORTED_PROBLEMS = 5_000;

export async function previewUpload(
  deps: ReturnsDeps,
  context: RequestContext,
  input: { fileName: string; bytes: Buffer },
): Promise<ReturnUploadResponse> {
  const { db } = deps;
  const organisation = await context.requireOrganisation();
  const actor = context.user!;
  const now = deps.now();
  const byteSize = input.bytes.length;
  // Hashed on libuv's thread pool, not the event loop (WebCrypto copies the bytes when called,
  // so the reader pool may take them over below).
  const hashing = sha256Hex(input.bytes);
  const read = deps.readers
    ? await deps.readers.run('readReturn', { bytes: input.bytes, fileName: input.fileName })
    : await readReturnFile(input.bytes, input.fileName);
  const sha256 = await hashing;
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
    ...effectCounts(await figureEffects(db, rows)),
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
    byteSize,
    uploadedBy: actor.id,
    uploadedAt: now,
    outcome,
    summary: storeSummary(summary),
  });
  await recordAudit(db, {
    ...context.auditActor(),
    action: outcome === 'rejected' ? 'return.upload.rejected' : 'return.upload.validated',
    target: `upload ${upload.id}`,
    outcome: outcome === 'rejected' ? 'failure' : 'success',
    details: { fileName: input.fileName, sha256, byteSize, counts },
  });
  return uploadResponse(db, organisation.id, upload, actor.displayName, summary);
}

async function sha256Hex(bytes: Buffer): Promise<string> {
  // A request body is never a SharedArrayBuffer view; the DOM typing of digest() wants that said.
  const data = bytes as Uint8Array<ArrayBuffer>;
  return Buffer.from(await crypto.subtle.digest('SHA-256', data)).toString('hex');
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
