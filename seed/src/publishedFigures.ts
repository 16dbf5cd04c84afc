import {
  addMonths,
  dfeReportingYearRange,
  isValidMonth,
  monthEndDate,
  monthToDate,
  roundToPrecision,
  type Unit,
} from '@kpi/shared';
import type { CsvRow } from './files';
import { ANNUAL_REVIEW, paperTitle } from './papers';
import type { ComparatorSeed, ObservationSeed, SeedIssue } from './types';

/** A Sandwell figure for a single month lands on this indicator as an observation. */
export const MEASURE_TO_INDICATOR: Record<string, string> = {
  children_on_cp_plan_rate: 'PI2',
  children_on_cp_plan_count: 'CP-COUNT',
  children_in_care_rate: 'CIC-RATE',
  children_in_care_count: 'CIC-COUNT',
  assessments_rate_rolling_12m: 'ASSESSMENTS-RATE-12M',
  cin_plan_rate: 'CIN-PLAN-RATE',
  cin_plan_count: 'CIN-PLAN-COUNT',
  contacts_count: 'CONTACTS',
  re_referral_pct: 'RE-REFERRALS',
  s47_rate_rolling_12m: 'S47-RATE-12M',
  icpc_timeliness_pct: 'PI3',
  assessment_timeliness_pct: 'PI4',
  care_entrants_rate: 'CARE-ENTRANTS-RATE',
  care_entrants_rate_rolling_12m: 'CARE-ENTRANTS-RATE-12M',
  care_exits_rate: 'CARE-EXITS-RATE',
  residential_pct_of_cic: 'RESIDENTIAL-PCT',
  residential_count: 'RESIDENTIAL-COUNT',
  residential_weekly_cost_gbp: 'RESIDENTIAL-WEEKLY-COST',
  vacancy_rate_overall_pct: 'VACANCY-RATE-OVERALL',
  vacancy_rate_social_workers_pct: 'VACANCY-RATE-SW',
  vacancy_rate_permanent_pct: 'VACANCY-RATE-PERMANENT',
  permanent_workforce_pct: 'PERMANENT-WORKFORCE-PCT',
  agency_workforce_pct: 'AGENCY-WORKFORCE-PCT',
  agency_social_workers_pct: 'AGENCY-SW-PCT',
  social_worker_fte: 'SW-FTE',
  missing_return_interview_72h_pct: 'PI9',
  cp_plan_updated_6m_pct: 'PI7',
  cp_plan_2yrs_pct: 'CP-PLAN-2YRS-PCT',
  cp_repeat_plan_2y_count: 'CP-REPEAT-2Y-COUNT',
  care_experienced_18plus_count: 'CARE-EXPERIENCED-18PLUS',
};

/** Measures that are a position at a date, so an annual label means its last month. */
const SNAPSHOT_MEASURES = new Set([
  'children_on_cp_plan_rate',
  'children_on_cp_plan_count',
  'children_in_care_rate',
  'children_in_care_count',
  'cin_plan_rate',
  'cin_plan_count',
  'residential_pct_of_cic',
  'residential_count',
  'vacancy_rate_overall_pct',
  'vacancy_rate_social_workers_pct',
  'vacancy_rate_permanent_pct',
  'permanent_workforce_pct',
  'agency_workforce_pct',
  'agency_social_workers_pct',
  'social_worker_fte',
]);

const AREA_CODES: Record<string, { code: string; kind: ComparatorSeed['kind'] }> = {
  Sandwell: { code: 'E08000028', kind: 'area' },
  'Statistical neighbours': { code: 'E08000028', kind: 'statistical_neighbour_average' },
  'West Midlands': { code: 'E12000005', kind: 'area' },
  England: { code: 'E92000001', kind: 'area' },
};

const UNITS: Record<string, Unit> = {
  percent: 'percent',
  rate_per_10k: 'rate_per_10k',
  count: 'count',
  currency_gbp: 'money',
};

/**
 * "2023/24 YTD" (residential weekly cost, March 2024 paper 4.10) does not say to when. The same
 * paper's financial position is "at the end of Q3" (4.9) and its residential count is "as of
 * December 2023" (4.10), so the year to date is read as April–December 2023.
 */
const YTD_END: Record<string, string> = { '2023/24': '2023-12' };

/**
 * Comparator figures a paper gives under one period that are DfE's figures for an earlier one:
 * the papers set Sandwell's latest figure beside the latest comparators published at the time.
 * Each is reproduced exactly by DfE's figure for the period named here (and by no figure for the
 * paper's own period; tests/seed/comparatorReproduction.test.ts shows the arithmetic). They are
 * filed under the period they measure, so they are set against the council's figure for that
 * period, never a later one, and the source says what the paper said.
 * Key: measure | area | the paper's period label.
 */
