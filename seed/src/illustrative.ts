import {
  compareMonths,
  financialYearMonths,
  financialYearOf,
  monthRange,
  monthsBetween,
  populationYearFor,
  ratePer10k,
  roundToPrecision,
} from '@kpi/shared';
import type { ObservationSeed } from './types';

export const ILLUSTRATIVE_FROM = '2018-04';
export const ILLUSTRATIVE_TO = '2024-03';

export const ILLUSTRATIVE_NOTE =
  'Illustrative demo data: generated (deterministic, seeded) to look plausible and to pass exactly through the figures the papers publish for this KPI. Not a real Sandwell figure.';

/** How the monthly figure is built from its parts. */
type Components =
  /** A percentage of a whole number of cases: numerator and denominator are counts. */
  | { kind: 'percent'; denominator: number; spread: number }
  /** PI12: in-month reviews in time ÷ reviews due; the value is the cumulative year to date. */
  | { kind: 'percent_fytd'; denominator: number; spread: number }
  /** PI2: children on a plan ÷ ONS 0–17 population × 10,000. */
  | { kind: 'rate_per_10k' }
  /** PI13: vacant FTE ÷ establishment FTE. */
  | { kind: 'vacancy'; establishment: number }
  /** PI14: cases ÷ case-holding FTE. */
  | { kind: 'average'; denominator: number; spread: number }
  /** PI5: a whole count, no parts. */
  | { kind: 'count' };

export interface SeriesSpec {
  code: string;
  /** Months and levels the series is drawn through (a smooth path; noise is added around it). */
  path: Array<[string, number]>;
  /** Standard deviation of the month-to-month noise. */
  noise: number;
  min: number;
  max: number;
  /** Ranges the series must stay within, so the demo tells the papers' story. */
  keep?: Array<{ from: string; to: string; min?: number; max?: number }>;
  /** A financial year's published aggregate the monthly parts must add up to exactly. */
  yearTotals?: Array<{ fy: string; percent: number; denominator?: number }>;
  components: Components;
}

/**
 * The contract KPIs' demo series, April 2018 – March 2024. Levels follow what the papers say:
 * the 2020/21 review's words for each PI (for example PI1 "consistently above our target … a dip
 * in December 2020", PI7 "between 85 and 95% throughout the year", PI8 above target "save for
 * December 2020 and March 2021"), so the year reads as the review describes it (eight improved or
 * maintained above target, three broadly the same below target, four declined); the March 2024
 * update's "since Sept 2023 only one KPI has been in the performance failure zone, for a period
 * of one month … currently no KPIs in the failure zone"; PI2 near DfE's March positions (count at
 * 31 March ÷ ONS population); PI3 near DfE's annual ICPC timeliness; PI14 near DfE's caseloads.
 */
