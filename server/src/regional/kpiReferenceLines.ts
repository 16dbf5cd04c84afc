import { dateToMonth, type RegionalKpiReferenceLine } from '@kpi/shared';
import type { DbOrTx } from '../db/database';
import { ENGLAND_CODE, officialAreaFigures, regionsOfAreas } from './regionalRepository';

/**
 * The lines a chart of one KPI across councils is read against (issue 19): the group average of
 * the figures this person may see, month by month, and, where the KPI has a DfE measure to compare
 * with, the region's and England's published figures, each at the month its period ends (DfE
 * publishes years, the councils months: a year's figure is one point, never spread over months).
 *
 * Like with like only: a count is never set against another area's count (their sizes differ;
 * the KPI page withholds those lines too), a council paper's quoted figure is not an official
 * statistic, and a region line is drawn only when every council charted is in that one region.
 */
export async function kpiReferenceLines(
  db: DbOrTx,
  params: {
    months: readonly string[];
    councils: ReadonlyArray<{ areaCode: string; points: ReadonlyArray<{ month: string; value: number | null }> }>;
    indicator: { comparatorMeasure: string | null; unit: string } | null;
    groupName: string;
  },
): Promise<{ lines: RegionalKpiReferenceLine[]; notes: string[] }> {
  const { months, councils, indicator } = params;
  const notes: string[] = [];
  const lines: RegionalKpiReferenceLine[] = [];
  const average = months.map((month, i) => {
    const values = councils.flatMap((c) => (c.points[i]?.value == null ? [] : [c.points[i]!.value!]));
    // an average needs two councils' figures: one council's is just that council
    return { month, value: values.length >= 2 ? values.reduce((a, b) => a + b, 0) / values.length : null };
  });
  if (average.some((p) => p.value !== null)) {
    lines.push({
      key: 'group_average',
      name: `${params.groupName}: average`,
      source: 'The mean of the councils’ figures shown here, in months where at least two have one.',
      points: average,
    });
  }
  const measure = indicator?.comparatorMeasure;
  if (months.length === 0 || councils.length === 0 || !indicator) return { lines, notes };
  if (!measure) {
    notes.push('No England or region line: DfE publishes no figure measured as this KPI is.');
    return { lines, notes };
  }
  if (indicator.unit === 'count') {
    notes.push('No England or region line: this KPI is a count, and a count is not set against a larger area’s.');
    return { lines, notes };
  }

  const regionCodes = await regionsOfAreas(
    db,
    councils.map((c) => c.areaCode),
  );
  const regionCode = regionCodes.length === 1 ? (regionCodes[0] ?? null) : null;
  if (regionCodes.length > 1) {
    notes.push(
      `No region line: these councils are in ${regionCodes.length} regions, so no one region’s figures stand for the group.`,
    );
  }
  const rows = await officialAreaFigures(db, {
    measureCode: measure,
    areaCodes: regionCode ? [ENGLAND_CODE, regionCode] : [ENGLAND_CODE],
  });
  const inWindow = new Set(months);
  for (const [key, code] of [
    ['region', regionCode],
    ['england', ENGLAND_CODE],
  ] as const) {
    if (!code) continue;
    const own = rows.filter((r) => r.areaCode === code && inWindow.has(dateToMonth(r.periodEnd)));
    if (own.length === 0) continue;
    const byMonth = new Map(own.map((r) => [dateToMonth(r.periodEnd), r.symbol === null ? r.value : null]));
    lines.push({
      key,
      name: own[0]!.name,
      source: [...new Set(own.map((r) => r.sourceRelease))].join('; '),
      points: months.map((month) => ({ month, value: byMonth.get(month) ?? null })),
    });
  }
  return { lines, notes };
}
