import {
  COMPARATOR_LINES,
  type ComparatorPoint,
  compareValues,
  dateToMonth,
  formatDate,
  formatMonth,
  kpiFileStem,
  type MonthlyPoint,
  type ScorecardItem,
  type SeriesQuery,
  type SeriesResponse,
  type SeriesView,
  type Unit,
} from '@kpi/shared';
import type { Db } from '../db/database';
import { NotFoundError } from '../errors';
import { buildBriefing } from '../meetings/briefingService';
import { findOrganisation } from '../organisations/organisationRepository';
import type { Reader } from '../publication/publication';
import { findIndicatorForOrganisation } from '../scorecard/indicatorService';
import { buildScorecard } from '../scorecard/scorecardService';
import { buildSeries } from '../scorecard/seriesService';
import { openActionText } from './actionCells';
import { loadMarking } from './marking';
import { dataNotes, sourceLines, thresholdDtoFor } from './sources';
import { type Cell, type ExportColumn, type ExportDocument, type ExportTable, monthCell, num, yesNo } from './tabular';

/** A built export: the document, the stem of its file name and what the audit log records. */
export type BuiltExport = { doc: ExportDocument; fileStem: string; target: string };

const STATUS_WORDS = { green: 'Green', amber: 'Amber', red: 'Red', no_data: 'No data' } as const;
const PROVENANCE_WORDS = {
  uploaded_return: 'Monthly return',
  published_paper: 'Published paper',
  illustrative: 'Illustrative',
} as const;
const THEME_WORDS = {
  front_door: 'Front door',
  child_protection: 'Child protection',
  children_in_care: 'Children in care',
  workforce: 'Workforce',
  other: 'Other',
} as const;
const VIEW_WORDS: Record<SeriesView, string> = {
  monthly: 'monthly figures',
  rolling12: 'rolling 12-month figures',
  fytd: 'financial-year-to-date figures',
};

async function organisationName(db: Db): Promise<string> {
  const organisation = await findOrganisation(db);
  if (!organisation) throw new NotFoundError('No organisation is configured yet.');
  return organisation.name;
}