export const SERIES: SeriesSpec[] = [
  {
    code: 'PI1',
    path: [
      ['2018-04', 79],
      ['2019-04', 84],
      ['2020-04', 88],
      ['2020-11', 87],
      ['2020-12', 69],
      ['2021-01', 86],
      ['2022-04', 85],
      ['2023-04', 87],
      ['2024-03', 88],
    ],
    noise: 2.5,
    min: 55,
    max: 99,
    keep: [
      { from: '2019-04', to: '2020-11', min: 77 },
      { from: '2020-12', to: '2020-12', min: 66, max: 72 },
      { from: '2021-01', to: '2024-03', min: 77 },
    ],
    components: { kind: 'percent', denominator: 450, spread: 0.12 },
  },
  {
    code: 'PI2',
    path: [
      ['2018-04', 98],
      ['2019-03', 70],
      ['2019-09', 73],
      ['2020-03', 78],
      ['2020-04', 79.4],
      ['2020-09', 76],
      ['2020-12', 66],
      ['2021-09', 52],
      ['2022-03', 47.5],
      ['2022-09', 43],
      ['2023-09', 47],
      ['2024-03', 53],
    ],
    noise: 1.2,
    min: 30,
    max: 110,
    keep: [
      { from: '2020-04', to: '2020-09', min: 65.5, max: 79.5 },
      { from: '2023-09', to: '2024-03', max: 64 },
    ],
    components: { kind: 'rate_per_10k' },
  },
  {
    code: 'PI3',
    path: [
      ['2018-04', 62],
      ['2018-10', 72],
      ['2019-03', 79],
      ['2019-09', 70],
      ['2020-01', 76],
      ['2020-02', 85],
      ['2020-06', 92],
      ['2021-03', 93],
      ['2021-09', 86],
      ['2022-03', 81],
      ['2022-09', 78],
      ['2023-03', 76],
      ['2023-09', 73],
      ['2024-03', 74],
    ],
    noise: 3,
    min: 45,
    max: 100,
    keep: [
      { from: '2020-02', to: '2021-03', min: 82 },
      { from: '2023-09', to: '2024-03', min: 67 },
    ],
    yearTotals: [{ fy: '2022-23', percent: 78, denominator: 422 }],
    components: { kind: 'percent', denominator: 50, spread: 0.2 },
  },
  {
    code: 'PI4',
    path: [
      ['2018-04', 72],
      ['2019-03', 82],
      ['2020-03', 88],
      ['2020-05', 88],
      ['2020-08', 80],
      ['2020-11', 85],
      ['2021-03', 89],
      ['2021-09', 80],
      ['2022-04', 68],
      ['2022-10', 63],
      ['2023-03', 66],
      ['2023-06', 74],
      ['2023-09', 81],
      ['2024-03', 86],
    ],
    noise: 2.5,
    min: 50,
    max: 98,
    keep: [
      { from: '2020-07', to: '2020-09', min: 76, max: 84 },
      { from: '2021-02', to: '2021-03', min: 87 },
      { from: '2023-09', to: '2024-03', min: 77 },
    ],
    yearTotals: [{ fy: '2022-23', percent: 65.3 }],
    components: { kind: 'percent', denominator: 360, spread: 0.12 },
  },
  {
    code: 'PI5',
    path: [
      ['2018-04', 35],
      ['2018-10', 22],
      ['2019-03', 12],
      ['2019-09', 8],
      ['2020-03', 5],
      ['2020-12', 6],
      ['2021-06', 24],
      ['2021-09', 34],
      ['2021-12', 28],
      ['2022-03', 18],
      ['2022-09', 12],
      ['2023-03', 8],
      ['2023-09', 6],
      ['2024-03', 5],
    ],
    noise: 2,
    min: 0,
    max: 60,
    keep: [
      { from: '2020-04', to: '2021-02', max: 8 },
      { from: '2023-09', to: '2024-03', max: 25 },
    ],
    components: { kind: 'count' },
  },
  {
    code: 'PI6',
    path: [
      ['2018-04', 72],
      ['2019-03', 80],
      ['2019-09', 84],
      ['2020-03', 85],
      ['2020-12', 82],
      ['2021-02', 78],
      ['2021-03', 75],
      ['2021-06', 73],
      ['2021-09', 76],
      ['2022-03', 82],
      ['2023-03', 85],
      ['2024-03', 87],
    ],
    noise: 2,
    min: 55,
    max: 99,
    keep: [
      { from: '2020-04', to: '2020-12', min: 81.5 },
      { from: '2021-03', to: '2021-03', min: 72, max: 78 },
      { from: '2023-09', to: '2024-03', min: 72 },
    ],
    components: { kind: 'percent', denominator: 500, spread: 0.1 },
  },
  {
    code: 'PI7',
    path: [
      ['2018-04', 80],
      ['2019-03', 88],
      ['2020-03', 90],
      ['2021-03', 90],
      ['2021-09', 89],
      ['2022-03', 87],
      ['2022-09', 85],
      ['2023-09', 88],
      ['2024-03', 91],
    ],
    noise: 1.8,
    min: 60,
    max: 99.5,
    keep: [
      { from: '2020-04', to: '2021-03', min: 86, max: 94 },
      { from: '2023-09', to: '2024-03', min: 86, max: 94.5 },
    ],
    components: { kind: 'percent', denominator: 500, spread: 0.1 },
  },
  {
    code: 'PI8',
    path: [
      ['2018-04', 55],
      ['2019-03', 66],
      ['2020-03', 72],
      ['2020-11', 71],
      ['2020-12', 60],
      ['2021-01', 70],
      ['2021-02', 69],
      ['2021-03', 60],
      ['2021-09', 62],
      ['2022-03', 68],
      ['2023-03', 72],
      ['2024-03', 74],
    ],
    noise: 2,
    min: 35,
    max: 95,
    keep: [
      { from: '2020-04', to: '2020-11', min: 67 },
      { from: '2020-12', to: '2020-12', min: 55, max: 63 },
      { from: '2021-01', to: '2021-02', min: 67 },
      { from: '2021-03', to: '2021-03', min: 55, max: 63 },
      { from: '2023-09', to: '2024-03', min: 55 },
    ],
    components: { kind: 'percent', denominator: 500, spread: 0.1 },
  },
  {
    code: 'PI9',
    path: [
      ['2018-04', 60],
      ['2019-03', 70],
      ['2020-04', 78],
      ['2021-03', 80],
      ['2022-03', 80],
      ['2023-03', 82],
      ['2024-03', 84],
    ],
    noise: 6,
    min: 30,
    max: 100,
    keep: [
      { from: '2021-03', to: '2021-03', min: 74 },
      { from: '2023-09', to: '2023-10', min: 55 },
      { from: '2023-11', to: '2023-11', min: 42, max: 48 },
      { from: '2023-12', to: '2024-03', min: 55 },
    ],
    yearTotals: [{ fy: '2022-23', percent: 82 }],
    components: { kind: 'percent', denominator: 100, spread: 0.25 },
  },
  {
    code: 'PI10',
    path: [
      ['2018-04', 65],
      ['2019-03', 74],
      ['2020-03', 80],
      ['2020-12', 77],
      ['2021-03', 68],
      ['2021-09', 72],
      ['2022-03', 78],
      ['2023-03', 82],
      ['2024-03', 84],
    ],
    noise: 2,
    min: 45,
    max: 98,
    keep: [
      { from: '2020-04', to: '2020-04', min: 76 },
      { from: '2021-03', to: '2021-03', min: 62, max: 71 },
      { from: '2023-09', to: '2024-03', min: 62 },
    ],
    components: { kind: 'percent', denominator: 850, spread: 0.08 },
  },
  {
    code: 'PI11',
    path: [
      ['2018-04', 86],
      ['2019-03', 91],
      ['2020-03', 94],
      ['2020-12', 92],
      ['2021-03', 87],
      ['2021-09', 89],
      ['2022-03', 92],
      ['2023-03', 94],
      ['2024-03', 95],
    ],
    noise: 1.2,
    min: 70,
    max: 99.5,
    keep: [
      { from: '2020-04', to: '2020-04', min: 92 },
      { from: '2021-03', to: '2021-03', min: 84, max: 89 },
      { from: '2023-09', to: '2024-03', min: 84 },
    ],
    components: { kind: 'percent', denominator: 850, spread: 0.06 },
  },
  {
    code: 'PI12',
    path: [
      ['2018-04', 84],
      ['2019-04', 88],
      ['2020-04', 90],
      ['2021-04', 92],
      ['2024-03', 93],
    ],
    noise: 2.5,
    min: 65,
    max: 100,
    keep: [
      { from: '2020-04', to: '2021-03', min: 83 },
      { from: '2023-09', to: '2024-03', min: 80 },
    ],
    components: { kind: 'percent_fytd', denominator: 150, spread: 0.15 },
  },
  {
    code: 'PI13',
    path: [
      ['2018-04', 40],
      ['2019-03', 36],
      ['2020-03', 35],
      ['2020-05', 35.5],
      ['2020-08', 33.2],
      ['2020-10', 33.8],
      ['2021-03', 36],
      ['2021-09', 39],
      ['2022-03', 38],
      ['2022-09', 35],
      ['2023-03', 32.5],
      ['2023-09', 30.5],
      ['2023-12', 29.5],
      ['2024-03', 27.5],
    ],
    noise: 0.6,
    min: 20,
    max: 50,
    keep: [
      { from: '2020-04', to: '2021-03', min: 32.6, max: 36.4 },
      { from: '2023-09', to: '2024-03', max: 36 },
    ],
    components: { kind: 'vacancy', establishment: 222.5 },
  },
  {
    code: 'PI14',
    path: [
      ['2018-04', 21],
      ['2019-03', 19.6],
      ['2019-09', 19.0],
      ['2020-03', 19.2],
      ['2021-06', 21.5],
      ['2021-09', 20],
      ['2022-03', 18.6],
      ['2022-09', 17.4],
      ['2023-03', 17.6],
      ['2023-09', 17.0],
      ['2024-03', 16.8],
    ],
    noise: 0.35,
    min: 14,
    max: 26,
    keep: [{ from: '2023-09', to: '2024-03', max: 22 }],
    components: { kind: 'average', denominator: 175, spread: 0.03 },
  },
  {
    code: 'PI15',
    path: [
      ['2018-04', 40],
      ['2019-03', 50],
      ['2020-03', 60],
      ['2021-03', 64],
      ['2022-03', 68],
      ['2023-03', 72],
      ['2024-03', 75],
    ],
    noise: 4,
    min: 20,
    max: 100,
    keep: [
      { from: '2021-03', to: '2021-03', min: 58 },
      { from: '2023-09', to: '2024-03', min: 45 },
    ],
    components: { kind: 'percent', denominator: 30, spread: 0 },
  },
];