export const PAPER_COMPARATOR_PERIODS: Readonly<Record<string, { period: string; measures: string }>> = {
  're_referral_pct|West Midlands|2022/23': { period: '2021/22', measures: 'the year to 31 March 2022' },
  're_referral_pct|Statistical neighbours|2022/23': { period: '2021/22', measures: 'the year to 31 March 2022' },
  're_referral_pct|England|2022/23': { period: '2021/22', measures: 'the year to 31 March 2022' },
  'icpc_timeliness_pct|West Midlands|2022/23': { period: '2020/21', measures: 'the year to 31 March 2021' },
  'icpc_timeliness_pct|England|2022/23': { period: '2020/21', measures: 'the year to 31 March 2021' },
  'icpc_timeliness_pct|Statistical neighbours|2022/23': { period: '2020/21', measures: 'the year to 31 March 2021' },
  'care_entrants_rate|Statistical neighbours|2023-04': { period: '2021/22', measures: 'the year to 31 March 2022' },
  'care_entrants_rate|West Midlands|2023-04': { period: '2021/22', measures: 'the year to 31 March 2022' },
  'care_entrants_rate|England|2023-04': { period: '2021/22', measures: 'the year to 31 March 2022' },
  'children_on_cp_plan_rate|England|2022/23': { period: '2021/22', measures: '31 March 2022' },
  'care_exits_rate|West Midlands|2025-07': { period: '2023/24', measures: 'the year to 31 March 2024' },
};

export interface PaperPeriod {
  timePeriod: string;
  timeIdentifier: string;
  periodStart: string;
  periodEnd: string;
  /** Set when the label is a single month. */
  month: string | null;
}

/**
 * A paper's period label → DfE-style time_period / time_identifier and the dates it covers:
 * `2021-03` a month; `2019/20` a financial year (for a position-at-a-date measure, its March);
 * `2020` a DfE reporting year (year ending 31 March 2020); `2022-23 Q1` a financial-year
 * quarter; `2025-01 to 2025-07` a run of months; `2023/24 YTD` the year to date; and for the
 * ONS child population a bare year is the mid-year (30 June) estimate.
 */
export function paperPeriod(label: string, measure: string): PaperPeriod {
  const text = label.trim();
  if (isValidMonth(text)) {
    return {
      timePeriod: text,
      timeIdentifier: 'Month',
      periodStart: monthToDate(text),
      periodEnd: monthEndDate(text),
      month: text,
    };
  }
  let match = /^(\d{4})\/(\d{2})$/.exec(text);
  if (match) {
    const { from, to } = dfeReportingYearRange(text);
    const start = SNAPSHOT_MEASURES.has(measure) ? to : from;
    return {
      timePeriod: text,
      timeIdentifier: 'Financial year',
      periodStart: monthToDate(start),
      periodEnd: monthEndDate(to),
      month: null,
    };
  }
  match = /^(\d{4})$/.exec(text);
  if (match) {
    if (measure === 'child_population_0_17') {
      return {
        timePeriod: text,
        timeIdentifier: 'Mid-year estimate',
        periodStart: `${text}-06-30`,
        periodEnd: `${text}-06-30`,
        month: null,
      };
    }
    const { from, to } = dfeReportingYearRange(text);
    const start = SNAPSHOT_MEASURES.has(measure) ? to : from;
    return {
      timePeriod: text,
      timeIdentifier: 'Reporting year',
      periodStart: monthToDate(start),
      periodEnd: monthEndDate(to),
      month: null,
    };
  }
  match = /^(\d{4})-(\d{2}) Q([1-4])$/.exec(text);
  if (match) {
    const fy = `${match[1]}/${match[2]}`;
    const { from } = dfeReportingYearRange(fy);
    const first = addMonths(from, (Number(match[3]) - 1) * 3);
    return {
      timePeriod: fy,
      timeIdentifier: `Financial year Q${match[3]}`,
      periodStart: monthToDate(first),
      periodEnd: monthEndDate(addMonths(first, 2)),
      month: null,
    };
  }
  match = /^(\d{4}-\d{2}) to (\d{4}-\d{2})$/.exec(text);
  if (match?.[1] && match[2]) {
    return {
      timePeriod: text,
      timeIdentifier: 'Months',
      periodStart: monthToDate(match[1]),
      periodEnd: monthEndDate(match[2]),
      month: null,
    };
  }
  match = /^(\d{4}\/\d{2}) YTD$/.exec(text);
  if (match?.[1]) {
    const fy = match[1];
    const end = YTD_END[fy];
    if (!end) throw new Error(`No year-to-date end recorded for ${label}`);
    const { from } = dfeReportingYearRange(fy);
    return {
      timePeriod: fy,
      timeIdentifier: 'Financial year to date',
      periodStart: monthToDate(from),
      periodEnd: monthEndDate(end),
      month: null,
    };
  }
  throw new Error(`Unrecognised period label ${JSON.stringify(label)} in published-figures.csv`);
}

