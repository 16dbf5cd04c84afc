import {
  boardPackDataQuerySchema,
  boardPackDataSchema,
  boardPackRequestSchema,
  CSV_TABLES,
  chartExportRequestSchema,
  chartExportResponseSchema,
  csvTableQuerySchema,
  DATA_EXPORT_FORMATS,
  type DataExportFormat,
  idInputSchema,
  problemSchema,
  scorecardQuerySchema,
  seriesQuerySchema,
} from '@kpi/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database';
import { requireSignedIn } from '../plugins/authentication';
import { readerFrom } from '../publication/publication';
import { buildBoardPackData } from './boardPack';
import { exportBoardPack } from './boardPackExport';
import { briefingExport } from './briefingDocument';
import { recordChartExport } from './chartExport';
import { PrintBrowser } from './chromium';
import { dataExportFile, downloadResponse, sendDownload } from './dataExport';
import type { BuiltExport } from './documentCells';
import { scorecardExport } from './scorecardDocument';
import { seriesExport } from './seriesDocument';

export type ExportRoutesOptions = {
  db: Db;
  /** The built client, whose print routes draw the board pack. */
  clientDist: string;
  now?: () => Date;
  /** Chromium for the board pack; one is launched on first use and closed with the app when omitted. */
  printBrowser?: PrintBrowser;
};

const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema };
const codeParams = z.object({ code: z.string().min(1).max(40) });

/**
 * Exports: data downloads (CSV and Excel) of the scorecard, a KPI's series and a meeting's
 * briefing; the record and labelling of a chart image drawn in the browser; and the board pack
 * (PDF or Word) drawn by the client's print route in the server's Chromium. Any signed-in role may
 * export, viewers included; every export is written to the audit log as `export.*`.
 */
export const exportRoutes: FastifyPluginAsyncZod<ExportRoutesOptions> = async (app, options) => {
  const { db, clientDist } = options;
  const now = options.now ?? (() => new Date());
  const printBrowser = options.printBrowser ?? new PrintBrowser();
  if (!options.printBrowser) app.addHook('onClose', async () => printBrowser.close());
  // Sign-in is checked before the request is validated, so nobody learns the rules without signing in.
  app.addHook('onRequest', requireSignedIn(db));
  /** Who is exporting, with the app's clock; the services apply the pre-release rules to them. */
  const reader = (request: FastifyRequest) => ({ ...readerFrom(db, request), now: now() });

  async function sendData(
    request: FastifyRequest,
    reply: FastifyReply,
    action: string,
    format: DataExportFormat,
    built: BuiltExport,
  ) {
    const table = format === 'csv' ? (request.query as { table?: string }).table : undefined;
    return sendDownload(reply, await dataExportFile(db, request, action, format, built, table));
  }

  /** CSV downloads take `table` (one tidy table, or the notes); the workbook holds every table. */
  const tableQuery = (view: keyof typeof CSV_TABLES, format: DataExportFormat) =>
    format === 'csv' ? csvTableQuerySchema(view).shape : {};
  const csvDescription = (view: keyof typeof CSV_TABLES, format: DataExportFormat) =>
    format === 'csv'
      ? `One tidy table: a header row, then data rows, the protective marking in the last column of every row. \`table\` chooses the file (${CSV_TABLES[view].join(', ')}; default ${CSV_TABLES[view][0]}); \`notes\` holds the title, period, sources and notes.`
      : 'A cover sheet with the title, period, sources and notes, then a sheet of tables.';

  for (const format of DATA_EXPORT_FORMATS) {
    const upper = format.toUpperCase();
    app.get(
      `/exports/scorecard.${format}`,
      {
        schema: {
          operationId: `exportScorecard${upper}`,
          tags: ['exports'],
          summary: `The scorecard for a month as ${format === 'csv' ? 'CSV' : 'an Excel workbook'}`,
          description: csvDescription('scorecard', format),
          querystring: scorecardQuerySchema.extend(tableQuery('scorecard', format)),
          response: { 200: downloadResponse([format]), ...errors, 403: problemSchema },
        },
      },
      async (request, reply) =>
        sendData(
          request,
          reply,
          'export.scorecard',
          format,
          await scorecardExport(db, reader(request), request.query.month),
        ),
    );

    app.get(
      `/exports/indicators/:code/series.${format}`,
      {
        schema: {
          operationId: `exportIndicatorSeries${upper}`,
          tags: ['exports'],
          summary: `A KPI's series for a range and view as ${format === 'csv' ? 'CSV' : 'an Excel workbook'}`,
          description: csvDescription('series', format),
          params: codeParams,
          querystring: seriesQuerySchema.extend(tableQuery('series', format)),
          response: { 200: downloadResponse([format]), ...errors, 403: problemSchema },
        },
      },
      async (request, reply) =>
        sendData(
          request,
          reply,
          'export.series',
          format,
          await seriesExport(db, reader(request), request.params.code, request.query),
        ),
    );

    app.get(
      `/exports/meetings/:id/briefing.${format}`,
      {
        schema: {
          operationId: `exportMeetingBriefing${upper}`,
          tags: ['exports'],
          summary: `A meeting's briefing as ${format === 'csv' ? 'CSV' : 'an Excel workbook'}`,
          description: csvDescription('briefing', format),
          params: z.object({ id: idInputSchema }),
          querystring: z.object(tableQuery('briefing', format)),
          response: { 200: downloadResponse([format]), ...errors, 403: problemSchema },
        },
      },
      async (request, reply) =>
        sendData(
          request,
          reply,
          'export.briefing',
          format,
          await briefingExport(db, reader(request), request.params.id),
        ),
    );
  }

  app.post(
    '/exports/indicators/:code/chart',
    {
      schema: {
        operationId: 'recordChartExport',
        tags: ['exports'],
        summary: 'Records a chart image export and returns its file name, marking and date',
        description:
          'The browser draws the image from the chart on screen; this records the export in the audit log and says how to label it (the protective marking when any month shown is unpublished).',
        params: codeParams,
        body: chartExportRequestSchema,
        response: { 200: chartExportResponseSchema, ...errors },
      },
    },
    async (request) => recordChartExport(db, request, now, request.params.code, request.body),
  );

  app.get(
    '/exports/board-pack/data',
    {
      schema: {
        operationId: 'getBoardPackData',
        tags: ['exports'],
        summary: "What a board pack shows: each chosen KPI's rating, direction, commentary and 13-month series",
        querystring: boardPackDataQuerySchema,
        response: { 200: boardPackDataSchema, ...errors, 403: problemSchema },
      },
    },
    async (request) =>
      buildBoardPackData(db, reader(request), request.query.month, request.query.kpis, 'querystring.kpis'),
  );

  app.post(
    '/exports/board-pack',
    {
      schema: {
        operationId: 'exportBoardPack',
        tags: ['exports'],
        summary: 'The board pack for a month and a choice of KPIs, as PDF (A4 landscape) or Word',
        body: boardPackRequestSchema,
        response: { 200: downloadResponse(['pdf', 'docx']), ...errors, 403: problemSchema, 503: problemSchema },
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await exportBoardPack({ app, db, clientDist, printBrowser }, request, reader(request), request.body),
      ),
  );
};