/** FNV-1a, for a stable seed per KPI. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small deterministic PRNG (same numbers on every platform). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function interpolate(path: Array<[string, number]>, month: string): number {
  const sorted = [...path].sort(([a], [b]) => compareMonths(a, b));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) throw new Error('A series needs a path');
  if (compareMonths(month, first[0]) <= 0) return first[1];
  if (compareMonths(month, last[0]) >= 0) return last[1];
  for (let i = 1; i < sorted.length; i++) {
    const [m1, v1] = sorted[i]!;
    const [m0, v0] = sorted[i - 1]!;
    if (compareMonths(month, m1) <= 0) {
      const span = monthsBetween(m0, m1);
      return v0 + ((v1 - v0) * monthsBetween(m0, month)) / span;
    }
  }
  return last[1];
}

/** Adjusts whole numbers so they add up to `total`, moving each by as little as possible. */
function scaleToTotal(values: number[], total: number, cap?: number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  const exact = values.map((v) => (sum === 0 ? total / values.length : (v * total) / sum));
  const out = exact.map((v) => Math.floor(v));
  let remaining = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((v, i) => ({ i, frac: v - Math.floor(v) })).sort((a, b) => b.frac - a.frac);
  for (const { i } of order) {
    if (remaining <= 0) break;
    if (cap && out[i]! >= cap[i]!) continue;
    out[i]! += 1;
    remaining -= 1;
  }
  if (remaining !== 0) throw new Error(`Cannot spread ${total} within the caps`);
  return out;
}