export function publishedSourceNote(seedFile: string, words: string, measure: string, period: string): string {
  const said = words.trim() === '' ? `${measure}, ${period}` : `"${words.trim()}"`;
  return `Published figure — ${seedFile} (${paperTitle(seedFile)}): ${said}`;
}

/**
 * Every row of published-figures.csv, placed: a Sandwell figure for a single month is an
 * observation (provenance `published_paper`) on the indicator for its measure; every other
 * Sandwell figure (a year, a quarter, a run of months) and every statistical-neighbour, West
 * Midlands and England figure is a comparator value with source `published_paper`. The papers
 * never say which statistical-neighbour model they used, so those rows have no model. A row that
 * cannot be placed is reported as an issue, never dropped silently.
 */
export function placePublishedFigures(
  rows: CsvRow[],
  issues: SeedIssue[],
): { observations: ObservationSeed[]; comparators: ComparatorSeed[] } {
  const observations: ObservationSeed[] = [];
  const comparators: ComparatorSeed[] = [];
  const seenObservation = new Set<string>();
  const seenComparator = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const line = i + 2;
    const measure = row.measure ?? '';
    const areaName = row.area ?? '';
    const label = row.period ?? '';
    const seedFile = row.source_seed ?? '';
    const words = row.source_words ?? '';
    const value = Number(row.value);
    const unit = UNITS[row.unit ?? ''];
    const area = AREA_CODES[areaName];
    const unplaced = (why: string) =>
      issues.push({
        kind: 'unplaced_figure',
        message: `published-figures.csv line ${line} (${measure}, ${areaName}, ${label}): ${why}`,
      });
    if (!Number.isFinite(value)) {
      unplaced(`value ${JSON.stringify(row.value)} is not a number`);
      continue;
    }
    if (!unit) {
      unplaced(`unknown unit ${JSON.stringify(row.unit)}`);
      continue;
    }
    if (!area) {
      unplaced(`unknown area ${JSON.stringify(areaName)}`);
      continue;
    }
    const refiled = areaName === 'Sandwell' ? undefined : PAPER_COMPARATOR_PERIODS[`${measure}|${areaName}|${label}`];
    let period: PaperPeriod;
    try {
      period = paperPeriod(refiled?.period ?? label, measure);
    } catch (error) {
      unplaced((error as Error).message);
      continue;
    }
    const indicatorCode = MEASURE_TO_INDICATOR[measure];
    if (areaName === 'Sandwell' && period.month && indicatorCode) {
      const key = `${indicatorCode}|${period.month}`;
      if (seenObservation.has(key)) {
        unplaced(`a second Sandwell figure for ${indicatorCode} in ${period.month}`);
        continue;
      }
      seenObservation.add(key);
      observations.push({
        indicatorCode,
        month: period.month,
        value,
        numerator: null,
        denominator: null,
        symbol: null,
        provenance: 'published_paper',
        status: 'final',
        sourceNote: publishedSourceNote(seedFile, words, measure, label),
      });
      continue;
    }
    const fiveNeighbours = /five statistical neighbours/i.test(words);
    const comparator: ComparatorSeed = {
      measureCode: measure,
      kind: area.kind,
      areaCode: area.code,
      snModelCode: null,
      contributingCount: fiveNeighbours ? 5 : null,
      unit,
      timePeriod: period.timePeriod,
      timeIdentifier: period.timeIdentifier,
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      value,
      symbol: null,
      source: 'published_paper',
      sourceRelease: `Council paper — ${paperTitle(seedFile)}${words.trim() ? `: "${words.trim()}"` : ''}${
        refiled
          ? `; the paper gives it for ${label}, but it is DfE’s figure for ${refiled.measures}, so it is shown against that period`
          : ''
      }`,
      sourceFile: seedFile,
    };
    const key = [
      comparator.measureCode,
      comparator.kind,
      comparator.areaCode,
      comparator.timePeriod,
      comparator.timeIdentifier,
      comparator.sourceRelease,
    ].join('|');
    if (seenComparator.has(key)) {
      unplaced('duplicates another row (same measure, area, period and source)');
      continue;
    }
    seenComparator.add(key);
    comparators.push(comparator);
  }

  return { observations, comparators };
}

