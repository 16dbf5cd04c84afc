import path from 'node:path';
import {
  type DfeValue,
  dfeReportingYearRange,
  monthEndDate,
  monthToDate,
  parseDfeValue,
  populationYearFor,
  ratePer10k,
  roundToPrecision,
  statisticalNeighbourAverage,
  type Unit,
  workforceCensusMonth,
} from '@kpi/shared';
import { type AreaIndex, isJointCode, splitJointCode } from './areas';
import type { CsvRow } from './files';
import { ONS_POPULATION_RELEASE, type PopulationLookup } from './populations';
import type { ComparatorSeed, SeedIssue, SnNeighbourSeed } from './types';

/**
 * When a DfE figure applies:
 * - `at31March`: a position at 31 March of the reporting year (CP plans, CIN, children looked after);
 *   the period is March of that year.
 * - `yearToMarch`: events in the year ending 31 March (referrals, S47s, ICPCs, starts); April–March.
 * - `workforceCensus`: the social work workforce position at 30 September of the year itself.
 */
export type DfeTiming = 'at31March' | 'yearToMarch' | 'workforceCensus';

export interface DfeMeasure {
  code: string;
  unit: Unit;
  timing: DfeTiming;
  /** In words, for the reader of the seed (and the report). */
  description: string;
}

/** Every DfE comparator measure the seed stores, keyed by measure code. */
export const DFE_MEASURES: Record<string, DfeMeasure> = {
  referrals_count: {
    code: 'referrals_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Referrals in the year (C1 referral_count)',
  },
  referrals_rate: {
    code: 'referrals_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'Referrals per 10,000 children (C1 count ÷ ONS 0–17)',
  },
  re_referral_pct: {
    code: 're_referral_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'Re-referrals within 12 months, % of referrals (C1 rereferral_percent)',
  },
  s47_count: {
    code: 's47_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Section 47 enquiries started (C4 Section47)',
  },
  s47_rate: {
    code: 's47_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'Section 47 enquiries per 10,000 children (C4 ÷ ONS 0–17)',
  },
  icpc_count: {
    code: 'icpc_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Initial child protection conferences (C4 ICPC)',
  },
  icpc_rate: {
    code: 'icpc_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'ICPCs per 10,000 children (C4 ÷ ONS 0–17)',
  },
  icpc_timeliness_pct: {
    code: 'icpc_timeliness_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'ICPCs within 15 working days of the strategy discussion: (Duration_0-10 + Duration_11-15) ÷ ICPC',
  },
  children_on_cp_plan_count: {
    code: 'children_on_cp_plan_count',
    unit: 'count',
    timing: 'at31March',
    description: 'Children on a CP plan at 31 March (D5 CPP_At31)',
  },
  children_on_cp_plan_rate: {
    code: 'children_on_cp_plan_rate',
    unit: 'rate_per_10k',
    timing: 'at31March',
    description: 'Children on a CP plan at 31 March per 10,000 (D5 ÷ ONS 0–17)',
  },
  cp_subsequent_plan_pct: {
    code: 'cp_subsequent_plan_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'CP plans starting in the year that were a second or subsequent plan (D3)',
  },
  cin_count: {
    code: 'cin_count',
    unit: 'count',
    timing: 'at31March',
    description: 'Children in need at 31 March (B1 At31_episodes)',
  },
  cin_rate: {
    code: 'cin_rate',
    unit: 'rate_per_10k',
    timing: 'at31March',
    description: 'Children in need at 31 March per 10,000 (B1 ÷ ONS 0–17)',
  },
  children_in_care_count: {
    code: 'children_in_care_count',
    unit: 'count',
    timing: 'at31March',
    description: 'Children looked after at 31 March (CLA children_count)',
  },
  children_in_care_rate: {
    code: 'children_in_care_rate',
    unit: 'rate_per_10k',
    timing: 'at31March',
    description: 'Children looked after at 31 March per 10,000 (CLA rate_per_10000)',
  },
  care_entrants_count: {
    code: 'care_entrants_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Children starting to be looked after in the year',
  },
  care_entrants_rate: {
    code: 'care_entrants_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'Children starting to be looked after per 10,000 (CLA rate_per_10000)',
  },
  care_exits_count: {
    code: 'care_exits_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Children ceasing to be looked after in the year',
  },
  care_exits_rate: {
    code: 'care_exits_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'Children ceasing to be looked after per 10,000 (CLA rate_per_10000)',
  },
  workforce_vacancy_rate_pct: {
    code: 'workforce_vacancy_rate_pct',
    unit: 'percent',
    timing: 'workforceCensus',
    description: 'Children and family social worker FTE vacancy rate at 30 September (CSWW vacancy_rate_fte)',
  },
  workforce_agency_rate_pct: {
    code: 'workforce_agency_rate_pct',
    unit: 'percent',
    timing: 'workforceCensus',
    description: 'Agency worker rate, FTE, at 30 September (CSWW agency_rate_fte)',
  },
  workforce_turnover_rate_pct: {
    code: 'workforce_turnover_rate_pct',
    unit: 'percent',
    timing: 'workforceCensus',
    description: 'Turnover rate, FTE, year to 30 September (CSWW turnover_rate_fte)',
  },
  workforce_caseload_avg: {
    code: 'workforce_caseload_avg',
    unit: 'average',
    timing: 'workforceCensus',
    description: 'Average caseload per case-holding FTE at 30 September (CSWW caseload_fte)',
  },
};

