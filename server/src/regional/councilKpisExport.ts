import {
  fileNameSlug,
  headerWithUnit,
  NAME_SLUG_LENGTH,
  REGIONAL_UNPUBLISHED_MARKING,
  type RegionalKpisResponse,
} from '@kpi/shared';
import type { BuiltExport } from '../exports/documentCells';
import { STATUS_WORDS, tableName } from '../exports/documentCells';
import type { Cell, ExportDocument } from '../exports/tabular';
import { num } from '../exports/tabular';

/**
 * The councils' own KPIs side by side (councilKpis.ts) as the export model: one row per council
 * (value, rating against its own bands, against the group average), and the trend, one row per
 * council and month. A month hidden from the reader says "Not yet published" and nothing else; a
 * file holding any unpublished figure is marked and sent `no-store` (exports/dataExport.ts).
 */

export const JUDGEMENT_WORDS = {
  better: 'Better',
  worse: 'Worse',
  similar: 'Similar',
  higher: 'Higher (not rated: no polarity)',
  lower: 'Lower (not rated: no polarity)',
  not_compared: 'Not compared',
} as const;

export function regionalKpisExport(answer: RegionalKpisResponse, now: Date): BuiltExport {
  const kpiRows: Cell[][] = answer.councils.map((c) => [
    c.name,
    c.title,
    answer.month ? { kind: 'month', month: answer.month } : null,
    c.visible
      ? (c.symbol ?? (c.value === null || c.unit === null ? null : num(c.value, c.unit, c.precision ?? 0)))
      : c.notice,
    c.rating ? STATUS_WORDS[c.rating] : null,
    c.ratingReason,
    c.againstGroup ? JUDGEMENT_WORDS[c.againstGroup] : null,
    c.visible ? (c.unpublished ? 'Not yet published (pre-release)' : 'Published') : c.notice,
  ]);
  const trendRows: Cell[][] = answer.trend.councils.flatMap((line) =>
    line.points.map((p): Cell[] => [
      line.name,
      { kind: 'month', month: p.month },
      p.value === null ? null : num(p.value, answer.unit ?? 'plain', answer.precision ?? 0),
    ]),
  );
  const valueHeader = answer.unit ? headerWithUnit('Value', answer.unit) : 'Value';
  const slug = fileNameSlug(`${answer.code} ${answer.group.name}`, NAME_SLUG_LENGTH);
  const marking = answer.includesUnpublished ? { text: REGIONAL_UNPUBLISHED_MARKING, until: null } : null;
  const doc: ExportDocument = {
    title: `${answer.code} across ${answer.group.name}`,
    organisation: answer.group.name,
    period: answer.month ?? 'No month with figures',
    producedAt: now,
    marking,
    sources: ["Each council's monthly contract return"],
    notes: [
      "Rating: against that council's own contract bands in force that month.",
      `Against the group average: the mean of the figures shown (${answer.groupAverage.displayValue}, ${answer.groupAverage.councils} councils); within 5% is similar.`,
      'Not yet published: the council has not published that month and this reader may not see it before it does.',
      ...answer.trend.notes,
    ],
    sheets: [
      {
        name: 'KPIs',
        tables: [
          {
            title: `${answer.code}: councils`,
            name: tableName('Kpis', answer.code),
            columns: [
              { header: 'Council', width: 28 },
              { header: 'KPI', width: 40 },
              { header: 'Month' },
              { header: valueHeader, width: 16 },
              { header: 'Rating' },
              { header: 'Rating in words', width: 60 },
              { header: 'Against the group average', width: 20 },
              { header: 'Published', width: 24 },
            ],
            rows: kpiRows,
          },
        ],
      },
      {
        name: 'Trend',
        tables: [
          {
            title: `${answer.code}: monthly trend`,
            name: tableName('Trend', answer.code),
            columns: [{ header: 'Council', width: 28 }, { header: 'Month' }, { header: valueHeader, width: 12 }],
            rows: trendRows,
          },
        ],
      },
    ],
    csv: [],
  };
  doc.csv = [
    { part: 'kpis', table: doc.sheets[0]!.tables[0]! },
    { part: 'trend', table: doc.sheets[1]!.tables[0]! },
  ];
  return { doc, fileStem: `regional-kpis-${slug}`, target: `regional-kpis:${answer.code}` };
}
