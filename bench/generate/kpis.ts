import type { Polarity, Theme, Unit } from '../../shared/src/index';
import { Prng } from './../lib/prng';
import { KPI_COUNT } from './config';

/** A generated KPI: what the loader writes to `indicators` and `threshold_versions`, and how its series behaves. */
export interface BenchKpi {
  code: string;
  title: string;
  unit: Unit;
  polarity: Polarity;
  precision: number;
  theme: Theme;
  /** The generated DfE measure it is benchmarked against, when the units allow one. */
  comparatorMeasure: string | null;
  /** Typical level for an authority of average size, and the spread of its monthly noise. */
  base: number;
  noise: number;
  target: { operator: '>=' | '<='; value: number };
  failure: { operator: '<' | '>'; value: number };
}

const UNIT_CYCLE: Unit[] = ['percent', 'count', 'rate_per_10k', 'days', 'average'];
const THEME_CYCLE: Theme[] = ['front_door', 'child_protection', 'children_in_care', 'workforce', 'other'];
/** Units a DfE file can carry for a generated measure. */
export const DFE_UNITS = new Set<Unit>(['percent', 'count', 'rate_per_10k']);

export function measureCode(index: number): string {
  return `bench_m${String(index + 1).padStart(3, '0')}`;
}

export function kpiUnit(index: number): Unit {
  return UNIT_CYCLE[index % UNIT_CYCLE.length]!;
}

/** The 60 KPIs every generated authority reports monthly (the same definitions everywhere). */
export function benchKpis(): BenchKpi[] {
  const prng = new Prng('bench-kpis');
  return Array.from({ length: KPI_COUNT }, (_, i) => {
    const unit = kpiUnit(i);
    const polarity: Polarity = i % 2 === 0 ? 'higher_is_better' : 'lower_is_better';
    const base =
      unit === 'percent'
        ? prng.between(55, 90)
        : unit === 'count'
          ? prng.between(40, 900)
          : unit === 'rate_per_10k'
            ? prng.between(20, 450)
            : unit === 'days'
              ? prng.between(10, 60)
              : prng.between(12, 25);
    const precision = unit === 'count' || unit === 'days' ? 0 : 1;
    // Green within ±4% of the typical level on the good side, red beyond 8% on the bad side.
    const better = polarity === 'higher_is_better' ? 1 : -1;
    const target = {
      operator: better > 0 ? ('>=' as const) : ('<=' as const),
      value: round(base * (1 - better * 0.02), precision),
    };
    const failure = {
      operator: better > 0 ? ('<' as const) : ('>' as const),
      value: round(base * (1 - better * 0.08), precision),
    };
    return {
      code: `BK${String(i + 1).padStart(2, '0')}`,
      title: `Benchmark KPI ${i + 1}: ${unitWords(unit)} (${polarity.replace(/_/g, ' ')})`,
      unit,
      polarity,
      precision,
      theme: THEME_CYCLE[i % THEME_CYCLE.length]!,
      comparatorMeasure: DFE_UNITS.has(unit) ? measureCode(i) : null,
      base,
      noise: 0.03,
      target,
      failure,
    };
  });
}

function unitWords(unit: Unit): string {
  return {
    percent: 'percentage',
    count: 'count',
    rate_per_10k: 'rate per 10,000 children',
    days: 'days',
    average: 'average',
    money: 'money',
  }[unit];
}

export function round(value: number, precision: number): number {
  const f = 10 ** precision;
  return Math.round(value * f) / f;
}
