import type { DataExportFormat } from '@kpi/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import { attachmentDisposition } from '../http/fileTransfer';
import { fileResponse } from '../http/openApiResponses';
import type { BuiltExport } from './documentCells';
import { auditExport } from './exportAudit';
import { toCsv, toCsvNotes, toXlsx } from './tabular';

/** A file to download, and whether it holds unpublished figures (which decides how it may be cached). */
export type ExportFile<Format extends string> = {
  body: Buffer;
  format: Format;
  fileName: string;
  unpublished: boolean;
};

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** The documented success answer of a download in these formats (its media types, without parameters). */
export function downloadResponse(formats: readonly (keyof typeof CONTENT_TYPES)[], description = 'The file') {
  return fileResponse(
    description,
    formats.map((format) => CONTENT_TYPES[format].split(';')[0]!),
  );
}

/** A download: named, never shown inline, and never stored anywhere when it holds unpublished figures. */
export function sendDownload(reply: FastifyReply, file: ExportFile<keyof typeof CONTENT_TYPES>) {
  return reply
    .header('content-type', CONTENT_TYPES[file.format])
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('cache-control', file.unpublished ? 'no-store' : 'private, no-cache')
    .send(file.body);
}

/** The CSV download that holds a document's metadata, beside its data files. */
export const NOTES_PART = 'notes';

/** `scorecard-2021-03.csv` for the main table, `scorecard-2021-03-trends.csv` and `…-notes.csv` beside it. */
export function csvFileName(built: BuiltExport, part: string): string {
  return part === built.doc.csv[0]?.part ? `${built.fileStem}.csv` : `${built.fileStem}-${part}.csv`;
}

function csvBody(built: BuiltExport, part: string): Buffer {
  const { doc } = built;
  if (part === NOTES_PART) {
    return toCsvNotes(
      doc,
      doc.csv.map((c) => ({ fileName: csvFileName(built, c.part), title: c.table.title })),
    );
  }
  const chosen = doc.csv.find((c) => c.part === part);
  if (!chosen) throw new Error(`${built.fileStem} has no CSV table ${part}`);
  return toCsv(doc, chosen.table);
}

/**
 * A data download (CSV or Excel) of a built export, recorded in the audit log as `action`. A CSV
 * is one of the document's tables, or its notes (`table`; the main table when omitted); the
 * workbook holds them all.
 */
export async function dataExportFile(
  db: Db,
  request: FastifyRequest,
  action: string,
  format: DataExportFormat,
  built: BuiltExport,
  table?: string,
): Promise<ExportFile<DataExportFormat>> {
  const part = format === 'csv' ? (table ?? built.doc.csv[0]?.part ?? NOTES_PART) : null;
  const body = part === null ? await toXlsx(built.doc) : csvBody(built, part);
  const fileName = part === null ? `${built.fileStem}.xlsx` : csvFileName(built, part);
  const unpublished = built.doc.marking !== null;
  await auditExport(db, request, action, built.target, {
    format,
    fileName,
    unpublished,
    ...(part === null ? {} : { table: part }),
  });
  return { body, format, fileName, unpublished };
}
