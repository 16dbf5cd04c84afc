import {
  problemSchema,
  returnAbandonResponseSchema,
  returnCommitBodySchema,
  returnCommitResponseSchema,
  returnHistoryQuerySchema,
  returnHistoryResponseSchema,
  returnTemplateQuerySchema,
  returnUploadListQuerySchema,
  returnUploadListResponseSchema,
  returnUploadParamsSchema,
  returnUploadQuerySchema,
  returnUploadResponseSchema,
} from '@kpi/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database';
import { BadRequestError } from '../errors';
import type { FileReaderPool } from '../fileReaders/fileReaderPool';
import { attachmentDisposition, rawFileBodyParser, requireFileBody } from '../http/fileTransfer';
import { fileResponse } from '../http/openApiResponses';
import { requireRole } from '../plugins/authentication';
import { readerFrom } from '../publication/publication';
import { abandonUpload } from './abandonUpload';
import { commitUpload } from './commitUpload';
import { previewUpload } from './previewUpload';
import { returnTemplate } from './returnTemplate';
import { revisionHistory } from './revisionHistory';
import { XLSX_MIME } from './template';
import { uploadReportCsv } from './uploadReport';
import { getUpload, listUploadSummaries } from './uploadResponse';
import { MAX_UPLOAD_BYTES } from './zipSafety';

export interface ReturnRoutesOptions {
  db: Db;
  /** The clock, for "a month that has not ended yet"; tests fix it. */
  now?: () => Date;
  /** The server's file reader pool: uploads are parsed in its worker threads, with memory and time limits. */
  readers: FileReaderPool;
}

/** The body of an upload is the file itself, with one of these content types. */
export const RETURN_UPLOAD_CONTENT_TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/csv',
  'text/plain',
  'application/vnd.ms-excel', // what Windows browsers send for .csv
  XLSX_MIME,
];

const FILE_NAME_HEADER = 'x-file-name';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

function attachment(reply: FastifyReply, fileName: string, contentType: string, body: Buffer) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', attachmentDisposition(fileName))
    .header('cache-control', 'no-store')
    .send(body);
}

function uploadFileName(request: FastifyRequest, fromQuery: string | undefined): string {
  let name = fromQuery;
  const header = request.headers[FILE_NAME_HEADER];
  if (name === undefined && typeof header === 'string') {
    try {
      name = decodeURIComponent(header);
    } catch {
      name = header;
    }
  }
  const parsed = returnUploadQuerySchema.shape.fileName.safeParse(name ?? '');
  if (!parsed.success) {
    throw new BadRequestError('Say which file this is.', [
      {
        path: 'querystring.fileName',
        message: name ? (parsed.error.issues[0]?.message ?? 'is not valid') : 'Give the file name as ?fileName=',
      },
    ]);
  }
  return parsed.data;
}

/**
 * Monthly returns. Every route is for commissioners, analysts and administrators; viewers get 403
 * (the template too: a blank template is of no use to someone who cannot upload it).
 */
