import { type ChartExportRequest, type ChartExportResponse, compareMonths } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import { BadRequestError } from '../errors';
import { readerFrom } from '../publication/publication';
import { findIndicatorForOrganisation } from '../scorecard/indicatorService';
import { buildSeries } from '../scorecard/seriesService';
import { auditExport } from './exportAudit';
import { loadMarking } from './marking';
import { seriesFileStem } from './seriesDocument';

/**
 * A chart image export: the browser draws the image from the chart on screen; this records the
 * export in the audit log and says how to label it (the protective marking when any month shown
 * is unpublished).
 */
export async function recordChartExport(
  db: Db,
  request: FastifyRequest,
  now: () => Date,
  code: string,
  { format, chart, from, to, view }: ChartExportRequest,
): Promise<ChartExportResponse> {
  if (compareMonths(from, to) > 0) {
    throw new BadRequestError('The start month is after the end month.', [
      { path: 'body.from', message: 'Choose a start month on or before the end month' },
    ]);
  }
  const indicator = await findIndicatorForOrganisation(db, request.context, code);
  const producedAt = now();
  const chartReader = { ...readerFrom(db, request), now: producedAt };
  const series = await buildSeries(db, chartReader, indicator, { from, to, view });
  const marking = await loadMarking(db, chartReader.context, chartReader.shownUnpublished, producedAt);
  const fileName = `${seriesFileStem(series)}${chart === 'spc' ? '-spc' : ''}.${format}`;
  const target = `${indicator.code} ${from}..${to} ${view}${chart === 'spc' ? ' spc' : ''}`;
  await auditExport(db, request, 'export.chart', target, {
    format,
    chart,
    fileName,
    unpublished: marking !== null,
  });
  return {
    fileName,
    organisation: (await request.context.organisation())?.name ?? '',
    marking,
    producedAt: producedAt.toISOString(),
  };
}