/** An Excel table name: letters, digits and underscores, starting with a letter. */
function tableName(...parts: string[]): string {
  const name = parts.join('_').replace(/[^A-Za-z0-9_]+/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `T_${name}`;
}

/** A figure as a number in its unit, or its suppression symbol, or empty. */
function valueCell(point: Pick<MonthlyPoint, 'value' | 'symbol'>, unit: Unit, precision: number): Cell {
  if (point.symbol) return point.symbol;
  return point.value === null ? null : num(point.value, unit, precision);
}

/** A movement: percentages move in percentage points, so they are plain numbers. */
function changeCell(difference: number | null, unit: Unit, precision: number): Cell {
  return difference === null ? null : num(difference, unit === 'percent' ? 'plain' : unit, precision);
}

/** Value, period, and in words how the council compares and anything a reader needs beside it. */
function comparatorCells(point: ComparatorPoint | undefined, unit: Unit, precision: number): Cell[] {
  if (!point) return [null, null, null];
  const words = [point.comparison?.sentence, ...point.notes].filter(Boolean).join(' ');
  return [valueCell(point, unit, precision), point.timePeriod, words || null];
}

function comparatorColumns(label: string): ExportColumn[] {
  return [{ header: label, width: 14 }, { header: `${label} period` }, { header: `${label}: compared`, width: 40 }];
}

function unitWords(unit: Unit): string {
  switch (unit) {
    case 'percent':
      return '%';
    case 'rate_per_10k':
      return 'per 10,000';
    case 'days':
      return 'days';
    case 'money':
      return '£';
    case 'count':
      return 'count';
    case 'average':
      return 'average';
  }
}

// --------------------------------------------------------------------------------------------
// The scorecard for a month
// --------------------------------------------------------------------------------------------

export async function scorecardExport(db: Db, reader: Reader, month: string | undefined): Promise<BuiltExport> {
  const now = reader.now;
  const [scorecard, councilName, actions] = await Promise.all([
    buildScorecard(db, reader, month),
    organisationName(db),
    openActionText(db, reader),
  ]);
  const lineLabels = new Map<string, string>();
  for (const item of scorecard.items) for (const c of item.comparators) lineLabels.set(c.line, c.label);
  const lines = COMPARATOR_LINES.filter((line) => lineLabels.has(line));

  const columns: ExportColumn[] = [
    { header: 'KPI', width: 8 },
    { header: 'Title', width: 44 },
    { header: 'Theme', width: 16 },
    { header: 'Unit', width: 10 },
    { header: `Value, ${formatMonth(scorecard.month)}`, width: 14 },
    { header: 'As shown', width: 16 },
    { header: 'Rating', width: 10 },
    { header: 'Target', width: 22 },
    { header: 'Failure level', width: 22 },
    { header: 'Change on previous month', width: 14 },
    { header: 'Direction on previous month', width: 18 },
    { header: 'Change on same month last year', width: 14 },
    { header: 'Direction on same month last year', width: 18 },
    { header: 'Streak', width: 40 },
    { header: 'Persistent failure', width: 12 },
    { header: 'Consequence applies', width: 12 },
    { header: 'SPC variation', width: 48 },
    { header: 'SPC assurance', width: 48 },
    { header: 'Source', width: 16 },
    ...lines.flatMap((line) => comparatorColumns(lineLabels.get(line)!)),
    { header: 'Commentary month', width: 12 },
    { header: 'Commentary', width: 60 },
    { header: 'Open actions', width: 60 },
  ];
  const rows = scorecard.items.map((item): Cell[] => {
    const { unit, precision } = item;
    const byLine = new Map(item.comparators.map((c) => [c.line, c]));
    return [
      item.code,
      item.title,
      THEME_WORDS[item.theme],
      unitWords(unit),
      valueCell(item.current, unit, precision),
      item.current.displayValue,
      STATUS_WORDS[item.current.status],
      item.thresholds
        ? `${item.thresholds.target}${item.bandsIllustrative ? ' (illustrative bands)' : ''}`
        : 'None in force',
      item.thresholds?.failure ?? null,
      changeCell(item.direction.previousMonth.difference, unit, precision),
      item.direction.previousMonth.label,
      changeCell(item.direction.sameMonthLastYear.difference, unit, precision),
      item.direction.sameMonthLastYear.label,
      item.streak.reason,
      yesNo(item.streak.persistentFailure),
      yesNo(item.consequence.carriesConsequence),
      // The icons as words (a spreadsheet cell holds no icon): "Special cause of concern: …".
      item.spc.icons?.variation.words ?? item.spc.withheld,
      item.spc.icons?.assurance?.words ?? (item.spc.icons ? 'No assurance icon (no target or no direction)' : null),
      item.current.provenance ? PROVENANCE_WORDS[item.current.provenance] : null,
      ...lines.flatMap((line) => comparatorCells(byLine.get(line), unit, precision)),
      item.commentary ? monthCell(item.commentary.month) : null,
      item.commentary?.body ?? null,
      actions.get(item.code) ?? null,
    ];
  });

  const trendSheets = scorecard.items.map((item) => ({
    name: item.code,
    tables: [trendTable(item)],
  }));
  const allPoints = scorecard.items.flatMap((item) => item.sparkline);
  const doc: ExportDocument = {
    title: `Scorecard, ${formatMonth(scorecard.month)}`,
    organisation: councilName,
    period: formatMonth(scorecard.month),
    producedAt: now,
    marking: await loadMarking(db, reader.shownUnpublished, now),
    sources: sourceLines(
      councilName,
      allPoints,
      scorecard.items.flatMap((i) => i.comparators),
    ),
    notes: dataNotes({
      illustrative: scorecard.items.some((i) => i.illustrative),
      symbols: [
        ...allPoints.map((p) => p.symbol),
        ...scorecard.items.flatMap((i) => i.comparators.map((c) => c.symbol)),
      ],
      hasComparators: lines.length > 0,
      extra: [
        scorecard.kpiSet
          ? `KPI set: ${scorecard.kpiSet.name}. A KPI red for more than ${scorecard.kpiSet.persistentFailureMonths} months that carry a consequence is a persistent failure.`
          : `No KPI set was in force in ${formatMonth(scorecard.month)}.`,
        ...(scorecard.kpiSet?.illustrativeNote ? [scorecard.kpiSet.illustrativeNote] : []),
        'Each KPI has its own sheet with its figures for the 13 months to the scorecard month.',
      ],
    }),
    sheets: [
      {
        name: 'Scorecard',
        tables: [{ title: `Every KPI, ${formatMonth(scorecard.month)}`, name: 'Scorecard', columns, rows }],
      },
      ...trendSheets,
    ],
  };
  return { doc, fileStem: `scorecard-${scorecard.month}`, target: `scorecard ${scorecard.month}` };
}

function trendTable(item: ScorecardItem): ExportTable {
  return {
    title: `${item.code} ${item.shortTitle ?? item.title}, the 13 months to ${formatMonth(item.current.month)}`,
    name: tableName(item.code, 'trend'),
    columns: [
      { header: 'Month', width: 12 },
      { header: `Value (${unitWords(item.unit)})`, width: 14 },
      { header: 'As shown', width: 16 },
      { header: 'Rating', width: 10 },
      { header: 'Source', width: 16 },
      { header: 'Revised', width: 10 },
    ],
    rows: item.sparkline.map((point) => [
      monthCell(point.month),
      valueCell(point, item.unit, item.precision),
      point.displayValue,
      STATUS_WORDS[point.status],
      point.provenance ? PROVENANCE_WORDS[point.provenance] : null,
      yesNo(point.revised),
    ]),
  };
}

// --------------------------------------------------------------------------------------------
// A KPI's series for a range and view
// --------------------------------------------------------------------------------------------

/** `PI4-single-assessments-within-45-2021-03`, with the view when it is not monthly. */
export function seriesFileStem(series: Pick<SeriesResponse, 'indicator' | 'view' | 'to'>): string {
  const { indicator } = series;
  const title = indicator.shortTitle ?? indicator.title;
  return kpiFileStem(indicator.code, title, series.view === 'monthly' ? series.to : `${series.view}-${series.to}`);
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
  const columns: ExportColumn[] = [
    { header: 'Month', width: 12 },
    {
      header: `${councilName} (${unitWords(unit)}${series.viewMethod ? `; ${series.viewMethod.label.toLowerCase()}` : ''})`,
      width: 14,
    },
    { header: 'As shown', width: 16 },
    { header: 'Rating', width: 10 },
    { header: 'Target', width: 22 },
    { header: 'Failure level', width: 22 },
    { header: 'Consequence applies', width: 12 },
    { header: 'Source', width: 16 },
    { header: 'Revised', width: 10 },
    ...series.comparators.flatMap((line) => comparatorColumns(line.label)),
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
  const indicator = await findIndicatorForOrganisation(db, code);
  const [series, councilName] = await Promise.all([buildSeries(db, reader, indicator, query), organisationName(db)]);
  const comparatorPoints = series.comparators.flatMap((line) => line.points);
  const aggregateNotes = [...new Set(series.points.map((p) => p.aggregationNote).filter(Boolean))] as string[];
  // Which aggregate the view shows, said once (the value column's heading repeats it).
  const viewNote = series.viewMethod
    ? `${VIEW_WORDS[series.view]}: ${series.viewMethod.label.toLowerCase()}${series.viewMethod.rated ? '; rated against the contract’s bands' : '; not rated, because the contract’s bands are for a single month’s figure'}.`
    : null;
  const doc: ExportDocument = {
    title: `${series.indicator.code} ${series.indicator.shortTitle ?? series.indicator.title}: ${VIEW_WORDS[series.view]}`,
    organisation: councilName,
    period: `${formatMonth(series.from)} to ${formatMonth(series.to)}`,
    producedAt: now,
    marking: await loadMarking(db, reader.shownUnpublished, now),
    sources: sourceLines(councilName, series.points, comparatorPoints),
    notes: dataNotes({
      illustrative: series.points.some((p) => p.provenance === 'illustrative'),
      symbols: [...series.points.map((p) => p.symbol), ...comparatorPoints.map((p) => p.symbol)],
      hasComparators: comparatorPoints.length > 0,
      extra: [
        `Definition: ${series.indicator.definition}`,
        ...(viewNote ? [viewNote, ...aggregateNotes] : []),
        ...(series.points.some((p) => p.revised) ? ['Figures marked "Revised" replace an earlier return.'] : []),
      ],
    }),
    sheets: [{ name: series.indicator.code, tables: [seriesTable(series, councilName)] }],
  };
  return {
    doc,
    fileStem: seriesFileStem(series),
    target: `${series.indicator.code} ${series.from}..${series.to} ${series.view}`,
  };
}

// --------------------------------------------------------------------------------------------
// A meeting's briefing
// --------------------------------------------------------------------------------------------

const POSITION_WORDS = {
  better: 'Better',
  worse: 'Worse',
  similar: 'Similar',
  higher: 'Higher',
  lower: 'Lower',
  not_comparable: 'Not comparable',
} as const;

export async function briefingExport(db: Db, reader: Reader, meetingId: number): Promise<BuiltExport> {
  const now = reader.now;
  const briefing = await buildBriefing(db, reader, meetingId);
  const [scorecardNow, scorecardBefore, councilName] = await Promise.all([
    buildScorecard(db, reader, briefing.month),
    buildScorecard(db, reader, briefing.comparedWithMonth),
    organisationName(db),
  ]);
  const before = new Map(scorecardBefore.items.map((item) => [item.code, item]));
  const lists: [string, { code: string }[]][] = [
    ['Turned red', briefing.turnedRed],
    ['Recovered from red', briefing.recovered],
    ['Persistent failure', briefing.persistentFailure],
    ['Largest movements', briefing.largestMovements],
  ];
  const listedUnder = (code: string) =>
    lists
      .filter(([, kpis]) => kpis.some((k) => k.code === code))
      .map(([name]) => name)
      .join('; ');

  const kpiRows = scorecardNow.items.map((item): Cell[] => {
    const earlier = before.get(item.code);
    const { unit, precision } = item;
    // The same comparison as the briefing's own (at the KPI's precision, with its polarity).
    const comparison = compareValues(item.current.value, earlier?.current.value ?? null, item.polarity, precision);
    return [
      item.code,
      item.title,
      unitWords(unit),
      valueCell(item.current, unit, precision),
      item.current.displayValue,
      STATUS_WORDS[item.current.status],
      earlier ? valueCell(earlier.current, unit, precision) : null,
      earlier ? earlier.current.displayValue : 'No data',
      STATUS_WORDS[earlier?.current.status ?? 'no_data'],
      changeCell(comparison.difference, unit, precision),
      comparison.label,
      listedUnder(item.code) || null,
      yesNo(item.streak.persistentFailure),
      item.streak.reason,
      yesNo(item.illustrative),
      item.commentary?.body ?? null,
    ];
  });
  const kpiTable: ExportTable = {
    title: `KPIs in ${formatMonth(briefing.month)} compared with ${formatMonth(briefing.comparedWithMonth)}`,
    name: 'Briefing_KPIs',
    columns: [
      { header: 'KPI', width: 8 },
      { header: 'Title', width: 44 },
      { header: 'Unit', width: 10 },
      { header: `Value, ${formatMonth(briefing.month)}`, width: 14 },
      { header: `As shown, ${formatMonth(briefing.month)}`, width: 16 },
      { header: `Rating, ${formatMonth(briefing.month)}`, width: 12 },
      { header: `Value, ${formatMonth(briefing.comparedWithMonth)}`, width: 14 },
      { header: `As shown, ${formatMonth(briefing.comparedWithMonth)}`, width: 16 },
      { header: `Rating, ${formatMonth(briefing.comparedWithMonth)}`, width: 12 },
      { header: 'Change', width: 12 },
      { header: 'Direction', width: 14 },
      { header: 'Listed under', width: 24 },
      { header: 'Persistent failure', width: 12 },
      { header: 'Streak', width: 40 },
      { header: 'Illustrative', width: 12 },
      { header: 'Commentary', width: 60 },
    ],
    rows: kpiRows,
  };
  const byCode = new Map(scorecardNow.items.map((item) => [item.code, item]));
  const comparatorRows = briefing.comparatorPosition.flatMap((entry) => {
    const item = byCode.get(entry.code);
    return entry.lines.map((line): Cell[] => {
      const point = item?.comparators.find((c) => c.line === line.line);
      return [
        entry.code,
        entry.title,
        item ? valueCell(item.current, item.unit, item.precision) : entry.displayValue,
        line.label,
        point && item ? valueCell(point, item.unit, item.precision) : line.displayValue,
        line.timePeriod,
        POSITION_WORDS[line.position],
        entry.council.label,
        [line.sentence, ...line.notes].filter(Boolean).join(' ') || null,
      ];
    });
  });
  const comparatorTable: ExportTable = {
    title: `How ${councilName} compares, ${formatMonth(briefing.month)}`,
    name: 'Briefing_comparators',
    columns: [
      { header: 'KPI', width: 8 },
      { header: 'Title', width: 44 },
      { header: councilName, width: 14 },
      { header: 'Comparator', width: 36 },
      { header: 'Comparator figure', width: 14 },
      { header: 'Comparator period', width: 14 },
      { header: `${councilName} is`, width: 14 },
      { header: `${councilName}’s figure compared`, width: 36 },
      { header: 'In words', width: 60 },
    ],
    rows: comparatorRows,
  };
  const { meeting } = briefing;
  const points = [...scorecardNow.items, ...scorecardBefore.items].map((i) => i.current);
  const comparatorPoints = scorecardNow.items.flatMap((i) => i.comparators);
  const doc: ExportDocument = {
    title: `Briefing for the meeting on ${formatDate(meeting.heldOn)}`,
    organisation: councilName,
    period: `${formatMonth(briefing.month)} compared with ${formatMonth(briefing.comparedWithMonth)}`,
    producedAt: now,
    marking: await loadMarking(db, reader.shownUnpublished, now),
    sources: sourceLines(councilName, points, comparatorPoints),
    notes: dataNotes({
      illustrative: briefing.illustrativeDataShown,
      symbols: [...points.map((p) => p.symbol), ...comparatorPoints.map((p) => p.symbol)],
      hasComparators: comparatorPoints.length > 0,
      extra: [
        `${meeting.board}, ${formatDate(meeting.heldOn)}.`,
        briefing.headline,
        ...(briefing.kpiSet?.illustrativeNote ? [briefing.kpiSet.illustrativeNote] : []),
      ],
    }),
    sheets: [{ name: 'Briefing', tables: [kpiTable, comparatorTable] }],
  };
  return { doc, fileStem: `briefing-${meeting.heldOn}`, target: `meeting ${meeting.id}` };
}
