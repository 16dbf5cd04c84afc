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
 * Which parts of a KPI's ratio are counts, so whole numbers (12.5 children is a typo or a figure in
 * the wrong column): both for a rate per 10,000 children; the denominator of days or money per
 * child. A percentage is of whole cases unless its denominator has a fraction: then it is of
 * full-time-equivalent posts (a vacancy rate is 31.2 vacant of 222.5 FTE), and both parts may have
 * one. An average's denominator may be full-time-equivalent staff (a caseload is cases ÷ 23.8
 * social workers), and money and days summed may have fractions.
 */
export function wholeRatioParts(unit: Unit, denominator: number): { numerator: boolean; denominator: boolean } {
  switch (unit) {
    case 'percent':
      return { numerator: Number.isInteger(denominator), denominator: false };
    case 'rate_per_10k':
      return { numerator: true, denominator: true };
    case 'days':
    case 'money':
      return { numerator: false, denominator: true };
    case 'average':
    case 'count':
      return { numerator: false, denominator: false };
  }
}

/**
 * Characters refused in any text a person types or a file carries: C0 controls other than tab,
 * line feed and carriage return, DEL, and the C1 controls. PostgreSQL's jsonb cannot hold
 * U+0000 at all, and the rest are never meaningful in a return.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters.
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Line breaks (CR, LF, NEL, the Unicode line and paragraph separators) and tabs: fine in a definition, not in a name. */
const LINE_BREAK_OR_TAB = /[\t\n\v\f\r\u0085\u2028\u2029]/;
export const SINGLE_LINE_MESSAGE = 'Keep this on one line: take out the line break or tab';

/**
 * Why text meant for one line (a title, a name, a band's words, a committee) is refused, or null:
 * a line break or tab first, then any character no field accepts (see `firstRefusedCharacter`).
 */
export function singleLineProblem(text: string): string | null {
  if (LINE_BREAK_OR_TAB.test(text)) return SINGLE_LINE_MESSAGE;
  const found = firstRefusedCharacter(text);
  return found ? `Take out ${refusedCharacterWords(found)}` : null;
}

export function firstControlCharacter(text: string): { index: number; codePoint: string } | null {
  const match = CONTROL_CHARACTERS.exec(text);
  if (!match) return null;
  return { index: match.index, codePoint: `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
}

/**
 * Half of a surrogate pair with no other half: what is left when text is cut inside an emoji, or
 * what a JSON `"\ud800"` escape makes. It is not text: PostgreSQL's jsonb refuses it (a 500) and a
 * text column silently turns it into U+FFFD, so no field accepts it.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function firstLoneSurrogate(text: string): { index: number; codePoint: string } | null {
  const match = LONE_SURROGATE.exec(text);
  if (!match) return null;
  return { index: match.index, codePoint: codePointName(match[0].charCodeAt(0)) };
}

/**
 * Characters that change how the text around them is shown, or are not shown at all, so text can
 * read one way and say another ("Trojan source"): the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), the direction marks (U+200E, U+200F, U+061C), zero-width
 * space, word joiner and the invisible operators (U+200B, U+2060–U+2064), the deprecated format
 * characters (U+206A–U+206F), a byte-order mark inside text (U+FEFF), the interlinear annotation
 * marks (U+FFF9–U+FFFB), the Mongolian vowel separator (U+180E) and tag characters (U+E0000–U+E007F)
 * outside a flag emoji such as England's. Zero-width joiner and non-joiner (U+200D, U+200C) stay:
 * emoji and some scripts need them, and they hide nothing.
 */
const HIDDEN_CHARACTERS =
  /[\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]/u;
/** A subdivision flag (🏴 + tag letters + cancel tag): tags that are shown as a flag, hiding nothing. */
const FLAG_SEQUENCES = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;

const HIDDEN_NAMES: Record<number, string> = {
  1564: 'ARABIC LETTER MARK',
  8203: 'ZERO WIDTH SPACE',
  8206: 'LEFT-TO-RIGHT MARK',
  8207: 'RIGHT-TO-LEFT MARK',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8288: 'WORD JOINER',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
  65279: 'ZERO WIDTH NO-BREAK SPACE',
};

export function firstHiddenCharacter(text: string): { index: number; codePoint: string; name: string | null } | null {
  if (!HIDDEN_CHARACTERS.test(text)) return null;
  // flags kept in place, same length, so the index is the index in the text
  const unflagged = text.replace(FLAG_SEQUENCES, (flag) => 'x'.repeat(flag.length));
  const match = HIDDEN_CHARACTERS.exec(unflagged);
  if (!match) return null;
  const code = match[0].codePointAt(0)!;
  return { index: match.index, codePoint: codePointName(code), name: HIDDEN_NAMES[code] ?? null };
}

export type RefusedCharacterKind = 'control' | 'lone_surrogate' | 'hidden';

/**
 * The first character no field accepts, and why: a control character, a lone surrogate, or (unless
 * `hidden: false`, for secrets never shown, such as passwords) a character that hides or reorders text.
 */
export function firstRefusedCharacter(
  text: string,
  options: { hidden: boolean } = { hidden: true },
): { index: number; codePoint: string; kind: RefusedCharacterKind; name?: string | null } | null {
  const found = [
    { ...firstControlCharacter(text), kind: 'control' as const },
    { ...firstLoneSurrogate(text), kind: 'lone_surrogate' as const },
    ...(options.hidden ? [{ ...firstHiddenCharacter(text), kind: 'hidden' as const }] : []),
  ].filter((f): f is typeof f & { index: number; codePoint: string } => f.index !== undefined);
  if (found.length === 0) return null;
  return found.reduce((first, f) => (f.index < first.index ? f : first));
}

/** The words for a character refused in a field or a cell: what it is and why it is not accepted. */
export function refusedCharacterWords(found: { codePoint: string; kind: RefusedCharacterKind; name?: string | null }) {
  const named = found.name ? `${found.codePoint} ${found.name}` : found.codePoint;
  switch (found.kind) {
    case 'control':
      return `an invisible control character (${found.codePoint})`;
    case 'lone_surrogate':
      return `a broken character (${found.codePoint}, half of an emoji or other symbol)`;
    case 'hidden':
      return `a hidden formatting character (${named}), which can make text read differently from what it says`;
  }
}

/** The text with every lone surrogate replaced by U+FFFD, so it can be stored anywhere (jsonb included). */
export function wellFormedText(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text;
}

/**
 * At most `maxCodePoints` whole characters (code points) of the text: never cut inside a surrogate
 * pair, so what is kept is still text that PostgreSQL accepts. Use this wherever text is cut for storage.
 */
export function truncateText(text: string, maxCodePoints: number): string {
  if (text.length <= maxCodePoints) return text;
  let end = 0;
  for (let kept = 0; kept < maxCodePoints && end < text.length; kept++) {
    const code = text.codePointAt(end)!;
    end += code > 0xffff ? 2 : 1;
  }
  return text.slice(0, end);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` date that exists on the calendar (no 30 February, no month 13, no year 0). */
export function isRealDate(date: string): boolean {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real `YYYY-MM-DD` date inside the supported years (the same years as `isSupportedMonth`). */
export function isSupportedDate(date: string, now: Date = new Date()): boolean {
  return isRealDate(date) && isSupportedMonth(date.slice(0, 7), now);
}

export function supportedDatesInWords(now: Date = new Date()): string {
  return `Use a date from 1 January ${FIRST_SUPPORTED_YEAR} to 31 December ${lastSupportedYear(now)}`;
}