export const returnRoutes: FastifyPluginAsyncZod<ReturnRoutesOptions> = async (app, { db, now, readers }) => {
  const deps = { db, now: now ?? (() => new Date()), readers };
  // onRequest, not preHandler: a viewer's upload is refused before its body is read.
  app.addHook('onRequest', requireRole(db, 'commissioner', 'analyst', 'admin'));
  app.addContentTypeParser(
    RETURN_UPLOAD_CONTENT_TYPES,
    rawFileBodyParser(
      MAX_UPLOAD_BYTES,
      `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, far larger than a monthly return. Check that you chose the right file.`,
    ),
  );

  app.get(
    '/returns/template',
    {
      schema: {
        operationId: 'getReturnTemplate',
        tags: ['returns'],
        summary: 'A monthly return template (KPIs as rows, months as columns) as XLSX or CSV',
        querystring: returnTemplateQuerySchema,
        response: { 200: fileResponse('The template', ['text/csv', XLSX_MIME]), ...errors },
      },
    },
    async (request, reply) => {
      const template = await returnTemplate(deps, request.context, request.query);
      return attachment(reply, template.fileName, template.contentType, template.body);
    },
  );

  app.post(
    '/returns/uploads',
    {
      schema: {
        operationId: 'uploadReturn',
        tags: ['returns'],
        summary: 'Check a monthly return and preview what loading it would change; nothing else is written',
        description: `The body is the file itself (CSV or XLSX, at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB), with its name in ?fileName= or an X-File-Name header.`,
        consumes: RETURN_UPLOAD_CONTENT_TYPES,
        querystring: returnUploadQuerySchema.partial(),
        response: { 200: returnUploadResponseSchema, ...errors, 413: problemSchema, 415: problemSchema },
      },
    },
    async (request) => {
      const fileName = uploadFileName(request, request.query.fileName);
      const bytes = requireFileBody(request, RETURN_UPLOAD_CONTENT_TYPES);
      return previewUpload(deps, request.context, { fileName, bytes });
    },
  );

  app.get(
    '/returns/uploads',
    {
      schema: {
        operationId: 'listReturnUploads',
        tags: ['returns'],
        summary: 'Monthly return uploads, newest first',
        querystring: returnUploadListQuerySchema,
        response: { 200: returnUploadListResponseSchema, ...errors },
      },
    },
    async (request) => listUploadSummaries(deps, request.context, request.query.limit),
  );

  app.get(
    '/returns/uploads/:id',
    {
      schema: {
        operationId: 'getReturnUpload',
        tags: ['returns'],
        summary: 'An upload with its report and preview',
        params: returnUploadParamsSchema,
        response: { 200: returnUploadResponseSchema, ...errors },
      },
    },
    async (request) => getUpload(deps, request.context, request.params.id),
  );

  app.get(
    '/returns/uploads/:id/report.csv',
    {
      schema: {
        operationId: 'downloadReturnReport',
        tags: ['returns'],
        summary: "An upload's errors and warnings as CSV",
        params: returnUploadParamsSchema,
        response: { 200: fileResponse('The report', ['text/csv']), ...errors },
      },
    },
    async (request, reply) => {
      const report = await uploadReportCsv(deps, request.context, request.params.id);
      return attachment(reply, report.fileName, 'text/csv; charset=utf-8', report.body);
    },
  );

  app.post(
    '/returns/uploads/:id/commit',
    {
      schema: {
        operationId: 'commitReturnUpload',
        tags: ['returns'],
        summary: 'Load a checked upload into the dashboard: all of it or nothing',
        params: returnUploadParamsSchema,
        body: returnCommitBodySchema,
        response: { 200: returnCommitResponseSchema, ...errors, 409: problemSchema },
      },
    },
    async (request) => commitUpload(deps, request.context, request.params.id, request.body),
  );

  app.post(
    '/returns/uploads/:id/abandon',
    {
      schema: {
        operationId: 'abandonReturnUpload',
        tags: ['returns'],
        summary:
          'Abandon a checked upload that will not be loaded (its uploader, a commissioner or an administrator); 409 if it was loaded or abandoned already',
        params: returnUploadParamsSchema,
        response: { 200: returnAbandonResponseSchema, ...errors, 409: problemSchema },
      },
    },
    async (request) => abandonUpload(db, request.context, request.params.id, deps.now),
  );

  app.get(
    '/returns/history',
    {
      schema: {
        operationId: 'getReturnHistory',
        tags: ['returns'],
        summary: "Every revision of a KPI's figure for a month: who, when, from which file and why",
        querystring: returnHistoryQuerySchema,
        response: { 200: returnHistoryResponseSchema, ...errors },
      },
    },
    async (request) => revisionHistory(deps, readerFrom(db, request), request.query),
  );
};
