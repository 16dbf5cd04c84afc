import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type CsvRow, readTidyCsv } from '@kpi/readers';
import { parse } from 'csv-parse/sync';

export type { CsvRow } from '@kpi/readers';

/** A DfE/ONS tidy CSV (the Explore Education Statistics layout), through the one shared reader. */
export function readTidyCsvFile(file: string): CsvRow[] {
  return readTidyCsv(readFileSync(file)).records;
}

/** A CSV with a header row, as objects keyed by the header (a byte-order mark is ignored). */
export function readCsv(file: string): CsvRow[] {
  return parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as CsvRow[];
}

/** A CSV without using its header: every row as an array of cells (the header is row 0). */
export function readCsvRows(file: string): string[][] {
  return parse(readFileSync(file), { bom: true, relax_column_count: true }) as string[][];
}

/**
 * contract-kpis-2018.csv has an unquoted comma in one title ("… (per 10,000) of our child
 * population"), so that row has one cell too many. The only unquoted free-text column is the
 * title, so surplus cells are joined back into it; each repair is reported.
 */
export function readContractKpis(file: string, repaired: (message: string) => void): CsvRow[] {
  const [header, ...rows] = readCsvRows(file);
  if (!header) return [];
  const titleIndex = header.indexOf('title');
  return rows
    .filter((cells) => cells.some((c) => c.trim() !== ''))
    .map((cells) => {
      let fixed = cells;
      if (cells.length > header.length && titleIndex >= 0) {
        const surplus = cells.length - header.length;
        fixed = [
          ...cells.slice(0, titleIndex),
          cells.slice(titleIndex, titleIndex + surplus + 1).join(','),
          ...cells.slice(titleIndex + surplus + 1),
        ];
        repaired(
          `contract-kpis-2018.csv: the ${cells[0]} title has an unquoted comma; read as ${JSON.stringify(fixed[titleIndex])}.`,
        );
      }
      if (fixed.length !== header.length)
        throw new Error(`contract-kpis-2018.csv: row ${cells[0]} has ${cells.length} cells`);
      return Object.fromEntries(header.map((h, i) => [h, fixed[i] ?? '']));
    });
}

/** Where each reference file lives under the reference directory. */
export function referencePaths(referenceDir: string) {
  const dfe = (name: string) => path.join(referenceDir, 'dfe', name);
  return {
    contractKpis: path.join(referenceDir, 'contract-kpis-2018.csv'),
    caseloads: path.join(referenceDir, 'caseloads-2020-21.csv'),
    publishedFigures: path.join(referenceDir, 'published-figures.csv'),
    b1: dfe('b1_children_in_need_2013_to_2025.csv'),
    c1: dfe('c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv'),
    c4: dfe('c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv'),
    d3: dfe('d3_cpps_subsequent_plan_2013_to_2025.csv'),
    d5: dfe('d5_cpps_at31march_by_duration_2013_to_2025.csv'),
    cla: dfe('cla_number_and_rate_per_10k_children.csv'),
    claOlder: dfe('older_vintages/cla_number_and_rate_per_10k_children__vintage_2024-11.csv'),
    b1Older: dfe('older_vintages/b1_children_in_need_2013_to_2023.csv'),
    c1Older: dfe('older_vintages/c1_children_in_need_referrals_and_rereferrals_2013_to_2023.csv'),
    csww: dfe('csww_indicators_2017_to_2025.csv'),
    lait: dfe('lait_csc_indicators_2016_to_2025.csv'),
    ons: dfe('ons_mid-year_population_estimates_2012_to_2024.csv'),
    sn2021: dfe('New_Statistical_Neighbour_Groupings_April_2021.csv'),
    sn2025: dfe('sn_model_2025_wide.csv'),
    laCodeList: dfe('la_code_list.xlsx'),
    ltlaUtla: dfe('LTLA-UTLA_Apr23_Lookup_England-Wales.csv'),
  };
}

export type ReferencePaths = ReturnType<typeof referencePaths>;

/**
 * A reference file the seed needs is missing or cannot be read. Its message is one paragraph a
 * person can act on: which file, where it was looked for, and how to point the seed elsewhere.
 */
export class ReferenceDataError extends Error {
  constructor(
    readonly file: string,
    readonly referenceDir: string,
    readonly reason: 'missing' | 'unreadable' | 'no folder',
  ) {
    const relative = path.relative(referenceDir, file);
    const what =
      reason === 'no folder'
        ? `The reference data folder ${referenceDir} does not exist (the first file needed is ${relative}).`
        : `The reference data file ${relative} is ${reason === 'missing' ? 'missing' : 'not readable'}: looked for it at ${file}.`;
    super(
      `${what} The demo data is loaded from the reference folder ${referenceDir}, which ` +
        'ships with the repository as data/reference/. Restore that folder (for example with ' +
        '`git checkout -- data/reference`), or set REFERENCE_DIR to a folder with the same layout. ' +
        'Nothing was written to the database; the next start seeds again.',
    );
    this.name = 'ReferenceDataError';
  }
}

/** Every file of referencePaths exists and is readable, or a ReferenceDataError names the first that is not. */
export function checkReferenceFiles(referenceDir: string, paths: ReferencePaths = referencePaths(referenceDir)): void {
  if (!existsSync(referenceDir)) throw new ReferenceDataError(paths.contractKpis, referenceDir, 'no folder');
  for (const file of Object.values(paths)) {
    try {
      if (!statSync(file).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      accessSync(file, constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ReferenceDataError(file, referenceDir, code === 'ENOENT' ? 'missing' : 'unreadable');
    }
  }
}