export const DFE_RELEASES = {
  b1: "DfE 'Children in need' statistics 2025, table B1: children in need",
  c1: "DfE 'Children in need' statistics 2025, table C1: referrals and re-referrals",
  c4: "DfE 'Children in need' statistics 2025, table C4: Section 47 enquiries and initial child protection conferences",
  d3: "DfE 'Children in need' statistics 2025, table D3: second or subsequent child protection plans",
  d5: "DfE 'Children in need' statistics 2025, table D5: child protection plans at 31 March by length",
  cla: "DfE 'Children looked after in England including adoptions' 2025: number and rate per 10,000 children",
  claOlder:
    "DfE 'Children looked after in England including adoptions' 2023, file as of November 2024 (older vintage): number and rate per 10,000 children",
  csww: "DfE 'Children's social work workforce' 2025: indicators 2017 to 2025",
} as const;

export type DfeFileKey = keyof typeof DFE_RELEASES;

export interface DfeFiles {
  b1: CsvRow[];
  c1: CsvRow[];
  c4: CsvRow[];
  d3: CsvRow[];
  d5: CsvRow[];
  cla: CsvRow[];
  claOlder: CsvRow[];
  csww: CsvRow[];
}

export interface DfeFileNames {
  b1: string;
  c1: string;
  c4: string;
  d3: string;
  d5: string;
  cla: string;
  claOlder: string;
  csww: string;
}

/** The dates a DfE period covers for a measure with the given timing. */
export function dfePeriod(timePeriod: string, timing: DfeTiming): { periodStart: string; periodEnd: string } {
  if (timing === 'workforceCensus') {
    const month = workforceCensusMonth(timePeriod);
    return { periodStart: monthToDate(month), periodEnd: monthEndDate(month) };
  }
  const range = dfeReportingYearRange(timePeriod);
  if (timing === 'at31March') return { periodStart: monthToDate(range.to), periodEnd: monthEndDate(range.to) };
  return { periodStart: monthToDate(range.from), periodEnd: monthEndDate(range.to) };
}

function cell(row: CsvRow, column: string, file: string): DfeValue {
  const raw = row[column];
  if (raw === undefined) throw new Error(`${file}: column ${column} is missing`);
  try {
    return parseDfeValue(raw);
  } catch (error) {
    throw new Error(
      `${file}, ${row.time_period} ${row.la_name || row.region_name || row.country_name}, ${column}: ${(error as Error).message}`,
    );
  }
}

/** A figure computed from several cells: suppressed if any part is, else the computation. */
function combine(parts: DfeValue[], compute: (values: number[]) => number | null): DfeValue {
  const symbol = parts.find((p) => p.symbol !== null)?.symbol ?? null;
  if (symbol) return { value: null, symbol };
  if (parts.some((p) => p.value === null)) return { value: null, symbol: null };
  const value = compute(parts.map((p) => p.value as number));
  return value === null ? { value: null, symbol: 'z' } : { value, symbol: null };
}

type Extractor = (row: CsvRow, ctx: { population: number | null; file: string }) => DfeValue | 'no_population';

