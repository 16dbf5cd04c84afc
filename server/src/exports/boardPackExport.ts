import { type BoardPackRequest, formatDate, ukDate } from '@kpi/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/database';
import type { Reader } from '../publication/publication';
import { BOARD_PACK_DATA_PATH, boardPackQuery, buildBoardPackData, producedLine } from './boardPack';
import { boardPackDocx, type ChartImage } from './boardPackDocx';
import type { PrintBrowser } from './chromium';
import type { ExportFile } from './dataExport';
import { auditExport } from './exportAudit';
import { pdfHeaderFooter, withPrintPage } from './printPage';

export type BoardPackExportDeps = {
  /** The app itself: the print page's API requests are answered through `app.inject`. */
  app: FastifyInstance;
  db: Db;
  /** The built client, whose print routes draw the board pack. */
  clientDist: string;
  printBrowser: PrintBrowser;
};

const chartImagesSchema = z.array(
  z.object({
    code: z.string(),
    dataUrl: z.string().startsWith('data:image/png;base64,'),
    width: z.number(),
    height: z.number(),
  }),
);

/**
 * The board pack for a month and a choice of KPIs, as PDF (A4 landscape) or Word, drawn by the
 * client's print route in the server's Chromium and recorded in the audit log.
 */
export async function exportBoardPack(
  { app, db, clientDist, printBrowser }: BoardPackExportDeps,
  request: FastifyRequest,
  reader: Reader,
  { month, kpiCodes, format }: BoardPackRequest,
): Promise<ExportFile<BoardPackRequest['format']>> {
  const data = await buildBoardPackData(db, reader, month, kpiCodes, 'body.kpiCodes');
  const body = await printBrowser.use((browser) =>
    withPrintPage(
      browser,
      {
        app,
        clientDist,
        cookie: request.headers.cookie ?? '',
        organisation: request.context.user?.organisationInView ?? null,
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
  await auditExport(db, request, 'export.board_pack', `board pack ${month}`, {
    format,
    fileName,
    unpublished,
    kpiCodes: data.kpis.map((kpi) => kpi.item.code),
    produced: formatDate(ukDate(new Date(data.producedAt))),
  });
  return { body, format, fileName, unpublished };
}
