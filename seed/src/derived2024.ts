import { compareMonths, monthRange, ratePer10k, roundToPrecision } from '@kpi/shared';
import { populationEstimateWords } from './illustrative';
import { ILLUSTRATIVE_LATEST } from './illustrativeParameters';
import type { ObservationSeed } from './types';

const FROM = '2024-04';

const NOTE = (how: string) =>
  `Illustrative demo data, derived: ${how}. Not a real Sandwell figure; kept consistent with the series it is derived from.`;

/**
 * Series that are arithmetic on others, so the demo never contradicts itself: CP-COUNT is PI2's
 * numerator (children on a plan), CIC-RATE and CIN-PLAN-RATE are counts per 10,000 children, and
 * the agency share of the workforce is 100% minus the permanent share (the papers' pairs add up
 * to 100: 83.7 + 16.3 in December 2024, 90.14 + 9.86 in July 2025). Months that already have a
 * figure (published) are left alone.
 */
export function derived2024(
  observations: readonly ObservationSeed[],
  /** The ONS 0–17 population a month's rate uses: the estimate for `wantedYear`, or the latest before it. */
  population: (month: string) => { value: number; midYear: number; wantedYear: number },
): ObservationSeed[] {
  const byKey = new Map(observations.map((o) => [`${o.indicatorCode}|${o.month}`, o]));
  const months = monthRange(FROM, ILLUSTRATIVE_LATEST);
  const out: ObservationSeed[] = [];
  const add = (indicatorCode: string, month: string, value: number, parts: [number, number] | null, how: string) => {
    if (byKey.has(`${indicatorCode}|${month}`)) return;
    out.push({
      indicatorCode,
      month,
      value,
      numerator: parts?.[0] ?? null,
      denominator: parts?.[1] ?? null,
      symbol: null,
      provenance: 'illustrative',
      status: 'final',
      sourceNote: NOTE(how),
    });
  };
  for (const month of months) {
    const { value: pop, midYear, wantedYear } = population(month);
    const pi2 = byKey.get(`PI2|${month}`);
    if (pi2?.value != null) {
      const count = pi2.numerator ?? Math.round((pi2.value * pop) / 10_000);
      add('CP-COUNT', month, count, null, `children on a Child Protection Plan behind PI2 (${pi2.value} per 10,000)`);
    }
    for (const [countCode, rateCode] of [
      ['CIC-COUNT', 'CIC-RATE'],
      ['CIN-PLAN-COUNT', 'CIN-PLAN-RATE'],
    ] as const) {
      const count = byKey.get(`${countCode}|${month}`)?.value;
      if (count == null) continue;
      add(
        rateCode,
        month,
        roundToPrecision(ratePer10k(count, pop), 1),
        [count, pop],
        `${countCode} ${count} per 10,000 of ${populationEstimateWords(midYear, wantedYear, pop)}`,
      );
    }
    const permanent = byKey.get(`PERMANENT-WORKFORCE-PCT|${month}`)?.value;
    if (permanent != null && compareMonths(month, FROM) >= 0) {
      add(
        'AGENCY-WORKFORCE-PCT',
        month,
        roundToPrecision(100 - permanent, 2),
        null,
        `100% minus the permanent share (${permanent}%)`,
      );
    }
  }
  return out;
}