interface MeasureSource {
  measure: string;
  file: DfeFileKey;
  /** Only rows with this population_type (CLA file). */
  populationType?: string;
  extract: Extractor;
  /** The release named on each row: the file's release, or how the figure was computed. */
  release: string;
  computed: boolean;
}

const rate =
  (column: string): Extractor =>
  (row, { population, file }) => {
    const count = cell(row, column, file);
    if (count.value === null) return count;
    if (population === null) return 'no_population';
    return { value: roundToPrecision(ratePer10k(count.value, population), 1), symbol: null };
  };

const plain =
  (column: string): Extractor =>
  (row, { file }) =>
    cell(row, column, file);

const computedRateRelease = (table: string, column: string) =>
  `Computed: DfE 'Children in need' 2025 table ${table} ${column} ÷ ONS mid-year 0–17 estimate for the year's 30 June (${ONS_POPULATION_RELEASE}) × 10,000, to 1 dp`;

const SOURCES: MeasureSource[] = [
  {
    measure: 'referrals_count',
    file: 'c1',
    extract: plain('referral_count'),
    release: DFE_RELEASES.c1,
    computed: false,
  },
  {
    measure: 'referrals_rate',
    file: 'c1',
    extract: rate('referral_count'),
    release: computedRateRelease('C1', 'referral_count'),
    computed: true,
  },
  {
    measure: 're_referral_pct',
    file: 'c1',
    extract: plain('rereferral_percent'),
    release: DFE_RELEASES.c1,
    computed: false,
  },
  { measure: 's47_count', file: 'c4', extract: plain('Section47'), release: DFE_RELEASES.c4, computed: false },
  {
    measure: 's47_rate',
    file: 'c4',
    extract: rate('Section47'),
    release: computedRateRelease('C4', 'Section47'),
    computed: true,
  },
  { measure: 'icpc_count', file: 'c4', extract: plain('ICPC'), release: DFE_RELEASES.c4, computed: false },
  {
    measure: 'icpc_rate',
    file: 'c4',
    extract: rate('ICPC'),
    release: computedRateRelease('C4', 'ICPC'),
    computed: true,
  },
  {
    measure: 'icpc_timeliness_pct',
    file: 'c4',
    extract: (row, { file }) =>
      combine(
        [cell(row, 'Duration_0-10_days', file), cell(row, 'Duration_11-15_days', file), cell(row, 'ICPC', file)],
        ([a, b, total]) => (total === 0 ? null : roundToPrecision((((a ?? 0) + (b ?? 0)) / (total ?? 1)) * 100, 1)),
      ),
    release:
      "Computed: DfE 'Children in need' 2025 table C4, (Duration_0-10_days + Duration_11-15_days) ÷ ICPC × 100, to 1 dp",
    computed: true,
  },
  {
    measure: 'children_on_cp_plan_count',
    file: 'd5',
    extract: plain('CPP_At31'),
    release: DFE_RELEASES.d5,
    computed: false,
  },
  {
    measure: 'children_on_cp_plan_rate',
    file: 'd5',
    extract: rate('CPP_At31'),
    release: computedRateRelease('D5', 'CPP_At31'),
    computed: true,
  },
  {
    measure: 'cp_subsequent_plan_pct',
    file: 'd3',
    extract: plain('CPP_subsequent_percent'),
    release: DFE_RELEASES.d3,
    computed: false,
  },
  { measure: 'cin_count', file: 'b1', extract: plain('At31_episodes'), release: DFE_RELEASES.b1, computed: false },
  {
    measure: 'cin_rate',
    file: 'b1',
    extract: rate('At31_episodes'),
    release: computedRateRelease('B1', 'At31_episodes'),
    computed: true,
  },
  ...(['cla', 'claOlder'] as const).flatMap((file): MeasureSource[] => {
    const countColumn = file === 'cla' ? 'children_count' : 'number';
    return [
      ['children_in_care', 'Children looked after'],
      ['care_entrants', 'Children starting to be looked after'],
      ['care_exits', 'Children ceasing to be looked after'],
    ].flatMap(([prefix, populationType]) => [
      {
        measure: `${prefix}_count`,
        file,
        populationType,
        extract: plain(countColumn),
        release: DFE_RELEASES[file],
        computed: false,
      },
      {
        measure: `${prefix}_rate`,
        file,
        populationType,
        extract: plain('rate_per_10000'),
        release: DFE_RELEASES[file],
        computed: false,
      },
    ]);
  }),
  {
    measure: 'workforce_vacancy_rate_pct',
    file: 'csww',
    extract: plain('vacancy_rate_fte'),
    release: DFE_RELEASES.csww,
    computed: false,
  },
  {
    measure: 'workforce_agency_rate_pct',
    file: 'csww',
    extract: plain('agency_rate_fte'),
    release: DFE_RELEASES.csww,
    computed: false,
  },
  {
    measure: 'workforce_turnover_rate_pct',
    file: 'csww',
    extract: plain('turnover_rate_fte'),
    release: DFE_RELEASES.csww,
    computed: false,
  },
  {
    measure: 'workforce_caseload_avg',
    file: 'csww',
    extract: plain('caseload_fte'),
    release: DFE_RELEASES.csww,
    computed: false,
  },
];

