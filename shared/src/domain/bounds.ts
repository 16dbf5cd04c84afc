import type { Unit } from '../contracts/enums';

/**
 * What the domain allows, in one place: every month, id and figure the API takes in is checked
 * against these before it reaches date arithmetic or the database, so no input can produce a 500.
 */

/** No council return, paper or DfE release this product loads is older than this. */
export const FIRST_SUPPORTED_YEAR = 2000;
/** Meetings and KPI sets are planned a few years ahead; nothing is reported further out. */
export const YEARS_AHEAD = 5;

export function lastSupportedYear(now: Date = new Date()): number {
  return now.getUTCFullYear() + YEARS_AHEAD;
}

/** A `YYYY-MM` month (already well formed) inside the supported years. */
export function isSupportedMonth(month: string, now: Date = new Date()): boolean {
  const year = Number(month.slice(0, 4));
  return year >= FIRST_SUPPORTED_YEAR && year <= lastSupportedYear(now);
}

export function supportedMonthsInWords(now: Date = new Date()): string {
  return `Use a month from January ${FIRST_SUPPORTED_YEAR} to December ${lastSupportedYear(now)}`;
}

/** Ids are PostgreSQL `integer` (int4) columns: anything above this cannot name a row. */
export const MAX_ID = 2_147_483_647;

/**
 * The largest figure each unit can plausibly hold, so a typo or a hostile 1e20 is refused rather
 * than stored and rated. Generous: a rate per 10,000 children can exceed 10,000 only in theory
 * (repeat contacts), a count of contacts for the largest authority is in the tens of thousands,
 * days and averages are bounded by decades, money by a children's services budget.
 */
export const UNIT_MAGNITUDE_LIMIT: Record<Unit, number> = {
  percent: 100,
  rate_per_10k: 100_000,
  count: 10_000_000,
  average: 1_000_000,
  days: 36_500,
  money: 100_000_000_000,
};

/** Counts are whole numbers; every other unit may have decimals. */
export function unitIsWhole(unit: Unit): boolean {
  return unit === 'count';
}

/** Numerators and denominators are counts of children, cases or staff. */
export const RATIO_PART_LIMIT = 10_000_000;

/**
 * Characters refused in any text a person types or a file carries: C0 controls other than tab,
 * line feed and carriage return, DEL, and the C1 controls. PostgreSQL's jsonb cannot hold
 * U+0000 at all, and the rest are never meaningful in a return.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters.
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function firstControlCharacter(text: string): { index: number; codePoint: string } | null {
  const match = CONTROL_CHARACTERS.exec(text);
  if (!match) return null;
  return { index: match.index, codePoint: `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
}