/**
 * Published monthly figures for a contract KPI that the papers state in words and that
 * published-figures.csv does not list. Kept separate so the CSV can be counted on its own.
 */
export const EXTRA_PUBLISHED_POINTS: ObservationSeed[] = [
  {
    indicatorCode: 'PI5',
    month: '2021-03',
    value: 9,
    numerator: null,
    denominator: null,
    symbol: null,
    provenance: 'published_paper',
    status: 'final',
    sourceNote: publishedSourceNote(
      ANNUAL_REVIEW,
      'As at end March 2021, we had nine children unallocated for longer than 5 working days',
      'PI5',
      '2021-03',
    ),
  },
];

export interface CaseloadRow {
  team: string;
  month: string;
  cases: number;
  fte: number;
  published: number;
}

export function readCaseloads(rows: CsvRow[]): CaseloadRow[] {
  return rows.map((r) => ({
    team: r.team ?? '',
    month: r.month ?? '',
    cases: Number(r.cases),
    fte: Number(r.caseholder_fte),
    published: Number(r.average_caseload_published),
  }));
}

/**
 * The real 2020/21 team caseloads (annual review, section (g)): numerator = cases, denominator =
 * case-holding FTE, value = the published average, which must equal cases ÷ FTE to 2 dp.
 */
export function caseloadObservations(
  rows: CaseloadRow[],
  teamCodes: Map<string, string>,
  issues: SeedIssue[],
): ObservationSeed[] {
  const out: ObservationSeed[] = [];
  for (const row of rows) {
    const code = teamCodes.get(row.team);
    if (!code) {
      issues.push({
        kind: 'unplaced_figure',
        message: `caseloads-2020-21.csv: unknown team ${JSON.stringify(row.team)}`,
      });
      continue;
    }
    const computed = roundToPrecision(row.cases / row.fte, 2);
    if (computed !== row.published) {
      throw new Error(
        `${row.team} ${row.month}: ${row.cases} ÷ ${row.fte} = ${computed}, but the paper publishes ${row.published}`,
      );
    }
    out.push({
      indicatorCode: code,
      month: row.month,
      value: row.published,
      numerator: row.cases,
      denominator: row.fte,
      symbol: null,
      provenance: 'published_paper',
      status: 'final',
      sourceNote: `Published figure — ${ANNUAL_REVIEW} (${paperTitle(ANNUAL_REVIEW)}), section (g), table "Average Caseload" for ${row.team}: ${row.cases} cases ÷ ${row.fte.toFixed(2)} case-holder FTE = ${row.published.toFixed(2)}`,
    });
  }
  return out;
}

/**
 * PI14 for 2020/21, derived from the five team tables: total cases ÷ total case-holding FTE.
 * The review shows PI14 only as a chart ("average caseload has gradually increased over the course
 * of the year") — it prints no monthly PI14 values and does not say how PI14 is calculated (its
 * social-worker total, 201.85 falling to 187.43 FTE, is more than the 180.34 FTE in these tables,
 * and the Care Leavers FTE includes personal advisers). So the derived series is NOT a published
 * figure: it is stored as `illustrative`, with a note saying exactly how it was made.
 */
export function derivedPi14(rows: CaseloadRow[]): ObservationSeed[] {
  const byMonth = new Map<string, { cases: number; fte: number; teams: number }>();
  for (const row of rows) {
    const total = byMonth.get(row.month) ?? { cases: 0, fte: 0, teams: 0 };
    total.cases += row.cases;
    total.fte = roundToPrecision(total.fte + row.fte, 2);
    total.teams += 1;
    byMonth.set(row.month, total);
  }
  return [...byMonth]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, total]) => ({
      indicatorCode: 'PI14',
      month,
      value: roundToPrecision(total.cases / total.fte, 2),
      numerator: total.cases,
      denominator: total.fte,
      symbol: null,
      provenance: 'illustrative' as const,
      status: 'final' as const,
      sourceNote: `Derived, not published: total cases ÷ total case-holding FTE across the ${total.teams} team tables in ${ANNUAL_REVIEW} (${paperTitle(ANNUAL_REVIEW)}), section (g): ${total.cases} ÷ ${total.fte.toFixed(2)}. The review charts PI14 but prints no monthly values and does not say how PI14 is calculated, so this is shown as illustrative.`,
    }));
}
