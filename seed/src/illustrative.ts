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
import { ILLUSTRATIVE_FROM, ILLUSTRATIVE_NOTE, ILLUSTRATIVE_TO, type SeriesSpec } from './illustrativeParameters';
import type { ObservationSeed } from './types';

/**
 * The generator of the illustrative demo series: a deterministic, seeded walk along each KPI's
 * path, bent through the published figures. What each series looks like is in
 * `illustrativeParameters.ts` (the shape of a spec) and `illustrativeSeries*.ts` (the specs).
 */

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

/** A triangular correction over the five months either side, so the series passes through `value` at `at`. */
function bendThrough(raw: Map<string, number>, months: readonly string[], at: string, value: number): void {
  const gap = value - (raw.get(at) ?? value);
  for (const month of months) {
    const distance = Math.abs(monthsBetween(at, month));
    if (distance < 6) raw.set(month, (raw.get(month) ?? 0) + gap * (1 - distance / 6));
  }
}

/** The months of a published total: a financial year, or a run of months. */
function totalSpan(total: { fy?: string; from?: string; to?: string }): string[] {
  return total.fy
    ? financialYearMonths(total.fy)
    : monthRange(total.from ?? ILLUSTRATIVE_FROM, total.to ?? ILLUSTRATIVE_TO);
}

export interface IllustrativeContext {
  /** Months that already have a figure for the indicator (published or derived), with the value. */
  fixed: Map<string, Map<string, number>>;
  /** Sandwell's ONS 0–17 population for a mid-year, or the latest estimate before it (`midYear` says which). */
  population: (year: number) => { value: number; midYear: number } | null;
}

/**
 * One KPI's monthly demo series. Never produces a row for a month that already has a figure:
 * those figures are fixed points the series is bent through (a triangular correction over the
 * five months either side), so a published March 2023 figure is the observation that month and
 * the illustrative months around it lead into it.
 */