export interface IllustrativeContext {
  /** Months that already have a figure for the indicator (published or derived), with the value. */
  fixed: Map<string, Map<string, number>>;
  /** Sandwell's ONS 0–17 population for a mid-year. */
  population: (year: number) => number | null;
}

/**
 * One KPI's monthly demo series. Never produces a row for a month that already has a figure:
 * those figures are fixed points the series is bent through (a triangular correction over the
 * five months either side), so a published March 2023 figure is the observation that month and
 * the illustrative months around it lead into it.
 */
export function generateSeries(spec: SeriesSpec, context: IllustrativeContext): ObservationSeed[] {
  const random = prng(hash(`kpi-demo|${spec.code}`));
  const months = monthRange(ILLUSTRATIVE_FROM, ILLUSTRATIVE_TO);
  const fixed = context.fixed.get(spec.code) ?? new Map<string, number>();

  let noise = 0;
  const raw = new Map<string, number>();
  for (const month of months) {
    noise = 0.5 * noise + normal(random) * spec.noise * Math.sqrt(0.75);
    raw.set(month, interpolate(spec.path, month) + noise);
  }
  for (const [fixedMonth, fixedValue] of fixed) {
    if (!raw.has(fixedMonth)) continue;
    const gap = fixedValue - (raw.get(fixedMonth) ?? fixedValue);
    for (const month of months) {
      const distance = Math.abs(monthsBetween(fixedMonth, month));
      if (distance < 6) raw.set(month, (raw.get(month) ?? 0) + gap * (1 - distance / 6));
    }
  }
  for (const month of months) {
    let v = raw.get(month) ?? 0;
    for (const k of spec.keep ?? []) {
      if (compareMonths(month, k.from) >= 0 && compareMonths(month, k.to) <= 0) {
        if (k.min !== undefined) v = Math.max(v, k.min);
        if (k.max !== undefined) v = Math.min(v, k.max);
      }
    }
    raw.set(month, Math.min(spec.max, Math.max(spec.min, v)));
  }

  const generated = months.filter((m) => !fixed.has(m));
  const rows = new Map<string, { value: number; numerator: number | null; denominator: number | null }>();
  const c = spec.components;
  switch (c.kind) {
    case 'count':
      for (const m of generated)
        rows.set(m, { value: Math.round(raw.get(m) ?? 0), numerator: null, denominator: null });
      break;
    case 'rate_per_10k':
      for (const m of generated) {
        const population = context.population(populationYearFor(m));
        if (population === null) throw new Error(`No population for ${m}`);
        const count = Math.round(((raw.get(m) ?? 0) * population) / 10_000);
        rows.set(m, {
          value: roundToPrecision(ratePer10k(count, population), 1),
          numerator: count,
          denominator: population,
        });
      }
      break;
    case 'vacancy':
      for (const m of generated) {
        const vacant = roundToPrecision(((raw.get(m) ?? 0) * c.establishment) / 100, 1);
        rows.set(m, {
          value: roundToPrecision((vacant / c.establishment) * 100, 1),
          numerator: vacant,
          denominator: c.establishment,
        });
      }
      break;
    case 'average':
      for (const m of generated) {
        const fte = roundToPrecision(c.denominator * (1 + normal(random) * c.spread), 2);
        const cases = Math.round((raw.get(m) ?? 0) * fte);
        rows.set(m, { value: roundToPrecision(cases / fte, 2), numerator: cases, denominator: fte });
      }
      break;
    case 'percent':
    case 'percent_fytd': {
      const parts = new Map<string, { numerator: number; denominator: number }>();
      for (const m of generated) {
        const denominator = Math.max(5, Math.round(c.denominator * (1 + normal(random) * c.spread)));
        const numerator = Math.min(denominator, Math.round(((raw.get(m) ?? 0) / 100) * denominator));
        parts.set(m, { numerator, denominator });
      }
      for (const total of spec.yearTotals ?? []) {
        const fyMonths = financialYearMonths(total.fy).filter((m) => parts.has(m));
        if (fyMonths.length !== 12) throw new Error(`${spec.code}: ${total.fy} needs all twelve months generated`);
        let denominators = fyMonths.map((m) => parts.get(m)!.denominator);
        if (total.denominator !== undefined) denominators = scaleToTotal(denominators, total.denominator);
        const denominatorSum = denominators.reduce((a, b) => a + b, 0);
        const numeratorTotal = Math.round((total.percent / 100) * denominatorSum);
        if (roundToPrecision((numeratorTotal / denominatorSum) * 100, 1) !== total.percent) {
          throw new Error(`${spec.code}: cannot reach ${total.percent}% over ${denominatorSum}`);
        }
        const wanted = fyMonths.map((m, i) => ((raw.get(m) ?? 0) / 100) * denominators[i]!);
        const numerators = scaleToTotal(wanted, numeratorTotal, denominators);
        for (const [i, m] of fyMonths.entries()) {
          parts.set(m, { numerator: numerators[i]!, denominator: denominators[i]! });
        }
      }
      for (const m of generated) {
        const p = parts.get(m)!;
        let value = roundToPrecision((p.numerator / p.denominator) * 100, 1);
        if (c.kind === 'percent_fytd') {
          const soFar = financialYearMonths(financialYearOf(m)).filter((x) => compareMonths(x, m) <= 0);
          const n = soFar.reduce((s, x) => s + (parts.get(x)?.numerator ?? 0), 0);
          const d = soFar.reduce((s, x) => s + (parts.get(x)?.denominator ?? 0), 0);
          value = roundToPrecision((n / d) * 100, 1);
        }
        rows.set(m, { value, numerator: p.numerator, denominator: p.denominator });
      }
      break;
    }
  }

  return generated.map((month) => {
    const row = rows.get(month)!;
    return {
      indicatorCode: spec.code,
      month,
      value: row.value,
      numerator: row.numerator,
      denominator: row.denominator,
      symbol: null,
      provenance: 'illustrative' as const,
      status: 'final' as const,
      sourceNote: ILLUSTRATIVE_NOTE,
    };
  });
}
