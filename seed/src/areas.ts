import { type AreaDirectory, areaOfTidyRow, type CsvRow, ENGLAND_AREA_CODE, isJointCode } from '@kpi/readers';
import ExcelJS from 'exceljs';
import type { AreaSeed, SeedIssue } from './types';

export { isJointCode, splitJointCode } from '@kpi/readers';

export const ENGLAND_CODE = ENGLAND_AREA_CODE;
const LONDON = 'E12000007';
/**
 * DfE's regional rows include Inner London (E13000001) and Outer London (E13000002), and give
 * London boroughs one of them as region_code. They are kept as region-level areas (DfE publishes
 * figures for them), but a borough's region is London, E12000007.
 */
const LONDON_SUB_REGIONS = new Set(['E13000001', 'E13000002']);

const META_COLUMNS = new Set(['time_period', 'old_la_code', 'new_la_code', 'country_code', 'region_code']);

function hasFigure(row: CsvRow): boolean {
  return Object.entries(row).some(([column, cell]) => !META_COLUMNS.has(column) && /^-?\d/.test(cell.trim()));
}

export interface AreaIndex extends AreaDirectory {
  areas: AreaSeed[];
  /** Area code for a DfE LA number (the authority's current GSS code). */
  byOldLaCode: Map<string, string>;
  /** Area code for any GSS code that has ever identified an area (old codes map to current). */
  byAnyCode: Map<string, string>;
  /** The last DfE reporting year with a figure (not only symbols) for each local authority, by area code. */
  lastYear: Map<string, number>;
  /** The area a DfE tidy-CSV row describes (England, a region or an LA); null for joint returns. */
  areaOfRow(row: CsvRow): string | null;
}

interface LaSighting {
  newCode: string;
  name: string;
  regionCode: string;
  year: number;
}

/**
 * England, the regions and every local authority that appears in the DfE tidy CSVs.
 *
 * DfE files key local authorities by their three-digit LA number (old_la_code), which is stable;
 * the ONS (GSS) code of some authorities changed over the years (Gateshead E08000020 → E08000037,
 * Buckinghamshire E10000002 → E06000060 …). One area per LA number, with the GSS code and name of
 * the most recent year it appears in; every earlier code is recorded so rows using it still map.
 * Authorities abolished by reorganisation (Northamptonshire 928, Cumbria 909, pre-2019 Dorset,
 * Poole and Bournemouth) stay as areas: DfE still publishes their earlier years.
 */
