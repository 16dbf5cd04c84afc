import { COMPARATOR_LINES, formatMonth, headerWithUnit, type ScorecardItem } from '@kpi/shared';
import type { Db } from '../db/database';
import type { Reader } from '../publication/publication';
import { buildScorecard } from '../scorecard/scorecardService';
import { openActionText } from './actionCells';
import {
  type BuiltExport,
  changeCell,
  comparatorCells,
  comparatorColumns,
  organisationName,
  PROVENANCE_WORDS,
  STATUS_WORDS,
  tableName,
  unitWords,
  valueCell,
} from './documentCells';
import { loadMarking } from './marking';
import { dataNotes, sourceLines } from './sources';
import { type Cell, type ExportColumn, type ExportDocument, type ExportTable, monthCell, yesNo } from './tabular';

/** The scorecard for a month, as a data export. */

const THEME_WORDS = {
  front_door: 'Front door',
  child_protection: 'Child protection',
  children_in_care: 'Children in care',
  workforce: 'Workforce',
  other: 'Other',
} as const;

export async function scorecardExport(db: Db, reader: Reader, month: string | undefined): Promise<BuiltExport> {
  const now = reader.now;
  const [scorecard, councilName, actions] = await Promise.all([
    buildScorecard(db, reader, month),
    organisationName(reader.context),
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
    { header: headerWithUnit(`Value, ${formatMonth(scorecard.month)}`, 'per_row'), width: 14 },
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
    ...lines.flatMap((line) => comparatorColumns(lineLabels.get(line)!, 'per_row')),
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
      // The icons as words (a spreadsheet cell holds no icon): "Special cause of concern (higher). …".
      item.spc.icons ? `${item.spc.icons.variation.title}. ${item.spc.icons.variation.words}` : item.spc.withheld,
      item.spc.icons?.assurance
        ? `${item.spc.icons.assurance.title}. ${item.spc.icons.assurance.words}`
        : item.spc.icons
          ? 'No assurance icon (no target or no direction)'
          : null,
      item.current.provenance ? PROVENANCE_WORDS[item.current.provenance] : null,
      ...lines.flatMap((line) => comparatorCells(byLine.get(line), unit, precision)),
      item.commentary ? monthCell(item.commentary.month) : null,
      item.commentary?.body ?? null,
      actions.get(item.code) ?? null,
    ];
  });

  const scorecardTable: ExportTable = {
    title: `Every KPI, ${formatMonth(scorecard.month)}`,
    name: 'Scorecard',
    columns,
    rows,
  };
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
    marking: await loadMarking(db, reader.context, reader.shownUnpublished, now),
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
        'Each KPI’s figures for the 13 months to the scorecard month are on its own sheet of the workbook, and in the trends CSV file.',
      ],
    }),
    sheets: [{ name: 'Scorecard', tables: [scorecardTable] }, ...trendSheets],
    // The trends have one shape for every KPI, so the CSV stacks them into one long table with a
    // KPI column (a sheet per KPI would be 15 files); the scorecard's own table is the main file.
    csv: [
      { part: 'scorecard', table: scorecardTable },
      { part: 'trends', table: trendsLongTable(scorecard.items, scorecard.month) },
    ],
  };
  return { doc, fileStem: `scorecard-${scorecard.month}`, target: `scorecard ${scorecard.month}` };
}

/** Every KPI's 13-month trend (its sheet's table) in one long table: a row per KPI and month. */
function trendsLongTable(items: readonly ScorecardItem[], month: string): ExportTable {
  return {
    title: `Each KPI’s figures for the 13 months to ${formatMonth(month)}`,
    name: 'Scorecard_trends',
    columns: [
      { header: 'KPI' },
      { header: 'Unit' },
      { header: 'Month' },
      { header: headerWithUnit('Value', 'per_row') },
      { header: 'As shown' },
      { header: 'Rating' },
      { header: 'Source' },
      { header: 'Revised' },
    ],
    rows: items.flatMap((item) =>
      trendTable(item).rows.map((cells): Cell[] => [item.code, unitWords(item.unit), ...cells]),
    ),
  };
}

function trendTable(item: ScorecardItem): ExportTable {
  return {
    title: `${item.code} ${item.shortTitle ?? item.title}, the 13 months to ${formatMonth(item.current.month)}`,
    name: tableName(item.code, 'trend'),
    columns: [
      { header: 'Month', width: 12 },
      { header: headerWithUnit('Value', item.unit), width: 14 },
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