/** The CLA file's population_type column is mis-named `population_count` in the older vintage. */
function populationTypeOf(row: CsvRow): string {
  return row.population_type ?? row.population_count ?? '';
}

function comparatorKey(
  c: Pick<ComparatorSeed, 'measureCode' | 'kind' | 'areaCode' | 'timePeriod' | 'timeIdentifier' | 'sourceRelease'>,
) {
  return [c.measureCode, c.kind, c.areaCode, c.timePeriod, c.timeIdentifier, c.sourceRelease].join('|');
}

/**
 * Every DfE comparator the dashboard uses, for every area (England, regions, every LA), as DfE
 * publishes it (`dfe_release`) or computed from DfE counts and ONS populations where DfE gives no
 * rate (`computed`). Suppression symbols are kept as symbols with no value.
 *
 * The CLA release in use covers 2021–2025; 2019 and 2020 come from the older (November 2024)
 * vintage of the same table, named as such, and only for years the current file lacks.
 * Joint workforce returns (Kingston upon Thames with Richmond upon Thames; North with West
 * Northamptonshire) are stored against each authority, with the release saying so.
 */
export function loadDfeComparators(
  files: DfeFiles,
  fileNames: DfeFileNames,
  index: AreaIndex,
  population: PopulationLookup,
  issues: SeedIssue[],
): ComparatorSeed[] {
  const out: ComparatorSeed[] = [];
  const seen = new Set<string>();
  const claYears = new Set(files.cla.map((r) => r.time_period));
  const noPopulation: Array<{ areaCode: string; year: string }> = [];
  const unmapped = new Set<string>();
  const joint = new Set<string>();

  for (const source of SOURCES) {
    const measure = DFE_MEASURES[source.measure];
    if (!measure) throw new Error(`Unknown DfE measure ${source.measure}`);
    const fileName = path.basename(fileNames[source.file]);
    for (const row of files[source.file]) {
      if (source.populationType && !populationTypeOf(row).startsWith(source.populationType)) continue;
      const timePeriod = row.time_period ?? '';
      if (source.file === 'claOlder' && claYears.has(timePeriod)) continue;
      const oldCode = row.old_la_code ?? '';
      let targets: Array<{ areaCode: string; release: string }>;
      if (row.geographic_level === 'Local authority' && isJointCode(oldCode)) {
        const names = row.la_name ?? oldCode;
        targets = splitJointCode(oldCode).flatMap((code) => {
          const areaCode = index.byOldLaCode.get(code);
          return areaCode ? [{ areaCode, release: `${source.release} (joint return: ${names})` }] : [];
        });
        joint.add(`${names} (${fileName})`);
      } else {
        const areaCode = index.areaOfRow(row);
        if (!areaCode) {
          unmapped.add(`${fileName}: ${row.geographic_level} ${row.la_name || row.region_name} ${oldCode}`);
          continue;
        }
        targets = [{ areaCode, release: source.release }];
      }
      for (const { areaCode, release } of targets) {
        const populationYear = populationYearFor(timePeriod);
        const extracted = source.extract(row, { population: population(areaCode, populationYear), file: fileName });
        if (extracted === 'no_population') {
          noPopulation.push({ areaCode, year: timePeriod });
          continue;
        }
        const comparator: ComparatorSeed = {
          measureCode: measure.code,
          kind: 'area',
          areaCode,
          snModelCode: null,
          contributingCount: null,
          unit: measure.unit,
          timePeriod,
          timeIdentifier: row.time_identifier ?? 'Reporting year',
          ...dfePeriod(timePeriod, measure.timing),
          value: extracted.value,
          symbol: extracted.symbol,
          source: source.computed ? 'computed' : 'dfe_release',
          sourceRelease: release,
          sourceFile: fileName,
        };
        const key = comparatorKey(comparator);
        if (seen.has(key)) {
          issues.push({ kind: 'source_inconsistency', message: `Duplicate DfE row ignored: ${key}` });
          continue;
        }
        seen.add(key);
        out.push(comparator);
      }
    }
  }
  if (joint.size > 0) {
    issues.push({
      kind: 'mapped_with_caveat',
      message: `Joint workforce returns stored against each authority they cover (the rates describe the joint service): ${[...joint].join('; ')}.`,
    });
  }
  if (unmapped.size > 0) {
    issues.push({ kind: 'skipped_value', message: `DfE rows with no area, not stored: ${[...unmapped].join('; ')}.` });
  }
  if (noPopulation.length > 0) {
    const byArea = new Map<string, Set<string>>();
    for (const { areaCode, year } of noPopulation) byArea.set(areaCode, (byArea.get(areaCode) ?? new Set()).add(year));
    const detail = [...byArea].map(([area, years]) => `${area} (${[...years].sort().join(', ')})`).join('; ');
    issues.push({
      kind: 'skipped_value',
      message: `${noPopulation.length} computed rates per 10,000 not stored because the ONS file has no 0–17 estimate for the area that year (authorities abolished before the rebased series): ${detail}.`,
    });
  }
  return out;
}

