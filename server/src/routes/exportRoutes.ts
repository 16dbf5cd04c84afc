import {
  boardPackDataQuerySchema,
  boardPackDataSchema,
  boardPackRequestSchema,
  chartExportRequestSchema,
  chartExportResponseSchema,
  compareMonths,
  DATA_EXPORT_FORMATS,
  type DataExportFormat,
  formatDate,
  idInputSchema,
  problemSchema,
  scorecardQuerySchema,
  seriesQuerySchema,
  ukDate,
} from '@kpi/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import { BadRequestError } from '../errors';
import { BOARD_PACK_DATA_PATH, boardPackQuery, buildBoardPackData, producedLine } from '../exports/boardPack';
import { boardPackDocx, type ChartImage } from '../exports/boardPackDocx';
import { PrintBrowser } from '../exports/chromium';
import { type BuiltExport, briefingExport, scorecardExport, seriesExport, seriesFileStem } from '../exports/documents';
import { loadMarking } from '../exports/marking';
import { pdfHeaderFooter, withPrintPage } from '../exports/printPage';
import { toCsv, toXlsx } from '../exports/tabular';
import { attachmentDisposition } from '../http/fileTransfer';
import { findOrganisation } from '../organisations/organisationRepository';
import { requireSignedIn } from '../plugins/authentication';
import { readerFrom } from '../publication/publication';
import { findIndicatorForOrganisation } from '../scorecard/indicatorService';
import { buildSeries } from '../scorecard/seriesService';

export type ExportRoutesOptions = {
  db: Db;
  /** The built client, whose print routes draw the board pack. */
  clientDist: string;
  now?: () => Date;
  /** Chromium for the board pack; one is launched on first use and closed with the app when omitted. */
  printBrowser?: PrintBrowser;
};

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema };
const codeParams = z.object({ code: z.string().min(1).max(40) });
const chartImagesSchema = z.array(
  z.object({
    code: z.string(),
    dataUrl: z.string().startsWith('data:image/png;base64,'),
    width: z.number(),
    height: z.number(),
  }),
);

/** A download: named, never shown inline, and never stored anywhere when it holds unpublished figures. */
function sendDownload(
  reply: FastifyReply,
  file: { body: Buffer; format: keyof typeof CONTENT_TYPES; fileName: string; unpublished: boolean },
) {
  return reply
    .header('content-type', CONTENT_TYPES[file.format])
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('cache-control', file.unpublished ? 'no-store' : 'private, no-cache')
    .send(file.body);
}

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

  async function audit(
    request: FastifyRequest,
    action: string,
    target: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(db, {
      action,
      userId: request.user?.id ?? null,
      username: request.user?.username ?? null,
      target,
      details,
      requestId: String(request.id),
      ipAddress: request.ip,
    });
  }

  async function sendData(
    request: FastifyRequest,
    reply: FastifyReply,
    action: string,
    format: DataExportFormat,
    built: BuiltExport,
  ) {
    const body = format === 'csv' ? toCsv(built.doc) : await toXlsx(built.doc);
    const fileName = `${built.fileStem}.${format}`;
    const unpublished = built.doc.marking !== null;
    await audit(request, action, built.target, { format, fileName, unpublished });
    return sendDownload(reply, { body, format, fileName, unpublished });
  }

  for (const format of DATA_EXPORT_FORMATS) {
    const upper = format.toUpperCase();
    app.get(
      `/exports/scorecard.${format}`,
      {
        schema: {
          operationId: `exportScorecard${upper}`,
          tags: ['exports'],
          summary: `The scorecard for a month as ${format === 'csv' ? 'CSV' : 'an Excel workbook'}`,
          querystring: scorecardQuerySchema,
          response: errors,
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
          params: codeParams,
          querystring: seriesQuerySchema,
          response: errors,
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
          params: z.object({ id: idInputSchema }),
          response: errors,
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
    async (request) => {
      const { format, from, to, view } = request.body;
      if (compareMonths(from, to) > 0) {
        throw new BadRequestError('The start month is after the end month.', [
          { path: 'body.from', message: 'Choose a start month on or before the end month' },
        ]);
      }
      const indicator = await findIndicatorForOrganisation(db, request.params.code);
      const producedAt = now();
      const chartReader = { ...readerFrom(db, request), now: producedAt };
      const series = await buildSeries(db, chartReader, indicator, { from, to, view });
      const marking = await loadMarking(db, chartReader.shownUnpublished, producedAt);
      const fileName = `${seriesFileStem(series)}.${format}`;
      await audit(request, 'export.chart', `${indicator.code} ${from}..${to} ${view}`, {
        format,
        fileName,
        unpublished: marking !== null,
      });
      return {
        fileName,
        organisation: (await findOrganisation(db))?.name ?? '',
        marking,
        producedAt: producedAt.toISOString(),
      };
    },
  );

  app.get(
    '/exports/board-pack/data',
    {
      schema: {
        operationId: 'getBoardPackData',
        tags: ['exports'],
        summary: "What a board pack shows: each chosen KPI's rating, direction, commentary and 13-month series",
        querystring: boardPackDataQuerySchema,
        response: { 200: boardPackDataSchema, ...errors },
      },
    },
    async (request) => buildBoardPackData(db, reader(request), request.query.month, request.query.kpis),
  );

  app.post(
    '/exports/board-pack',
    {
      schema: {
        operationId: 'exportBoardPack',
        tags: ['exports'],
        summary: 'The board pack for a month and a choice of KPIs, as PDF (A4 landscape) or Word',
        body: boardPackRequestSchema,
        response: { ...errors, 503: problemSchema },
      },
    },
    async (request, reply) => {
      const { month, kpiCodes, format } = request.body;
      const data = await buildBoardPackData(db, reader(request), month, kpiCodes);
      const body = await printBrowser.use((browser) =>
        withPrintPage(
          browser,
          {
            app,
            clientDist,
            cookie: request.headers.cookie ?? '',
            remoteAddress: request.ip,
            path: `/print/board-pack?${boardPackQuery(
              month,
              data.kpis.map((kpi) => kpi.item.code),
            )}`,
            prepared: { [BOARD_PACK_DATA_PATH]: data },
          },
          async (page): Promise<Buffer> => {
            if (format === 'pdf') {
              return page.pdf({
                format: 'A4',
                landscape: true,
                printBackground: true,
                displayHeaderFooter: true,
                ...pdfHeaderFooter({
                  title: data.title,
                  marking: data.marking?.text ?? null,
                  produced: producedLine(data),
                }),
                margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' },
                preferCSSPageSize: true,
                tagged: true,
                outline: true,
              });
            }
            const drawn = chartImagesSchema.parse(await page.evaluate('window.kpiBoardPack.chartImages()'));
            const images: ChartImage[] = drawn.map((image) => ({
              code: image.code,
              png: Buffer.from(image.dataUrl.slice('data:image/png;base64,'.length), 'base64'),
              width: image.width,
              height: image.height,
            }));
            return boardPackDocx(data, images);
          },
        ),
      );
      const fileName = `board-pack-${month}.${format}`;
      const unpublished = data.marking !== null;
      await audit(request, 'export.board_pack', `board pack ${month}`, {
        format,
        fileName,
        unpublished,
        kpiCodes: data.kpis.map((kpi) => kpi.item.code),
        produced: formatDate(ukDate(new Date(data.producedAt))),
      });
      return sendDownload(reply, { body, format, fileName, unpublished });
    },
  );
};
