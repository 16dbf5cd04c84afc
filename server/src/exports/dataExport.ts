import type { DataExportFormat } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import type { BuiltExport } from './documentCells';
import { auditExport } from './exportAudit';
import { toCsv, toXlsx } from './tabular';

/** A file to download, and whether it holds unpublished figures (which decides how it may be cached). */
export type ExportFile<Format extends string> = {
  body: Buffer;
  format: Format;
  fileName: string;
  unpublished: boolean;
};

/** A data download (CSV or Excel) of a built export, recorded in the audit log as `action`. */
export async function dataExportFile(
  db: Db,
  request: FastifyRequest,
  action: string,
  format: DataExportFormat,
  built: BuiltExport,
): Promise<ExportFile<DataExportFormat>> {
  const body = format === 'csv' ? toCsv(built.doc) : await toXlsx(built.doc);
  const fileName = `${built.fileStem}.${format}`;
  const unpublished = built.doc.marking !== null;
  await auditExport(db, request, action, built.target, { format, fileName, unpublished });
  return { body, format, fileName, unpublished };
}