export function snModelLabel(modelCode: string): string {
  if (modelCode === 'dfe-sn-2021-04') return 'DfE April 2021 model';
  if (modelCode === 'dfe-sn-2025-05') return 'DfE May 2025 model';
  return modelCode;
}

/**
 * The plain mean of an area's ten statistical neighbours (DfE's convention) for every DfE
 * measure and period, for each model: `computed`, with how many neighbours had a number.
 * A neighbour with a suppressed figure, or with no figure that year (e.g. an authority abolished
 * before it), is left out and `contributing_count` shows it. Periods where no neighbour has a
 * number are not stored.
 */
export function computeNeighbourAverages(
  areaComparators: readonly ComparatorSeed[],
  neighbours: readonly SnNeighbourSeed[],
  modelCodes: readonly string[],
  areaCode: string,
): ComparatorSeed[] {
  const byKey = new Map<string, ComparatorSeed>();
  const periods = new Map<string, ComparatorSeed>();
  for (const c of areaComparators) {
    if (c.kind !== 'area') continue;
    byKey.set(`${c.measureCode}|${c.timePeriod}|${c.areaCode}`, c);
    const periodKey = `${c.measureCode}|${c.timePeriod}`;
    if (!periods.has(periodKey)) periods.set(periodKey, c);
  }
  const out: ComparatorSeed[] = [];
  for (const modelCode of modelCodes) {
    const list = neighbours
      .filter((n) => n.modelCode === modelCode && n.areaCode === areaCode)
      .sort((a, b) => a.rank - b.rank)
      .map((n) => n.neighbourAreaCode);
    if (list.length === 0) continue;
    for (const template of periods.values()) {
      const values = list.map((neighbour) => {
        const found = byKey.get(`${template.measureCode}|${template.timePeriod}|${neighbour}`);
        return { areaCode: neighbour, value: found?.value ?? null };
      });
      const average = statisticalNeighbourAverage(values);
      if (average.value === null) continue;
      const releases = new Set(
        list
          .map((n) =>
            byKey
              .get(`${template.measureCode}|${template.timePeriod}|${n}`)
              ?.sourceRelease.replace(/ \(joint return: .*\)$/, ''),
          )
          .filter(Boolean),
      );
      out.push({
        ...template,
        kind: 'statistical_neighbour_average',
        areaCode,
        snModelCode: modelCode,
        contributingCount: average.contributing,
        value: roundToPrecision(average.value, 6),
        symbol: null,
        source: 'computed',
        sourceRelease: `Computed: plain mean of the ${average.of} statistical neighbours (${snModelLabel(modelCode)}) with a figure — ${[...releases].join('; ')}`,
      });
    }
  }
  return out;
}
