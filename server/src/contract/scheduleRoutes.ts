import { idInputSchema, problemSchema, returnUploadQuerySchema, scheduleUploadSchema } from '@kpi/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database';
import { attachmentDisposition, rawFileBodyParser, requireFileBody } from '../http/fileTransfer';
import { fileResponse } from '../http/openApiResponses';
import { requireRole } from '../plugins/authentication';
import { RETURN_UPLOAD_CONTENT_TYPES } from '../returns/returnRoutes';
import { XLSX_MIME } from '../returns/template';
import { MAX_UPLOAD_BYTES } from '../returns/zipSafety';
import { confirmSchedule, getScheduleUpload, previewSchedule } from './schedule/scheduleUpload';
import { scheduleCsv, scheduleRecords, scheduleXlsx } from './schedule/writeSchedule';

function download(reply: FastifyReply, fileName: string, contentType: string, body: Buffer) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', attachmentDisposition(fileName))
    .header('cache-control', 'no-store')
    .send(body);
}

const idParams = z.object({ id: idInputSchema });
const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema };

/**
 * The contract schedule as a spreadsheet, in and out: download every KPI set with its indicators,
 * bands, grace periods and dates; upload the same layout, check and preview it, then confirm it
 * (new indicators are added; set and band changes become proposals for a second person).
 */
export const scheduleRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const anyone = requireRole(db);
  const managers = requireRole(db, 'commissioner', 'admin');
  app.addContentTypeParser(
    RETURN_UPLOAD_CONTENT_TYPES,
    rawFileBodyParser(MAX_UPLOAD_BYTES, 'The file is larger than 5 MB, far larger than a contract schedule.'),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/contract/schedule.${format}`,
      {
        onRequest: anyone,
        schema: {
          operationId: `downloadContractSchedule${format === 'csv' ? 'Csv' : 'Xlsx'}`,
          tags: ['contract'],
          summary: `The contract schedule as ${format.toUpperCase()}: every KPI set with its KPIs, bands, grace periods and dates`,
          response: { 200: fileResponse('The schedule', [format === 'csv' ? 'text/csv' : XLSX_MIME]), ...refusals },
        },
      },
      async (request, reply) => {
        const records = await scheduleRecords(db, request.context);
        const body = format === 'csv' ? scheduleCsv(records) : await scheduleXlsx(records);
        return download(
          reply,
          `contract-schedule.${format}`,
          format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME,
          body,
        );
      },
    );
  }

  app.post(
    '/contract/schedule/uploads',
    {
      onRequest: managers,
      schema: {
        operationId: 'uploadContractSchedule',
        tags: ['contract'],
        summary: 'Check a contract schedule file and preview what confirming it would do; nothing else is written',
        description: `The body is the file itself (CSV or XLSX in the downloaded layout, at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB), its name in ?fileName=.`,
        consumes: RETURN_UPLOAD_CONTENT_TYPES,
        querystring: returnUploadQuerySchema.partial(),
        response: { 200: scheduleUploadSchema, ...refusals, 413: problemSchema, 415: problemSchema },
      },
    },
    async (request) =>
      previewSchedule(db, request, {
        fileName: request.query.fileName ?? 'contract-schedule',
        bytes: requireFileBody(request, RETURN_UPLOAD_CONTENT_TYPES),
      }),
  );

  app.get(
    '/contract/schedule/uploads/:id',
    {
      onRequest: managers,
      schema: {
        operationId: 'getContractScheduleUpload',
        tags: ['contract'],
        summary: 'A checked schedule upload: its problems, or what confirming it would do',
        params: idParams,
        response: { 200: scheduleUploadSchema, ...refusals, 404: problemSchema },
      },
    },
    async (request) => getScheduleUpload(db, request.context, request.params.id),
  );

  app.post(
    '/contract/schedule/uploads/:id/confirm',
    {
      onRequest: managers,
      schema: {
        operationId: 'confirmContractScheduleUpload',
        tags: ['contract'],
        summary: 'Add its new KPIs and propose its set and band changes, for a second person to approve',
        params: idParams,
        response: { 200: scheduleUploadSchema, ...refusals, 404: problemSchema },
      },
    },
    async (request) => confirmSchedule(db, request, request.params.id),
  );
};
