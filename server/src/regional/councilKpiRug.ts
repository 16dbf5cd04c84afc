import {
  formatMonth,
  formatValue,
  polarityAgainstOtherAreas,
  type RegionalKpiExceptionsQuery,
  type RegionalKpiExceptionsResponse,
  type RegionalKpiRugQuery,
  type RegionalKpiRugResponse,
  regionalException,
} from '@kpi/shared';
import type { Db } from '../db/database';
import type { SessionUser } from '../http/requestContext';
import type { Reader } from '../publication/publication';
import { type CouncilInView, compareKpi, councilsInView, type KpiComparison, latestShownMonth } from './councilKpis';

/**
 * The councils' own contract KPIs as a "tartan rug" (issue 19): the councils the person may read ×
 * every KPI code they hold, read once for all codes, each column the one-KPI comparison
 * (`compareKpi`, the rule `GET /regional/kpis` answers by) for that KPI's month, and the cells more
 * than a threshold from the group average by the DfE exceptions' rule (`regionalException`).
 * Hidden months say "Not yet published", are never averaged and so never exceptions.
 */

interface Column {
  code: string;
  month: string | null;
  comparison: KpiComparison;
}

/** "PI2" before "PI10": codes sorted as people number them. */
const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

async function buildRug(db: Db, session: SessionUser, reader: Reader, query: RegionalKpiRugQuery) {
  const { group, councils } = await councilsInView(db, session, reader, query.group, null);
  // Contract KPIs only: an indicator a council only monitors has no bands to be rated against.
  const codes = [
    ...new Set(councils.flatMap((c) => c.reads.filter((r) => r.inKpiSet).map((r) => r.indicator.code))),
  ].sort(byCode);
  const columns: Column[] = codes.map((code) => {
    const month = query.month ?? latestShownMonth(councils, code);
    return { code, month, comparison: compareKpi(councils, code, month) };
  });
  return { group, councils, columns };
}

/** Records, per council, the unpublished months these cells showed (the council's own pre-release log). */
async function recordLooks(
  councils: readonly CouncilInView[],
  shown: Array<{ council: number; month: string }>,
  what: string,
) {
  for (const [i, { council, visibility }] of councils.entries()) {
    const months = shown.filter((s) => s.council === i).map((s) => s.month);
    if (months.length > 0) await visibility.recordLooks(`${what}:${council.areaCode}`, months);
  }
}

export async function regionalKpiRug(
  db: Db,
  session: SessionUser,
  reader: Reader,
  query: RegionalKpiRugQuery,
): Promise<RegionalKpiRugResponse> {
  const { group, councils, columns } = await buildRug(db, session, reader, query);
  const rows = councils.map(({ council }, i) => ({
    areaCode: council.areaCode,
    name: council.name,
    cells: columns.map(({ code, month, comparison }) => {
      const { areaCode: _, name: __, ...cell } = comparison.rows[i]!.cell;
      return { ...cell, code, month };
    }),
  }));
  await recordLooks(
    councils,
    rows.flatMap((row, i) =>
      row.cells.flatMap((c) => (c.unpublished && c.month ? [{ council: i, month: c.month }] : [])),
    ),
    'regional-rug',
  );
  return {
    group,
    month: query.month ?? null,
    columns: columns.flatMap(({ code, month, comparison }) => {
      const { first } = comparison;
      if (!first) return [];
      return [
        {
          code,
          title: first.shortTitle ?? first.title,
          month,
          polarity: polarityAgainstOtherAreas(first),
          unit: first.unit,
          precision: first.precision,
          groupAverage: comparison.groupAverage,
          councilsWithKpi: comparison.rows.filter((r) => r.indicator !== null).length,
        },
      ];
    }),
    rows,
    illustrative: rows.some((row) => row.cells.some((c) => c.illustrative)),
    includesUnpublished: reader.shownUnpublished.size > 0,
  };
}

/**
 * The rug's cells more than `threshold`% from their KPI's group average, better or worse by that
 * council's KPI's polarity (higher or lower where it has none). Only the figures listed count as
 * shown: an unpublished month is recorded (and marks an export) only when it is listed.
 */
export async function regionalKpiExceptions(
  db: Db,
  session: SessionUser,
  reader: Reader,
  query: RegionalKpiExceptionsQuery,
): Promise<RegionalKpiExceptionsResponse> {
  const { group, councils, columns } = await buildRug(db, session, reader, query);
  const exceptions: Array<RegionalKpiExceptionsResponse['exceptions'][number] & { council: number }> = [];
  for (const { code, month, comparison } of columns) {
    const average = comparison.groupAverage;
    if (!month || average.value === null) continue;
    for (const [i, { cell, indicator }] of comparison.rows.entries()) {
      if (!indicator || !cell.visible || cell.value === null || cell.displayValue === null) continue;
      const found = regionalException(
        { value: cell.value, symbol: cell.symbol },
        { value: average.value, symbol: null },
        polarityAgainstOtherAreas(indicator),
        indicator.precision,
        query.threshold,
      );
      if (!found) continue;
      const averageDisplay = formatValue(average.value, indicator.unit, indicator.precision, null, { short: true });
      const side = found.percentFromRegion > 0 ? 'above' : 'below';
      const verdict =
        found.judgement === 'better' || found.judgement === 'worse' ? found.judgement : 'not rated: no polarity';
      exceptions.push({
        council: i,
        areaCode: cell.areaCode,
        name: cell.name,
        code,
        title: indicator.shortTitle ?? indicator.title,
        month,
        value: cell.value,
        displayValue: cell.displayValue,
        unit: indicator.unit,
        precision: indicator.precision,
        groupAverage: average.value,
        groupAverageDisplay: averageDisplay,
        percentFromAverage: found.percentFromRegion,
        judgement: found.judgement,
        sentence: `${cell.name}: ${code} ${cell.displayValue} in ${formatMonth(month)}, ${Math.abs(found.percentFromRegion).toFixed(1)}% ${side} the group average (${averageDisplay}): ${verdict}.`,
        unpublished: cell.unpublished,
        illustrative: cell.illustrative,
      });
    }
  }
  await recordLooks(
    councils,
    exceptions.filter((e) => e.unpublished).map((e) => ({ council: e.council, month: e.month })),
    'regional-kpi-exceptions',
  );
  return {
    group,
    threshold: query.threshold,
    month: query.month ?? null,
    exceptions: exceptions.map(({ council: _, ...e }) => e),
    illustrative: exceptions.some((e) => e.illustrative),
    includesUnpublished: reader.shownUnpublished.size > 0,
  };
}
