import {
  type ComparatorPoint,
  compareMonths,
  dateToMonth,
  differenceChartNote,
  formatMonth,
  headerWithUnit,
  kpiFileStem,
  linesWithinRange,
  type SeriesQuery,
  type SeriesResponse,
  type SeriesView,
  spcIconSentences,
  type Unit,
} from '@kpi/shared';
import type { Db } from '../db/database';
import type { Reader } from '../publication/publication';
import { findIndicatorForOrganisation } from '../scorecard/indicatorService';
import { buildSeries } from '../scorecard/seriesService';
import {
  type BuiltExport,
  comparatorCells,
  comparatorColumns,
  organisationName,
  PROVENANCE_WORDS,
  STATUS_WORDS,
  tableName,
  valueCell,
} from './documentCells';
import { loadMarking } from './marking';
import { dataNotes, sourceLines, thresholdDtoFor } from './sources';
import { type Cell, type ExportColumn, type ExportDocument, type ExportTable, monthCell, num, yesNo } from './tabular';

/** A KPI's series for a range and view, as a data export. */

const VIEW_WORDS: Record<SeriesView, string> = {
  monthly: 'monthly figures',
  rolling12: 'rolling 12-month figures',
  fytd: 'financial-year-to-date figures',
};

/** `PI4-single-assessments-within-45-2021-03`, with the view when it is not monthly. */
export function seriesFileStem(series: Pick<SeriesResponse, 'indicator' | 'view' | 'to'>): string {
  const { indicator } = series;
  const title = indicator.shortTitle ?? indicator.title;
  return kpiFileStem(indicator.code, title, series.view === 'monthly' ? series.to : `${series.view}-${series.to}`);
}

function spcColumns(unit: Unit): ExportColumn[] {
  return [
    { header: headerWithUnit('SPC average', unit), width: 12 },
    { header: headerWithUnit('SPC lower process limit', unit), width: 12 },
    { header: headerWithUnit('SPC upper process limit', unit), width: 12 },
    { header: 'SPC (signal or noise)', width: 40 },
  ];
}

type SpcMonth = { mean: number; lower: number | null; upper: number | null; words: string };

/** The SPC chart's figures by month, for monthly views that have one; null otherwise. */
function spcByMonth(series: SeriesResponse): Map<string, SpcMonth> | null {
  if (series.view !== 'monthly' || !series.spc || series.spc.points.length === 0) return null;
  const { groups, points } = series.spc;
  const byMonth = new Map<string, SpcMonth>();
  for (const point of points) {
    const group = groups.find((g) => compareMonths(g.from, point.month) <= 0 && compareMonths(point.month, g.to) <= 0);
    if (!group) continue;
    const words =
      point.pointType === 'common_cause'
        ? point.pointTypeLabel
        : `${point.pointTypeLabel}: ${point.specialCauseLabel.toLowerCase()}`;
    byMonth.set(point.month, {
      mean: group.mean,
      lower: group.lowerLimit,
      upper: group.upperLimit,
      words: group.trialLimits ? `${words} (trial limits)` : words,
    });
  }
  return byMonth;
}

/** The average and limits carry one more decimal place than the figures, so a limit is not rounded onto a figure. */
function spcCells(month: SpcMonth | undefined, unit: Unit, precision: number): Cell[] {
  if (!month) return [null, null, null, 'No figure'];
  const figure = (v: number | null) => (v === null ? null : num(v, unit, precision + 1));
  return [figure(month.mean), figure(month.lower), figure(month.upper), month.words];
}

/** The SPC icons in words, for the notes. */
export function spcNotes(series: SeriesResponse): string[] {
  if (series.view !== 'monthly') return [];
  // a KPI measured cumulatively or over 12 months gets no SPC: the file says why, as the page does
  if (!series.spc) return series.spcNote ? [`SPC: ${series.spcNote}`] : [];
  const { icons, iconsWithheld, method, gapNote } = series.spc;
  const lines = [`SPC columns: ${method}`];
  if (gapNote) lines.push(`SPC: ${gapNote}`);
  if (icons) {
    const sentences = spcIconSentences(icons);
    lines.push(`SPC ${sentences.variation}`);
    if (sentences.assurance) lines.push(`SPC ${sentences.assurance}`);
  } else if (iconsWithheld) {
    lines.push(`SPC icons: ${iconsWithheld}`);
  }
  return lines;
}

