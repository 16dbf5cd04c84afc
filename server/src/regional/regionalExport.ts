import {
  fileNameSlug,
  headerWithUnit,
  NAME_SLUG_LENGTH,
  type RegionalExceptionsResponse,
  type RegionalTableResponse,
  regionalMeasure,
} from '@kpi/shared';
import type { BuiltExport } from '../exports/documentCells';
import { tableName, unitWords } from '../exports/documentCells';
import { type Cell, type ExportDocument, num } from '../exports/tabular';

/**
 * The regional table and exceptions as the export model (exports/tabular.ts), written out as CSV
 * or Excel by the exports feature's writers. DfE's published figures only: never marked.
 */

const JUDGEMENT_WORDS = {
  better: 'Better',
  worse: 'Worse',
  similar: 'Similar',
  higher: 'Higher (not rated: no polarity)',
  lower: 'Lower (not rated: no polarity)',
  not_compared: 'Not compared',
} as const;

function stem(region: { name: string }, what: string): string {
  return `${what}-${fileNameSlug(region.name, NAME_SLUG_LENGTH)}`;
}

function document(title: string, region: string, period: string, sources: string[], notes: string[], now: Date) {
  // One table per document: it is the CSV's one data file (`part` as in CSV_TABLES), notes beside it.
  return (part: string, sheets: ExportDocument['sheets']): ExportDocument => ({
    title,
    organisation: `${region} (DfE published figures)`,
    period,
    producedAt: now,
    marking: null,
    sources: sources.length > 0 ? sources : ['DfE published statistics'],
    notes,
    sheets,
    csv: sheets.flatMap((sheet) => sheet.tables).map((table) => ({ part, table })),
  });
}

/** One row per council and measure (tidy): value, position, and the region's and England's figures. */
export function regionalTableExport(table: RegionalTableResponse, now: Date): BuiltExport {
  const rows: Cell[][] = [];
  for (const row of table.rows) {
    row.cells.forEach((cell, i) => {
      const measure = table.measures[i]!;
      rows.push([
        row.name,
        row.laNumber,
        row.servedHere ? 'Yes' : 'No',
        measure.label,
        measure.timePeriod,
        cell.symbol ?? (cell.value === null ? null : num(cell.value, measure.unit, measure.precision)),
        unitWords(measure.unit),
        cell.quintile === null ? null : num(cell.quintile, 'plain', 0),
        JUDGEMENT_WORDS[cell.againstRegion],
        cell.positionWords,
        measure.region.symbol ??
          (measure.region.value === null ? null : num(measure.region.value, measure.unit, measure.precision)),
        measure.england.symbol ??
          (measure.england.value === null ? null : num(measure.england.value, measure.unit, measure.precision)),
        cell.sourceRelease,
      ]);
    });
  }
  const period = table.year ?? 'Latest year published for each measure';
  const doc = document(
    `Regional table: ${table.region.name}`,
    table.region.name,
    period,
    table.sources,
    [
      'Quintile: 1 is the lowest fifth of the region’s figures and 5 the highest, among the councils with a figure; fewer than five councils with a figure are not ranked.',
      'Against the region: within 5% of the regional figure is similar; higher or lower becomes better or worse by whether higher or lower is better, and is not rated where neither is.',
    ],
    now,
  )('table', [
    {
      name: 'Regional table',
      tables: [
        {
          title: `${table.region.name}: councils × DfE measures`,
          name: tableName('Regional', table.region.code),
          columns: [
            { header: 'Council', width: 28 },
            { header: 'LA number' },
            { header: 'Served by this deployment' },
            { header: 'Measure', width: 40 },
            { header: 'Period' },
            { header: headerWithUnit('Value', 'per_row'), width: 12 },
            { header: 'Unit' },
            { header: 'Quintile in region' },
            { header: 'Against the region', width: 20 },
            { header: 'Position in words', width: 60 },
            { header: headerWithUnit('Region value', 'per_row'), width: 12 },
            { header: headerWithUnit('England value', 'per_row'), width: 12 },
            { header: 'Source', width: 60 },
          ],
          rows,
        },
      ],
    },
  ]);
  return { doc, fileStem: stem(table.region, 'regional-table'), target: `region:${table.region.code}` };
}

export function regionalExceptionsExport(exceptions: RegionalExceptionsResponse, now: Date): BuiltExport {
  const doc = document(
    `Councils more than ${exceptions.threshold}% from the regional figure: ${exceptions.region.name}`,
    exceptions.region.name,
    exceptions.year ?? 'Latest year published for each measure',
    exceptions.sources,
    [
      `Listed: councils whose figure differs from the ${exceptions.region.name} figure by more than ${exceptions.threshold}% of it.`,
    ],
    now,
  )('exceptions', [
    {
      name: 'Exceptions',
      tables: [
        {
          title: `${exceptions.region.name}: exceptions`,
          name: tableName('Exceptions', exceptions.region.code),
          columns: [
            { header: 'Council', width: 28 },
            { header: 'Measure', width: 40 },
            { header: 'Unit' },
            { header: 'Period' },
            { header: headerWithUnit('Value', 'per_row'), width: 12 },
            { header: headerWithUnit('Region value', 'per_row'), width: 12 },
            { header: '% from region' },
            { header: 'Better or worse', width: 20 },
            { header: 'In words', width: 70 },
          ],
          rows: exceptions.exceptions.map((e) => {
            const measure = regionalMeasure(e.measureCode)!;
            return [
              e.name,
              e.measureLabel,
              unitWords(measure.unit),
              e.timePeriod,
              num(e.value, measure.unit, measure.precision),
              num(e.regionValue, measure.unit, measure.precision),
              num(e.percentFromRegion, 'plain', 1),
              JUDGEMENT_WORDS[e.judgement],
              e.sentence,
            ];
          }),
        },
      ],
    },
  ]);
  return { doc, fileStem: stem(exceptions.region, 'regional-exceptions'), target: `region:${exceptions.region.code}` };
}
