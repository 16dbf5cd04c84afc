import {
  againstRegion,
  formatValue,
  judgementWords,
  quintiles,
  quintileWords,
  REGIONAL_MEASURES,
  type RegionalExceptionsQuery,
  type RegionalExceptionsResponse,
  type RegionalMeasure,
  type RegionalTableQuery,
  type RegionalTableResponse,
  type RegionalTrendQuery,
  type RegionalTrendResponse,
  regionalException,
  regionalMeasure,
} from '@kpi/shared';
import type { DbOrTx } from '../db/database';
import { BadRequestError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import type { CouncilSight } from '../organisations/councilSight';
import { councilsOfRegion, dfeFigures, ENGLAND_CODE, listRegions, type RegionalFigureRow } from './regionalRepository';

/**
 * The regional view's use cases: the table of the region's councils × DfE measures, one
 * measure's trend for every council, and the councils far from the regional figure. Only DfE's
 * published figures are read, so every signed-in role may see every region.
 *
 * The served councils' own monthly KPIs are a separate answer (`councilKpis.ts`), read only for
 * the councils a person may read and shown by each council's pre-release rules.
 */

type Region = { code: string; name: string };
type Figure = Pick<RegionalFigureRow, 'value' | 'symbol'>;
const NONE: Figure = { value: null, symbol: null };

/** The region asked for, or the region of the organisation in view; an unknown code is a 400. */
async function resolveRegion(db: DbOrTx, context: RequestContext, code: string | undefined) {
  const regions = await listRegions(db);
  const wanted = code ?? (await context.requireOrganisation(db)).regionCode;
  const region = regions.find((r) => r.code === wanted);
  if (!region) {
    throw new BadRequestError(
      code ? `There is no region ${code}.` : 'The organisation in view has no region.',
      code ? [{ path: 'region', message: `Choose one of ${regions.map((r) => r.code).join(', ')}` }] : undefined,
    );
  }
  return { region, regions };
}

function measureOrRefuse(code: string): RegionalMeasure {
  const measure = regionalMeasure(code);
  if (!measure) {
    throw new BadRequestError(`The regional view has no measure ${code}.`, [
      { path: 'measure', message: `Choose one of ${REGIONAL_MEASURES.map((m) => m.code).join(', ')}` },
    ]);
  }
  return measure;
}

function display(figure: Figure, measure: RegionalMeasure, short = true): string {
  return formatValue(figure.value, measure.unit, measure.precision, figure.symbol, { short });
}

/** Each measure's figures for the year (or its latest year with figures in the region), by area. */
async function figuresByMeasure(db: DbOrTx, region: Region, councilCodes: string[], year: string | undefined) {
  const rows = await dfeFigures(db, {
    measureCodes: REGIONAL_MEASURES.map((m) => m.code),
    areaCodes: [...councilCodes, region.code, ENGLAND_CODE],
  });
  const columns: Array<{ measure: RegionalMeasure; timePeriod: string; byArea: Map<string, RegionalFigureRow> }> = [];
  for (const measure of REGIONAL_MEASURES) {
    const own = rows.filter((r) => r.measureCode === measure.code && r.areaCode !== ENGLAND_CODE);
    // Latest: the period ending last among the region's and its councils' figures (rows come oldest first).
    const timePeriod = year ?? own.at(-1)?.timePeriod;
    if (!timePeriod || !own.some((r) => r.timePeriod === timePeriod)) continue;
    const byArea = new Map(
      rows.filter((r) => r.measureCode === measure.code && r.timePeriod === timePeriod).map((r) => [r.areaCode, r]),
    );
    columns.push({ measure, timePeriod, byArea });
  }
  return columns;
}

function releasesOf(rows: Iterable<RegionalFigureRow>): string[] {
  return [...new Set([...rows].map((r) => r.sourceRelease))].sort();
}

export async function regionalTable(
  db: DbOrTx,
  context: RequestContext,
  sight: CouncilSight,
  query: RegionalTableQuery,
): Promise<RegionalTableResponse> {
  const { region, regions } = await resolveRegion(db, context, query.region);
  const councils = await councilsOfRegion(db, region.code, sight);
  const columns = await figuresByMeasure(
    db,
    region,
    councils.map((c) => c.areaCode),
    query.year,
  );
  const cellsByMeasure = columns.map(({ measure, timePeriod, byArea }) => {
    const regionFigure = byArea.get(region.code) ?? NONE;
    const figures = councils.map((c) => byArea.get(c.areaCode) ?? NONE);
    const ranks = quintiles(figures, measure.precision);
    const withFigure = figures.filter((f) => f.value !== null && f.symbol === null).length;
    return councils.map((council, i) => {
      const row = byArea.get(council.areaCode);
      const figure = figures[i]!;
      const judgement = againstRegion(figure, regionFigure, measure.polarity, measure.precision);
      const hasFigure = figure.value !== null && figure.symbol === null;
      const positionWords = hasFigure
        ? `${quintileWords(ranks[i] ?? null, withFigure)}. ${judgementWords(judgement, region.name)}.`
        : figure.symbol
          ? `Not ranked: the figure is suppressed (${figure.symbol}).`
          : 'Not ranked: no figure.';
      return {
        measureCode: measure.code,
        value: figure.value,
        symbol: figure.symbol,
        displayValue: display(figure, measure),
        unit: measure.unit,
        timePeriod: row ? timePeriod : null,
        sourceRelease: row?.sourceRelease ?? null,
        quintile: ranks[i] ?? null,
        againstRegion: judgement,
        positionWords,
      };
    });
  });
  return {
    region,
    regions,
    year: query.year ?? null,
    measures: columns.map(({ measure, timePeriod, byArea }) => {
      const regionFigure = byArea.get(region.code) ?? NONE;
      const englandFigure = byArea.get(ENGLAND_CODE) ?? NONE;
      return {
        code: measure.code,
        label: measure.label,
        unit: measure.unit,
        precision: measure.precision,
        polarity: measure.polarity,
        timePeriod,
        sourceReleases: releasesOf(byArea.values()),
        region: {
          value: regionFigure.value,
          symbol: regionFigure.symbol,
          displayValue: display(regionFigure, measure),
        },
        england: {
          value: englandFigure.value,
          symbol: englandFigure.symbol,
          displayValue: display(englandFigure, measure),
        },
        councilsWithFigure: councils.filter((c) => {
          const f = byArea.get(c.areaCode);
          return f !== undefined && f.value !== null && f.symbol === null;
        }).length,
      };
    }),
    rows: councils.map((council, i) => ({ ...council, cells: cellsByMeasure.map((cells) => cells[i]!) })),
    sources: releasesOf(columns.flatMap((c) => [...c.byArea.values()])),
  };
}

export async function regionalTrend(
  db: DbOrTx,
  context: RequestContext,
  sight: CouncilSight,
  query: RegionalTrendQuery,
): Promise<RegionalTrendResponse> {
  const measure = measureOrRefuse(query.measure);
  const { region } = await resolveRegion(db, context, query.region);
  const councils = await councilsOfRegion(db, region.code, sight);
  const rows = await dfeFigures(db, {
    measureCodes: [measure.code],
    areaCodes: [...councils.map((c) => c.areaCode), region.code, ENGLAND_CODE],
  });
  const periods = [...new Set(rows.map((r) => r.timePeriod))];
  const lineOf = (areaCode: string) =>
    rows
      .filter((r) => r.areaCode === areaCode)
      .map((r) => ({ timePeriod: r.timePeriod, value: r.value, symbol: r.symbol }));
  const regionLine = lineOf(region.code);
  const englandLine = lineOf(ENGLAND_CODE);
  return {
    region,
    measure: {
      code: measure.code,
      label: measure.label,
      unit: measure.unit,
      precision: measure.precision,
      polarity: measure.polarity,
    },
    periods,
    councils: councils.map((council) => ({ ...council, points: lineOf(council.areaCode) })),
    regionLine,
    englandLine,
    sources: releasesOf(rows),
    summary: trendSummary(measure, region, periods, regionLine, englandLine, councils.length),
  };
}

/** "West Midlands' re-referrals … went from 21.4% in 2013 to 22.0% in 2025 (England: 22.6% in 2025), across 14 councils." */
function trendSummary(
  measure: RegionalMeasure,
  region: Region,
  periods: string[],
  regionLine: Array<{ timePeriod: string } & Figure>,
  englandLine: Array<{ timePeriod: string } & Figure>,
  councilCount: number,
): string {
  if (periods.length === 0) return `DfE publishes no figures for ${measure.label.toLowerCase()} in ${region.name}.`;
  const shown = regionLine.filter((p) => p.value !== null && p.symbol === null);
  const first = shown[0];
  const last = shown.at(-1);
  const england = englandLine.filter((p) => p.value !== null && p.symbol === null).at(-1);
  const englandWords = england ? ` (England: ${display(england, measure, false)} in ${england.timePeriod})` : '';
  const regionWords =
    first && last && first !== last
      ? `the ${region.name} figure went from ${display(first, measure, false)} in ${first.timePeriod} to ${display(last, measure, false)} in ${last.timePeriod}${englandWords}`
      : last
        ? `the ${region.name} figure was ${display(last, measure, false)} in ${last.timePeriod}${englandWords}`
        : `DfE publishes no ${region.name} figure`;
  return `${measure.label}, ${periods[0]} to ${periods.at(-1)}, for ${councilCount} councils: ${regionWords}.`;
}

export async function regionalExceptions(
  db: DbOrTx,
  context: RequestContext,
  sight: CouncilSight,
  query: RegionalExceptionsQuery,
): Promise<RegionalExceptionsResponse> {
  const { region } = await resolveRegion(db, context, query.region);
  const councils = await councilsOfRegion(db, region.code, sight);
  const columns = await figuresByMeasure(
    db,
    region,
    councils.map((c) => c.areaCode),
    query.year,
  );
  const exceptions: RegionalExceptionsResponse['exceptions'] = [];
  for (const { measure, timePeriod, byArea } of columns) {
    const regionFigure = byArea.get(region.code) ?? NONE;
    for (const council of councils) {
      const figure = byArea.get(council.areaCode) ?? NONE;
      const found = regionalException(figure, regionFigure, measure.polarity, measure.precision, query.threshold);
      if (!found || figure.value === null || regionFigure.value === null) continue;
      const displayValue = display(figure, measure, false);
      const regionDisplayValue = display(regionFigure, measure, false);
      const side = found.percentFromRegion > 0 ? 'above' : 'below';
      const verdict =
        found.judgement === 'better' || found.judgement === 'worse' ? found.judgement : 'not rated: no polarity';
      exceptions.push({
        ...council,
        measureCode: measure.code,
        measureLabel: measure.label,
        timePeriod,
        value: figure.value,
        displayValue,
        regionValue: regionFigure.value,
        regionDisplayValue,
        percentFromRegion: found.percentFromRegion,
        judgement: found.judgement,
        sentence: `${council.name}: ${displayValue}, ${Math.abs(found.percentFromRegion).toFixed(1)}% ${side} ${region.name} (${regionDisplayValue}), ${timePeriod}: ${verdict}.`,
      });
    }
  }
  return {
    region,
    threshold: query.threshold,
    year: query.year ?? null,
    exceptions,
    sources: releasesOf(columns.flatMap((c) => [...c.byArea.values()])),
  };
}
