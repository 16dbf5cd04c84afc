import path from 'node:path';
import {
  areaOfTidyRow,
  type CsvRow,
  type DfeMeasureMapping,
  type DfeTiming,
  dfePeriod,
  evaluateMapping,
  isComputedMapping,
  passesFilter,
} from '@kpi/readers';
import { populationYearFor, roundToPrecision, type SuppressionSymbol, statisticalNeighbourAverage } from '@kpi/shared';
import type { AreaIndex } from './areas';
import { ONS_POPULATION_RELEASE, type PopulationLookup } from './populations';
import type { ComparatorSeed, SeedIssue, SnNeighbourSeed } from './types';

export { type DfeTiming, dfePeriod } from '@kpi/readers';

import { DFE_MEASURES } from './dfeMeasures';

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
  lait: "DfE, Local authority interactive tool (LAIT), children's social care indicators, 2016 to 2025 (snapshot of 8 April 2026)",
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
  lait: CsvRow[];
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
  lait: string;
}

/**
 * DfE publishes region and England counts rounded to the nearest 10, so a figure recomputed from
 * them can differ from DfE's own percentage or rate by 0.1 (West Midlands 2017 ICPC timeliness:
 * 78.8 from the duration bands, as DfE publishes; 78.7 over the ICPC count). Said on every
 * computed figure so a reader who finds DfE's own figure 0.1 away knows why.
 */
export const ROUNDED_COUNTS_NOTE =
  'Derived from DfE’s published counts, which for regions and England are rounded to the nearest 10, so it can differ from a figure DfE publishes by 0.1.';

export const DERIVED_ICPC_FORMULA =
  '(Duration_0-10_days + Duration_11-15_days) ÷ (Duration_0-10_days + Duration_11-15_days + Duration_16-20_days + Duration_21+_days) × 100, to 1 dp (DfE’s denominator: the conferences in the duration bands)';

const computedRateRelease = (table: string, column: string) =>
  `Computed: DfE 'Children in need' 2025 table ${table} ${column} ÷ ONS mid-year 0–17 estimate for the year's 30 June (${ONS_POPULATION_RELEASE}) × 10,000, to 1 dp. ${ROUNDED_COUNTS_NOTE}`;

/** One DfE comparator measure read from one reference file: the same mapping a person gives the import. */
export interface DemoDfeSource {
  file: DfeFileKey;
  mapping: DfeMeasureMapping & { timing: DfeTiming };
  /** The release named on each row: the file's release, or how the figure was computed. */
  release: string;
}

function source(
  file: DfeFileKey,
  measureCode: string,
  read: Omit<DfeMeasureMapping, 'measureCode' | 'unit' | 'timing'>,
  release: string,
): DemoDfeSource {
  const measure = DFE_MEASURES[measureCode];
  if (!measure) throw new Error(`Unknown DfE measure ${measureCode}`);
  return { file, mapping: { measureCode, unit: measure.unit, timing: measure.timing, ...read }, release };
}

const CLA_POPULATION_TYPES: Record<'cla' | 'claOlder', { column: string; types: Record<string, string> }> = {
  cla: {
    column: 'population_type',
    types: {
      children_in_care: 'Children looked after on 31 March each year',
      care_entrants: 'Children starting to be looked after each year',
      care_exits: 'Children ceasing to be looked after each year',
    },
  },
  // The older vintage names the column population_count and says "at 31 March".
  claOlder: {
    column: 'population_count',
    types: {
      children_in_care: 'Children looked after at 31 March each year',
      care_entrants: 'Children starting to be looked after each year',
      care_exits: 'Children ceasing to be looked after each year',
    },
  },
};

/**
 * The LAIT extract's columns the seed stores, by measure code: each is DfE's own published figure.
 * LAIT gives no counts behind them, so these are compared by value.
 */
const LAIT_COLUMNS: Record<string, string> = {
  assessment_timeliness_pct: 'assessments_within_45_working_days_percent',
  referrals_no_further_action_pct: 'referrals_no_further_action_percent',
  referrals_assessed_not_in_need_pct: 'referrals_assessed_not_in_need_percent',
  cp_plan_two_years_or_more_pct: 'cpp_at_31_march_two_years_or_more_percent',
  care_leavers_suitable_accommodation_pct: 'care_leavers_suitable_accommodation_percent',
  care_leavers_eet_pct: 'care_leavers_eet_percent',
  care_leavers_neet_pct: 'care_leavers_neet_percent',
};

