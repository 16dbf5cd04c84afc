import type { RequestContext } from '../http/requestContext';
import { csvDocument } from './csvText';
import type { ReturnsDeps } from './serviceContext';
import { requireUpload } from './uploadResponse';
import { readSummary } from './uploadSummary';

/** The report download: an upload's errors and warnings as CSV. */

export async function uploadReportCsv(
  deps: ReturnsDeps,
  context: RequestContext,
  id: number,
): Promise<{ fileName: string; body: Buffer }> {
  const organisation = await context.requireOrganisation();
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