export function seriesTable(series: SeriesResponse, councilName: string): ExportTable {
  const { indicator } = series;
  const { unit, precision } = indicator;
  const comparatorsByMonth = new Map<string, Map<string, ComparatorPoint>>();
  for (const line of series.comparators) {
    for (const point of line.points) {
      const month = dateToMonth(point.periodEnd);
      const entry = comparatorsByMonth.get(month) ?? new Map<string, ComparatorPoint>();
      entry.set(line.line, point);
      comparatorsByMonth.set(month, entry);
    }
  }
  const commentary = new Map(series.commentary.map((c) => [c.month, c.body]));
  const spc = spcByMonth(series);
  const columns: ExportColumn[] = [
    { header: 'Month', width: 12 },
    { header: headerWithUnit(councilName, unit, series.viewMethod?.label.toLowerCase()), width: 14 },
    { header: 'As shown', width: 16 },
    { header: 'Rating', width: 10 },
    { header: 'Target', width: 22 },
    { header: 'Failure level', width: 22 },
    { header: 'Consequence applies', width: 12 },
    { header: 'Source', width: 16 },
    { header: 'Revised', width: 10 },
    ...series.comparators.flatMap((line) => comparatorColumns(line.label, unit)),
    ...(spc ? spcColumns(unit) : []),
    { header: 'Notes', width: 40 },
    { header: 'Commentary', width: 60 },
  ];
  const rows = series.points.map((point): Cell[] => {
    const threshold = thresholdDtoFor(indicator.thresholds, point.month);
    const comparators = comparatorsByMonth.get(point.month);
    const notes = [
      point.carriesConsequence ? null : point.consequenceReason,
      point.aggregationNote,
      point.aggregate && point.value !== null ? point.aggregate.words : null,
      point.aggregate?.ratingNote && point.value !== null ? point.aggregate.ratingNote : null,
      point.sourceNote,
    ].filter((n): n is string => Boolean(n));
    return [
      monthCell(point.month),
      valueCell(point, unit, precision),
      point.displayValue,
      point.aggregate && !point.aggregate.rated && point.value !== null ? 'Not rated' : STATUS_WORDS[point.status],
      threshold?.words.target ?? 'None in force',
      threshold?.words.failure ?? null,
      yesNo(point.carriesConsequence),
      point.provenance ? PROVENANCE_WORDS[point.provenance] : null,
      yesNo(point.revised),
      ...series.comparators.flatMap((line) => comparatorCells(comparators?.get(line.line), unit, precision)),
      ...(spc ? spcCells(spc.get(point.month), unit, precision) : []),
      notes.length > 0 ? notes.join(' ') : null,
      commentary.get(point.month) ?? null,
    ];
  });
  return {
    title: `${indicator.code} ${indicator.shortTitle ?? indicator.title}, ${VIEW_WORDS[series.view]}, ${formatMonth(series.from)} to ${formatMonth(series.to)}`,
    name: tableName(indicator.code, series.view),
    columns,
    rows,
  };
}

export async function seriesExport(db: Db, reader: Reader, code: string, query: SeriesQuery): Promise<BuiltExport> {
  const now = reader.now;
  const indicator = await findIndicatorForOrganisation(db, reader.context, code);
  const [series, councilName] = await Promise.all([
    buildSeries(db, reader, indicator, query),
    organisationName(reader.context),
  ]);
  // The comparator figures the table holds: those whose period ends within the range (the series
  // carries every year, so the sources and notes would otherwise name years the file does not show).
  const comparatorPoints = linesWithinRange(series.comparators, series.from, series.to).flatMap((line) => line.points);
  const aggregateNotes = [...new Set(series.points.map((p) => p.aggregationNote).filter(Boolean))] as string[];
  // Which aggregate the view shows, said once (the value column's heading repeats it).
  const viewNote = series.viewMethod
    ? `${VIEW_WORDS[series.view]}: ${series.viewMethod.label.toLowerCase()}${series.viewMethod.rated ? '; rated against the contract’s bands' : '; not rated, because the contract’s bands are for a single month’s figure'}.`
    : null;
  const table = seriesTable(series, councilName);
  const doc: ExportDocument = {
    title: `${series.indicator.code} ${series.indicator.shortTitle ?? series.indicator.title}: ${VIEW_WORDS[series.view]}`,
    organisation: councilName,
    period: `${formatMonth(series.from)} to ${formatMonth(series.to)}`,
    producedAt: now,
    marking: await loadMarking(db, reader.context, reader.shownUnpublished, now),
    sources: sourceLines(councilName, series.points, comparatorPoints),
    notes: dataNotes({
      illustrative: series.points.some((p) => p.provenance === 'illustrative'),
      symbols: [...series.points.map((p) => p.symbol), ...comparatorPoints.map((p) => p.symbol)],
      hasComparators: comparatorPoints.length > 0,
      extra: [
        `Definition: ${series.indicator.definition}`,
        ...(series.indicator.comparatorDifference && comparatorPoints.length > 0
          ? [differenceChartNote(series.indicator.code, series.indicator.comparatorDifference)]
          : []),
        ...(viewNote ? [viewNote, ...aggregateNotes] : []),
        ...(series.points.some((p) => p.revised) ? ['Figures marked "Revised" replace an earlier return.'] : []),
        ...spcNotes(series),
      ],
    }),
    sheets: [{ name: series.indicator.code, tables: [table] }],
    csv: [{ part: 'series', table }],
  };
  return {
    doc,
    fileStem: seriesFileStem(series),
    target: `${series.indicator.code} ${series.from}..${series.to} ${series.view}`,
  };
}