/** Every DfE comparator the demo seed reads, as import mappings over the reference files. */
export const DEMO_DFE_SOURCES: readonly DemoDfeSource[] = [
  source('c1', 'referrals_count', { numerator: 'referral_count' }, DFE_RELEASES.c1),
  source('c1', 'referrals_rate', { rateFromCount: 'referral_count' }, computedRateRelease('C1', 'referral_count')),
  source(
    'c1',
    're_referral_pct',
    {
      numerator: 'rereferral_percent',
      publishedCounts: { numerator: 'rereferral_count', denominator: 'referral_count' },
    },
    DFE_RELEASES.c1,
  ),
  source('c4', 's47_count', { numerator: 'Section47' }, DFE_RELEASES.c4),
  source('c4', 's47_rate', { rateFromCount: 'Section47' }, computedRateRelease('C4', 'Section47')),
  source('c4', 'icpc_count', { numerator: 'ICPC' }, DFE_RELEASES.c4),
  source('c4', 'icpc_rate', { rateFromCount: 'ICPC' }, computedRateRelease('C4', 'ICPC')),
  source(
    'c4',
    'icpc_timeliness_pct',
    {
      numerator: ['Duration_0-10_days', 'Duration_11-15_days'],
      denominator: ['Duration_0-10_days', 'Duration_11-15_days', 'Duration_16-20_days', 'Duration_21+_days'],
      scale: 100,
    },
    `Computed: DfE 'Children in need' 2025 table C4, ${DERIVED_ICPC_FORMULA}. ${ROUNDED_COUNTS_NOTE}`,
  ),
  source('d5', 'children_on_cp_plan_count', { numerator: 'CPP_At31' }, DFE_RELEASES.d5),
  source('d5', 'children_on_cp_plan_rate', { rateFromCount: 'CPP_At31' }, computedRateRelease('D5', 'CPP_At31')),
  source(
    'd3',
    'cp_subsequent_plan_pct',
    { numerator: 'CPP_subsequent_percent', publishedCounts: { numerator: 'CPP_subsequent', denominator: 'CPP_start' } },
    DFE_RELEASES.d3,
  ),
  source('b1', 'cin_count', { numerator: 'At31_episodes' }, DFE_RELEASES.b1),
  source('b1', 'cin_rate', { rateFromCount: 'At31_episodes' }, computedRateRelease('B1', 'At31_episodes')),
  ...(['cla', 'claOlder'] as const).flatMap((file) => {
    const { column, types } = CLA_POPULATION_TYPES[file];
    const countColumn = file === 'cla' ? 'children_count' : 'number';
    return Object.entries(types).flatMap(([prefix, value]) => [
      source(file, `${prefix}_count`, { numerator: countColumn, filter: { column, value } }, DFE_RELEASES[file]),
      // DfE's whole-number rate is kept; the count over the file's own 0–17 population gives its interval.
      source(
        file,
        `${prefix}_rate`,
        {
          numerator: 'rate_per_10000',
          publishedCounts: { numerator: countColumn, denominator: 'population_estimate' },
          filter: { column, value },
        },
        DFE_RELEASES[file],
      ),
    ]);
  }),
  source('csww', 'workforce_vacancy_rate_pct', { numerator: 'vacancy_rate_fte' }, DFE_RELEASES.csww),
  source('csww', 'workforce_agency_rate_pct', { numerator: 'agency_rate_fte' }, DFE_RELEASES.csww),
  source('csww', 'workforce_turnover_rate_pct', { numerator: 'turnover_rate_fte' }, DFE_RELEASES.csww),
  source('csww', 'workforce_caseload_avg', { numerator: 'caseload_fte' }, DFE_RELEASES.csww),
  // Workforce rates are of full-time equivalents, not counts of children: they have no interval and
  // are compared by value.
  // LAIT's percentages that no file above gives as a measure (its referral, CIN and care entry and
  // exit rates repeat C1, B1 and CLA, which are read from those files instead).
  ...Object.entries(LAIT_COLUMNS).map(([measureCode, column]) =>
    source('lait', measureCode, { numerator: column }, DFE_RELEASES.lait),
  ),
];

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

  for (const { file, mapping, release: fileRelease } of DEMO_DFE_SOURCES) {
    const fileName = path.basename(fileNames[file]);
    const computed = isComputedMapping(mapping);
    files[file].forEach((row, i) => {
      if (!passesFilter(mapping, row)) return;
      const timePeriod = row.time_period ?? '';
      if (file === 'claOlder' && claYears.has(timePeriod)) return;
      const area = areaOfTidyRow(row, index);
      let targets: Array<{ areaCode: string; release: string }>;
      if (area.kind === 'joint') {
        targets = area.areaCodes.map((areaCode) => ({
          areaCode,
          release: `${fileRelease} (joint return: ${area.label})`,
        }));
        joint.add(`${area.label} (${fileName})`);
      } else if (area.kind === 'area') {
        targets = [{ areaCode: area.areaCode, release: fileRelease }];
      } else {
        unmapped.add(`${fileName}: ${row.geographic_level} ${row.la_name || row.region_name} ${row.old_la_code ?? ''}`);
        return;
      }
      for (const { areaCode, release } of targets) {
        let extracted: ReturnType<typeof evaluateMapping>;
        try {
          extracted = evaluateMapping(mapping, row, i + 2, population(areaCode, populationYearFor(timePeriod)));
        } catch (error) {
          throw new Error(`${fileName}: ${(error as Error).message}`);
        }
        if (extracted === 'no_population') {
          noPopulation.push({ areaCode, year: timePeriod });
          continue;
        }
        const comparator: ComparatorSeed = {
          measureCode: mapping.measureCode,
          kind: 'area',
          areaCode,
          snModelCode: null,
          contributingCount: null,
          unit: mapping.unit,
          timePeriod,
          timeIdentifier: row.time_identifier ?? 'Reporting year',
          ...dfePeriod(timePeriod, mapping.timing),
          value: extracted.value,
          symbol: extracted.symbol,
          numerator: extracted.numerator,
          denominator: extracted.denominator,
          source: computed ? 'computed' : 'dfe_release',
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
    });
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

/** One neighbour's figure behind an average: a number, a suppression symbol, or nothing that year. */
export interface NeighbourFigure {
  areaCode: string;
  value: number | null;
  symbol: SuppressionSymbol | null;
  /** False when the neighbour has no row for the period at all. */
  present: boolean;
}

/** A neighbour average with the figures it was computed from (suppressed or missing ones left out). */
export interface NeighbourAverageDetail {
  average: ComparatorSeed;
  neighbours: NeighbourFigure[];
}

/**
 * The plain mean of an area's ten statistical neighbours (DfE's convention) for every DfE
 * measure and period, for each model: `computed`, with how many neighbours had a number.
 * A neighbour with a suppressed figure, or with no figure that year (e.g. an authority abolished
 * before it), is left out and `contributing_count` shows it. Periods where no neighbour has a
 * number are not stored. With the neighbours' own figures, for saying who was left out.
 */
export function neighbourAveragesWithDetail(
  areaComparators: readonly ComparatorSeed[],
  neighbours: readonly SnNeighbourSeed[],
  modelCodes: readonly string[],
  areaCode: string,
  modelLabel: (modelCode: string) => string = snModelLabel,
): NeighbourAverageDetail[] {
  const byKey = new Map<string, ComparatorSeed>();
  const periods = new Map<string, ComparatorSeed>();
  for (const c of areaComparators) {
    if (c.kind !== 'area') continue;
    byKey.set(`${c.measureCode}|${c.timePeriod}|${c.areaCode}`, c);
    const periodKey = `${c.measureCode}|${c.timePeriod}`;
    if (!periods.has(periodKey)) periods.set(periodKey, c);
  }
  const out: NeighbourAverageDetail[] = [];
  for (const modelCode of modelCodes) {
    const list = neighbours
      .filter((n) => n.modelCode === modelCode && n.areaCode === areaCode)
      .sort((a, b) => a.rank - b.rank)
      .map((n) => n.neighbourAreaCode);
    if (list.length === 0) continue;
    for (const template of periods.values()) {
      const figures = list.map((neighbour): NeighbourFigure => {
        const found = byKey.get(`${template.measureCode}|${template.timePeriod}|${neighbour}`);
        return {
          areaCode: neighbour,
          value: found?.value ?? null,
          symbol: found?.symbol ?? null,
          present: found !== undefined,
        };
      });
      const average = statisticalNeighbourAverage(figures);
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
        average: {
          ...template,
          kind: 'statistical_neighbour_average',
          areaCode,
          snModelCode: modelCode,
          contributingCount: average.contributing,
          value: roundToPrecision(average.value, 6),
          symbol: null,
          // A mean of the neighbours' figures has no counts of its own (it is the comparator, not the council).
          numerator: null,
          denominator: null,
          source: 'computed',
          sourceRelease: `Computed: plain mean of the ${average.of} statistical neighbours (${modelLabel(modelCode)}) with a figure — ${[...releases].join('; ')}`,
        },
        neighbours: figures,
      });
    }
  }
  return out;
}

/** The neighbour averages alone (see `neighbourAveragesWithDetail`). */
export function computeNeighbourAverages(
  areaComparators: readonly ComparatorSeed[],
  neighbours: readonly SnNeighbourSeed[],
  modelCodes: readonly string[],
  areaCode: string,
): ComparatorSeed[] {
  return neighbourAveragesWithDetail(areaComparators, neighbours, modelCodes, areaCode).map((d) => d.average);
}
