import {
  fileNameSlug,
  headerWithUnit,
  NAME_SLUG_LENGTH,
  REGIONAL_UNPUBLISHED_MARKING,
  type RegionalKpiExceptionsResponse,
  type RegionalKpiRugResponse,
} from '@kpi/shared';
import type { BuiltExport } from '../exports/documentCells';
import { STATUS_WORDS, tableName, unitWords } from '../exports/documentCells';
import type { Cell, ExportDocument } from '../exports/tabular';
import { num } from '../exports/tabular';
import { JUDGEMENT_WORDS } from './councilKpisExport';

/**
 * The councils × KPIs rug and its exceptions (councilKpiRug.ts) as the export model, one tidy row
 * per council and KPI (or per exception). A month hidden from the reader says "Not yet published"
 * and nothing else; a file holding any unpublished figure is marked and sent `no-store`
 * (exports/dataExport.ts), as the one-KPI comparison's file is (councilKpisExport.ts).
 */

const NOTES = {
  rating: "Rating: against that council's own contract bands in force that month.",
  average:
    "Group average: the mean of the figures shown for that KPI and month (each council's figure as it is shown to this reader); within 5% is similar.",
  hidden: 'Not yet published: the council has not published that month and this reader may not see it before it does.',
  illustrative: 'Illustrative: generated to demonstrate the dashboard, not real performance data.',
};

/** A group's name in a file name, as the Region page's own downloads write it. */
const slugOf = (name: string) => fileNameSlug(name, NAME_SLUG_LENGTH);

function markingOf(includesUnpublished: boolean): ExportDocument['marking'] {
  return includesUnpublished ? { text: REGIONAL_UNPUBLISHED_MARKING, until: null } : null;
}

function shell(
  title: string,
  group: string,
  period: string,
  notes: string[],
  marking: ExportDocument['marking'],
  now: Date,
) {
  return (part: string, sheet: ExportDocument['sheets'][number]): ExportDocument => ({
    title,
    organisation: group,
    period,
    producedAt: now,
    marking,
    sources: ["Each council's monthly contract return"],
    notes,
    sheets: [sheet],
    csv: sheet.tables.map((table) => ({ part, table })),
  });
}

export function regionalKpiRugExport(rug: RegionalKpiRugResponse, now: Date): BuiltExport {
  const rows: Cell[][] = rug.rows.flatMap((row) =>
    row.cells.map((c, i): Cell[] => {
      const column = rug.columns[i]!;
      const value = c.symbol ?? (c.value === null || c.unit === null ? null : num(c.value, c.unit, c.precision ?? 0));
      return [
        row.name,
        c.code,
        c.title ?? column.title,
        c.month ? { kind: 'month', month: c.month } : null,
        c.visible ? value : c.notice,
        c.rating ? STATUS_WORDS[c.rating] : null,
        c.ratingReason,
        c.againstGroup ? JUDGEMENT_WORDS[c.againstGroup] : null,
        c.visible && column.groupAverage.value !== null
          ? num(column.groupAverage.value, column.unit, column.precision)
          : null,
        c.title === null
          ? c.notice
          : c.visible
            ? c.unpublished
              ? 'Not yet published (pre-release)'
              : 'Published'
            : c.notice,
        c.illustrative ? 'Yes' : null,
        c.unit ? unitWords(c.unit) : column.unit ? unitWords(column.unit) : null,
      ];
    }),
  );
  const doc = shell(
    `Councils' own KPIs: ${rug.group.name}`,
    rug.group.name,
    rug.month ?? "Each KPI's latest month with figures",
    [NOTES.rating, NOTES.average, NOTES.hidden, NOTES.illustrative],
    markingOf(rug.includesUnpublished),
    now,
  )('rug', {
    name: 'KPIs by council',
    tables: [
      {
        title: `${rug.group.name}: councils × their KPIs`,
        name: tableName('Rug', String(rug.group.id ?? 'region')),
        columns: [
          { header: 'Council', width: 28 },
          { header: 'KPI' },
          { header: 'Title', width: 40 },
          { header: 'Month' },
          { header: headerWithUnit('Value', 'per_row'), width: 16 },
          { header: 'Rating' },
          { header: 'Rating in words', width: 60 },
          { header: 'Against the group average', width: 20 },
          { header: headerWithUnit('Group average', 'per_row'), width: 14 },
          { header: 'Published', width: 24 },
          { header: 'Illustrative' },
          { header: 'Unit' },
        ],
        rows,
      },
    ],
  });
  return {
    doc,
    fileStem: `regional-kpi-rug-${slugOf(rug.group.name)}`,
    target: `regional-kpi-rug:${rug.group.id ?? 'region'}`,
  };
}

export function regionalKpiExceptionsExport(found: RegionalKpiExceptionsResponse, now: Date): BuiltExport {
  const doc = shell(
    `Councils' KPIs more than ${found.threshold}% from the group average: ${found.group.name}`,
    found.group.name,
    found.month ?? "Each KPI's latest month with figures",
    [
      `Listed: a council's figure differing from its KPI's group average by more than ${found.threshold}% of it. A month not yet published that this reader may not see is never listed nor averaged.`,
      NOTES.average,
      NOTES.illustrative,
    ],
    markingOf(found.includesUnpublished),
    now,
  )('exceptions', {
    name: 'Exceptions',
    tables: [
      {
        title: `${found.group.name}: KPI exceptions`,
        name: tableName('KpiExceptions', String(found.group.id ?? 'region')),
        columns: [
          { header: 'Council', width: 28 },
          { header: 'KPI' },
          { header: 'Title', width: 40 },
          { header: 'Month' },
          { header: headerWithUnit('Value', 'per_row'), width: 14 },
          { header: headerWithUnit('Group average', 'per_row'), width: 14 },
          { header: '% from the group average' },
          { header: 'Better or worse', width: 20 },
          { header: 'In words', width: 70 },
          { header: 'Published', width: 24 },
          { header: 'Illustrative' },
          { header: 'Unit' },
        ],
        rows: found.exceptions.map((e): Cell[] => [
          e.name,
          e.code,
          e.title,
          { kind: 'month', month: e.month },
          num(e.value, e.unit, e.precision),
          num(e.groupAverage, e.unit, e.precision),
          num(e.percentFromAverage, 'plain', 1),
          JUDGEMENT_WORDS[e.judgement],
          e.sentence,
          e.unpublished ? 'Not yet published (pre-release)' : 'Published',
          e.illustrative ? 'Yes' : null,
          unitWords(e.unit),
        ]),
      },
    ],
  });
  return {
    doc,
    fileStem: `regional-kpi-exceptions-${slugOf(found.group.name)}`,
    target: `regional-kpi-exceptions:${found.group.id ?? 'region'}`,
  };
}