export function buildAreas(files: Array<{ name: string; rows: CsvRow[] }>, issues: SeedIssue[]): AreaIndex {
  const regions = new Map<string, { name: string; year: number }>();
  const sightings = new Map<string, LaSighting[]>();
  /** The last year each LA number has a row with at least one number (not only symbols). */
  const figureYears = new Map<string, number>();
  let englandName = 'England';

  for (const file of files) {
    for (const row of file.rows) {
      const year = Number.parseInt(row.time_period ?? '', 10);
      const level = row.geographic_level;
      if (level === 'National') {
        englandName = row.country_name || englandName;
      } else if (level === 'Regional') {
        const code = row.region_code ?? '';
        const seen = regions.get(code);
        if (!seen || seen.year <= year) regions.set(code, { name: row.region_name ?? code, year });
      } else if (level === 'Local authority') {
        const oldCode = row.old_la_code ?? '';
        if (isJointCode(oldCode)) continue;
        const list = sightings.get(oldCode) ?? [];
        list.push({ newCode: row.new_la_code ?? '', name: row.la_name ?? '', regionCode: row.region_code ?? '', year });
        sightings.set(oldCode, list);
        if (hasFigure(row)) figureYears.set(oldCode, Math.max(figureYears.get(oldCode) ?? 0, year));
      }
    }
  }

  const areas: AreaSeed[] = [
    { code: ENGLAND_CODE, name: englandName, level: 'national', oldLaCode: null, regionCode: null },
  ];
  const byAnyCode = new Map<string, string>([[ENGLAND_CODE, ENGLAND_CODE]]);
  for (const [code, region] of [...regions].sort(([a], [b]) => a.localeCompare(b))) {
    areas.push({ code, name: region.name, level: 'region', oldLaCode: null, regionCode: null });
    byAnyCode.set(code, code);
  }

  const byOldLaCode = new Map<string, string>();
  const lastYear = new Map<string, number>();
  for (const [oldCode, list] of [...sightings].sort(([a], [b]) => a.localeCompare(b))) {
    // The code and name of the latest year; if files disagree that year (Barnsley and Sheffield
    // appear under both old and new codes in 2025), the code most files use, then the newest.
    const latestYear = Math.max(...list.map((s) => s.year));
    const inLatest = list.filter((s) => s.year === latestYear);
    const votes = new Map<string, number>();
    for (const s of inLatest) votes.set(s.newCode, (votes.get(s.newCode) ?? 0) + 1);
    const firstSeen = (code: string) => Math.min(...list.filter((s) => s.newCode === code).map((s) => s.year));
    const chosenCode = [...votes].sort(([a, va], [b, vb]) => vb - va || firstSeen(b) - firstSeen(a))[0]?.[0] ?? '';
    const latest = inLatest.find((s) => s.newCode === chosenCode) ?? inLatest[0]!;
    areas.push({
      code: latest.newCode,
      name: latest.name,
      level: 'local_authority',
      oldLaCode: oldCode,
      regionCode: LONDON_SUB_REGIONS.has(latest.regionCode) ? LONDON : latest.regionCode || null,
    });
    byOldLaCode.set(oldCode, latest.newCode);
    lastYear.set(latest.newCode, figureYears.get(oldCode) ?? latestYear);
    const codes = new Map<string, number[]>();
    for (const s of list) codes.set(s.newCode, [...(codes.get(s.newCode) ?? []), s.year]);
    for (const code of codes.keys()) byAnyCode.set(code, latest.newCode);
    if (codes.size > 1) {
      const history = [...codes]
        .map(([code, years]) => `${code} (${Math.min(...years)}–${Math.max(...years)})`)
        .join(', ');
      issues.push({
        kind: 'mapped_with_caveat',
        message: `${latest.name} (LA ${oldCode}) has had more than one GSS code in DfE files: ${history}; all its rows are stored under ${latest.newCode} (the code ${votes.size > 1 ? `most files use in ${latestYear}` : `of its latest year, ${latestYear}`}), matched by LA number.`,
      });
    }
  }

  const directory: AreaDirectory = { byOldLaCode, byCode: byAnyCode };
  const areaOfRow = (row: CsvRow): string | null => {
    const area = areaOfTidyRow(row, directory);
    return area.kind === 'area' ? area.areaCode : null;
  };

  return { areas, byOldLaCode, byCode: byAnyCode, byAnyCode, lastYear, areaOfRow };
}

/**
 * Cross-checks the areas against DfE's LA code list (la_code_list.xlsx) and the ONS LTLA→UTLA
 * lookup: every LA number in the list and every English upper-tier authority in the lookup
 * should be an area. Differences are reported, not fixed.
 */
export async function crossCheckAreas(
  index: AreaIndex,
  laCodeListFile: string,
  ltlaUtlaRows: CsvRow[],
  issues: SeedIssue[],
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(laCodeListFile);
  const sheet = workbook.worksheets[0];
  const listed: Array<{ number: string; name: string }> = [];
  sheet?.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const number = String(row.getCell(1).value ?? '').trim();
    const name = String(row.getCell(2).value ?? '').trim();
    const type = String(row.getCell(4).value ?? '').trim();
    // Type NA rows are England and the regions under DfE's own numbers (970, 980–990).
    if (/^\d{3}$/.test(number) && type !== 'NA') listed.push({ number, name });
  });
  for (const { number, name } of listed) {
    if (!index.byOldLaCode.has(number)) {
      issues.push({
        kind: 'source_inconsistency',
        message: `la_code_list.xlsx lists LA ${number} (${name}) but no DfE statistics file has a row for it, so it is not an area.`,
      });
    }
  }
  const utlas = new Map<string, string>();
  for (const row of ltlaUtlaRows) {
    const code = row.UTLA23CD ?? '';
    if (code.startsWith('E')) utlas.set(code, row.UTLA23NM ?? code);
  }
  for (const [code, name] of utlas) {
    if (!index.byAnyCode.has(code)) {
      issues.push({
        kind: 'source_inconsistency',
        message: `The ONS LTLA→UTLA lookup (April 2023) has upper-tier authority ${code} (${name}) that no DfE statistics file covers, so it is not an area.`,
      });
    }
  }
}
