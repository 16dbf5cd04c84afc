import { isValidMonth } from './periods';

/**
 * Months as people write them, read the same way everywhere a month is typed or read from a file:
 * a monthly return's headings and cells, a band's or KPI set's first month, a meeting's months.
 */

/** The accepted forms, in words, for hints and messages. */
export const MONTH_FORMS = '2021-03, Mar-21, March 2021 or Mar 2021';
export const MONTH_HELP = `Write months as ${MONTH_FORMS}.`;

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

function monthOf(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * A month written as text: `2021-03`, `Mar-21`, `March 2021` or `Mar 2021` (any letter case;
 * `Sept` is accepted for September). Returns null for anything else — including day-first dates
 * such as 01/03/2021, which we never guess at.
 */
export function readTextMonth(raw: string): string | null {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (isValidMonth(text)) return text;
  const short = /^([A-Za-z]{3,4})-(\d{2})$/.exec(text);
  if (short) {
    const month = MONTHS[short[1]!.toLowerCase()];
    if (month && short[1]!.length <= 4) return monthOf(2000 + Number(short[2]), month);
    return null;
  }
  const long = /^([A-Za-z]+) (\d{4})$/.exec(text);
  if (long) {
    const month = MONTHS[long[1]!.toLowerCase()];
    if (month) return monthOf(Number(long[2]), month);
  }
  return null;
}
