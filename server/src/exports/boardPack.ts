import { addMonths, type BoardPackData, formatDate, formatMonth, ukDate } from '@kpi/shared';
import { visibleActions } from '../commentary/actionService';
import type { Db } from '../db/database';
import { BadRequestError } from '../errors';
import type { Reader } from '../publication/publication';
import { findIndicatorForOrganisation } from '../scorecard/indicatorService';
import { buildScorecard } from '../scorecard/scorecardService';
import { buildSeries } from '../scorecard/seriesService';
import { loadMarking } from './marking';

/** Months of history each KPI's page shows: the pack's month and the twelve before it. */
export const PACK_MONTHS = 13;

export const BOARD_PACK_DATA_PATH = '/api/exports/board-pack/data';

/** The query string of the pack's print route (and of its data). */
export function boardPackQuery(month: string, kpiCodes: readonly string[]): string {
  return new URLSearchParams({ month, kpis: kpiCodes.join(',') }).toString();
}

/**
 * Everything the pack shows, from the same services as the screens: the scorecard entry of each
 * chosen KPI (rating, value against target, direction, streak, SPC icons, agreed commentary, open actions), its
 * monthly series for the 13 months to the pack's month (the chart and the table) and its SPC facts.
 */
export async function buildBoardPackData(
  db: Db,
  reader: Reader,
  month: string,
  kpiCodes: readonly string[],
  /** Where the request carried the codes, so a refusal names the field the caller sent. */
  kpiCodesField: 'body.kpiCodes' | 'querystring.kpis',
): Promise<BoardPackData> {
  const now = reader.now;
  const organisation = await reader.context.requireOrganisation();
  const scorecard = await buildScorecard(db, reader, month);
  const inForce = new Set(scorecard.items.map((item) => item.code));
  const unknown = kpiCodes.filter((code) => !inForce.has(code));
  if (unknown.length > 0) {
    const message =
      scorecard.items.length === 0
        ? `No KPI set was in force in ${formatMonth(month)}.`
        : `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the KPI set in force in ${formatMonth(month)}.`;
    throw new BadRequestError(message, [{ path: kpiCodesField, message }]);
  }
  const chosen = new Set(kpiCodes);
  const items = scorecard.items.filter((item) => chosen.has(item.code));
  const from = addMonths(month, -(PACK_MONTHS - 1));
  const kpis = [];
  for (const item of items) {
    const indicator = await findIndicatorForOrganisation(db, reader.context, item.code);
    const actions = (await visibleActions(db, reader, [indicator])).get(indicator.id) ?? [];
    // The SPC facts beside the chart come from the window the scorecard's icons rest on (36
    // months), not the 13 months drawn, so the words, the average and the limits agree.
    const spcSeries = await buildSeries(db, reader, indicator, {
      from: item.spc.window.from,
      to: month,
      view: 'monthly',
    });
    kpis.push({
      item,
      series: await buildSeries(db, reader, indicator, { from, to: month, view: 'monthly' }),
      actions: actions.filter((a) => a.status !== 'done'),
      spc: spcSeries.spc,
    });
  }
  return {
    title: `Performance board pack, ${formatMonth(month)}`,
    organisation: organisation.name,
    month,
    kpiSet: scorecard.kpiSet
      ? {
          code: scorecard.kpiSet.code,
          name: scorecard.kpiSet.name,
          illustrativeNote: scorecard.kpiSet.illustrativeNote,
        }
      : null,
    producedAt: now.toISOString(),
    marking: await loadMarking(db, reader.context, reader.shownUnpublished, now),
    illustrative: kpis.some((kpi) => kpi.series.points.some((p) => p.provenance === 'illustrative')),
    kpis,
  };
}

export function producedLine(data: Pick<BoardPackData, 'producedAt' | 'organisation'>): string {
  return `Produced ${formatDate(ukDate(new Date(data.producedAt)))} for ${data.organisation}`;
}
