import { compareValues, formatDate, formatMonth, headerWithUnit } from '@kpi/shared';
import type { Db } from '../db/database';
import { buildBriefing } from '../meetings/briefingService';
import type { Reader } from '../publication/publication';
import { buildScorecard } from '../scorecard/scorecardService';
import { type BuiltExport, changeCell, organisationName, STATUS_WORDS, unitWords, valueCell } from './documentCells';
import { loadMarking } from './marking';
import { dataNotes, sourceLines } from './sources';
import { type Cell, type ExportDocument, type ExportTable, yesNo } from './tabular';

/** A meeting's briefing, as a data export. */

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
    organisationName(reader.context),
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
      { header: headerWithUnit(`Value, ${formatMonth(briefing.month)}`, 'per_row'), width: 14 },
      { header: `As shown, ${formatMonth(briefing.month)}`, width: 16 },
      { header: `Rating, ${formatMonth(briefing.month)}`, width: 12 },
      { header: headerWithUnit(`Value, ${formatMonth(briefing.comparedWithMonth)}`, 'per_row'), width: 14 },
      { header: `As shown, ${formatMonth(briefing.comparedWithMonth)}`, width: 16 },
      { header: `Rating, ${formatMonth(briefing.comparedWithMonth)}`, width: 12 },
      { header: headerWithUnit('Change', 'per_row', 'percentages in percentage points'), width: 12 },
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
        item ? unitWords(item.unit) : null,
        item ? valueCell(item.current, item.unit, item.precision) : entry.displayValue,
        line.label,
        point && item ? valueCell(point, item.unit, item.precision) : line.displayValue,
        line.timePeriod,
        POSITION_WORDS[line.position],
        entry.council.label,
        [line.sentence, line.testNote ? `${line.testNote}.` : null, ...line.notes].filter(Boolean).join(' ') || null,
      ];
    });
  });
  const comparatorTable: ExportTable = {
    title: `How ${councilName} compares, ${formatMonth(briefing.month)}`,
    name: 'Briefing_comparators',
    columns: [
      { header: 'KPI', width: 8 },
      { header: 'Title', width: 44 },
      { header: 'Unit', width: 10 },
      { header: headerWithUnit(councilName, 'per_row'), width: 14 },
      { header: 'Comparator', width: 36 },
      { header: headerWithUnit('Comparator figure', 'per_row'), width: 14 },
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
    marking: await loadMarking(db, reader.context, reader.shownUnpublished, now),
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
    // The two tables have different columns, so each is its own CSV file rather than one long table.
    csv: [
      { part: 'kpis', table: kpiTable },
      { part: 'comparators', table: comparatorTable },
    ],
  };
  return { doc, fileStem: `briefing-${meeting.heldOn}`, target: `meeting ${meeting.id}` };
}
