import { financialYearStartYear, isValidMonth } from './periods';

/**
 * Rates per 10,000 children and the population year they use.
 */

/** count ÷ population × 10,000, unrounded (round for display with `formatValue`). */
export function ratePer10k(count: number, population: number): number {
  if (!Number.isFinite(count) || count < 0) {
    throw new RangeError(`A rate needs a count of 0 or more; got ${count}`);
  }
  if (!Number.isFinite(population) || population <= 0) {
    throw new RangeError(`A rate needs a population greater than zero; got ${population}`);
  }
  // Multiply first: the quotient of two exact numbers is then correctly rounded.
  return (count * 10_000) / population;
}

/**
 * Which ONS mid-year (30 June) 0–17 population estimate a rate uses.
 *
 * Rule: the mid-year estimate dated within the year being measured — the 30 June that falls in
 * the financial year (April–March). For DfE's "Reporting year Y" (year ending 31 March Y) that is
 * mid-(Y − 1); for a month it is the start year of its financial year.
 *
 * Checked against data/reference/dfe: cla_number_and_rate_per_10k_children.csv gives, for
 * reporting year 2025, England population_estimate 12,183,016 and Sandwell 88,593, which are the
 * mid-2024 figures in ons_mid-year_population_estimates_2012_to_2024.csv (mid-2025 does not exist
 * in it); reporting year 2021 uses Sandwell 85,255 = mid-2020 (mid-2021 is 84,907, used for 2022),
 * and every year 2021–2025 follows the same one-year lag. Sandwell's 2025 rate: 816 ÷ 88,593 ×
 * 10,000 = 92.1, published as 92. (DfE re-based populations after the 2021 Census, so an older
 * release can quote a different estimate for the same mid-year.)
 *
 * Accepts a month (`'2025-03'` → 2024, `'2024-04'` → 2024), a DfE reporting year (`2025` or
 * `'2025'` → 2024) or a two-year label (`'202425'`, `'2024/25'`, `'2024-25'` → 2024).
 */
export function populationYearFor(period: string | number): number {
  const text = String(period).trim();
  if (isValidMonth(text)) return financialYearStartYear(text);
  if (/^\d{4}$/.test(text)) return Number(text) - 1;
  const split = /^(\d{4})(?:\/|-)?(\d{2})$/.exec(text);
  if (split && (Number(split[1]) + 1) % 100 === Number(split[2])) return Number(split[1]);
  throw new Error(
    `Cannot tell the population year of ${JSON.stringify(period)}; expected a month (2025-03), a DfE reporting year (2025) or a label such as 2024/25`,
  );
}