export function generateSeries(spec: SeriesSpec, context: IllustrativeContext): ObservationSeed[] {
  const random = prng(hash(`kpi-demo|${spec.code}`));
  const months = monthRange(spec.from ?? ILLUSTRATIVE_FROM, spec.to ?? ILLUSTRATIVE_TO);
  const fixed = context.fixed.get(spec.code) ?? new Map<string, number>();

  let noise = 0;
  const raw = new Map<string, number>();
  for (const month of months) {
    noise = 0.5 * noise + normal(random) * spec.noise * Math.sqrt(0.75);
    raw.set(month, interpolate(spec.path, month) + noise);
  }
  for (const [fixedMonth, fixedValue] of fixed) {
    if (raw.has(fixedMonth)) bendThrough(raw, months, fixedMonth, fixedValue);
  }
  const clamp = (month: string, v: number): number => {
    for (const k of spec.keep ?? []) {
      if (compareMonths(month, k.from) >= 0 && compareMonths(month, k.to) <= 0) {
        if (k.min !== undefined) v = Math.max(v, k.min);
        if (k.max !== undefined) v = Math.min(v, k.max);
      }
    }
    return Math.min(spec.max, Math.max(spec.min, v));
  };
  for (const month of months) raw.set(month, clamp(month, raw.get(month) ?? 0));
  // Known figures (DfE's) are met exactly; the months around lead into them and stay in range.
  const pointMonths = new Map((spec.points ?? []).filter((p) => raw.has(p.month)).map((p) => [p.month, p.value]));
  for (const [pointMonth, pointValue] of pointMonths) {
    bendThrough(raw, months, pointMonth, pointValue);
    for (const month of months) if (!pointMonths.has(month)) raw.set(month, clamp(month, raw.get(month) ?? 0));
    raw.set(pointMonth, pointValue);
  }
  // Bending through a later point moves an earlier one within five months of it: each is met again.
  for (const [pointMonth, pointValue] of pointMonths) raw.set(pointMonth, pointValue);

  const generated = months.filter((m) => !fixed.has(m));
  const rows = new Map<
    string,
    { value: number; numerator: number | null; denominator: number | null; note?: string }
  >();
  const c = spec.components;
  switch (c.kind) {
    case 'count': {
      const counts = new Map(generated.map((m) => [m, Math.round(raw.get(m) ?? 0)]));
      for (const total of spec.countTotals ?? []) {
        const span = totalSpan(total);
        if (!span.every((m) => counts.has(m)))
          throw new Error(`${spec.code}: a count total needs every month generated`);
        const spread = scaleToTotal(
          span.map((m) => raw.get(m) ?? 0),
          total.total,
        );
        for (const [i, m] of span.entries()) counts.set(m, spread[i]!);
      }
      for (const m of generated) rows.set(m, { value: counts.get(m)!, numerator: null, denominator: null });
      break;
    }
    case 'level':
      for (const m of generated)
        rows.set(m, { value: roundToPrecision(raw.get(m) ?? 0, c.precision), numerator: null, denominator: null });
      break;
    case 'rate_per_10k':
      for (const m of generated) {
        const wantedYear = populationYearFor(m);
        const estimate = context.population(wantedYear);
        if (estimate === null) throw new Error(`No population for ${m}`);
        const population = estimate.value;
        let count = Math.round(((raw.get(m) ?? 0) * population) / 10_000);
        // A known rate is met by the whole count nearest to it whose rate rounds to it.
        const known = pointMonths.get(m);
        if (known !== undefined) {
          count =
            [count, count - 1, count + 1].find((n) => roundToPrecision(ratePer10k(n, population), 1) === known) ??
            count;
        }
        rows.set(m, {
          value: roundToPrecision(ratePer10k(count, population), 1),
          numerator: count,
          denominator: population,
          note: populationNote(estimate.midYear, wantedYear, population),
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
      // Totals are met in order; months an earlier total settled are kept, and the later total is
      // met over the rest (January–July 2025 from the papers, then DfE's 2024-25 over April–December).
      const settled = new Set<string>();
      for (const total of spec.yearTotals ?? []) {
        const span = totalSpan(total);
        if (!span.every((m) => parts.has(m))) {
          throw new Error(`${spec.code}: ${total.fy ?? `${total.from} to ${total.to}`} needs every month generated`);
        }
        const held = span.filter((m) => settled.has(m));
        const free = span.filter((m) => !settled.has(m));
        const sumOf = (ms: string[], key: 'numerator' | 'denominator') =>
          ms.reduce((sum, m) => sum + parts.get(m)![key], 0);
        let denominators = free.map((m) => parts.get(m)!.denominator);
        if (total.denominator !== undefined) {
          denominators = scaleToTotal(denominators, total.denominator - sumOf(held, 'denominator'));
        }
        const denominatorSum = denominators.reduce((a, b) => a + b, 0) + sumOf(held, 'denominator');
        const numeratorTotal = total.numerator ?? Math.round((total.percent / 100) * denominatorSum);
        const freeNumerators = numeratorTotal - sumOf(held, 'numerator');
        if (
          roundToPrecision((numeratorTotal / denominatorSum) * 100, 1) !== total.percent ||
          freeNumerators < 0 ||
          freeNumerators > denominators.reduce((a, b) => a + b, 0)
        ) {
          throw new Error(`${spec.code}: cannot reach ${total.percent}% over ${denominatorSum}`);
        }
        const wanted = free.map((m, i) => ((raw.get(m) ?? 0) / 100) * denominators[i]!);
        const numerators = scaleToTotal(wanted, freeNumerators, denominators);
        for (const [i, m] of free.entries()) {
          parts.set(m, { numerator: numerators[i]!, denominator: denominators[i]! });
          settled.add(m);
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
      sourceNote: row.note ? `${ILLUSTRATIVE_NOTE} ${row.note}` : ILLUSTRATIVE_NOTE,
    };
  });
}

/** Which ONS estimate a rate per 10,000 is on, saying so when it stands in for one not yet published. */
export function populationEstimateWords(midYear: number, wantedYear: number, population: number): string {
  const estimate = `the ONS mid-${midYear} estimate of children aged 0 to 17 (${population.toLocaleString('en-GB')})`;
  return midYear === wantedYear ? estimate : `${estimate}, the latest published (mid-${wantedYear} is not yet out)`;
}

function populationNote(midYear: number, wantedYear: number, population: number): string {
  return `Rate per 10,000 of ${populationEstimateWords(midYear, wantedYear, population)}.`;
}
