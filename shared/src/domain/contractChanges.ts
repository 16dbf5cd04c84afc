import { formatMonth } from './format';
import { addMonths } from './periods';

/**
 * The rules a change to the contract's configuration obeys, whoever proposes it (a form, the
 * schedule upload) and whenever it is checked (proposed, approved). Months are `2024-04`; `locked`
 * is the last month a published meeting has covered (null when none has been published). Months
 * reported to a published meeting are never re-rated: nothing changes their set or their bands.
 */

/** A KPI set's months: `to` is its last month, null while it is open-ended. */
export interface SetSpan {
  code: string;
  name: string;
  from: string;
  to: string | null;
}

/** An open-ended set that approving another set ends, the month before that set starts. */
export interface SetEnding {
  code: string;
  name: string;
  lastMonth: string;
}

export type SetPlacement =
  | { ok: true; ends: SetEnding[] }
  | { ok: false; code: 'kpi_sets_overlap' | 'months_published'; message: string };

function span(set: SetSpan): string {
  return set.to ? `${formatMonth(set.from)} to ${formatMonth(set.to)}` : `from ${formatMonth(set.from)}, open-ended`;
}

/**
 * Where a proposed set (new, or a change to one held) fits among the sets held: only one set rates
 * a month. A set that starts while an earlier open-ended set runs ends that set the month before
 * (the contract moving on to its next schedule). Starting on or before an open-ended set's first
 * month, or overlapping a set that already has its last month, is refused, as is ending a set
 * before the months a published meeting has covered with it.
 */
export function placeKpiSet(held: readonly SetSpan[], proposed: SetSpan, locked: string | null): SetPlacement {
  const ends: SetEnding[] = [];
  for (const set of held) {
    if (set.code === proposed.code) continue;
    const apart = (proposed.to !== null && proposed.to < set.from) || (set.to !== null && set.to < proposed.from);
    if (apart) continue;
    const who = `${set.name} (${set.code}, ${span(set)})`;
    if (set.to === null && set.from < proposed.from) {
      const lastMonth = addMonths(proposed.from, -1);
      if (locked && lastMonth < locked) {
        return {
          ok: false,
          code: 'months_published',
          message: `A published meeting has covered the months up to ${formatMonth(locked)} with ${set.name} (${set.code}), so ${proposed.code} cannot start in ${formatMonth(proposed.from)} (that would end ${set.code} in ${formatMonth(lastMonth)}). Start ${proposed.code} from ${formatMonth(addMonths(locked, 1))} at the earliest.`,
        };
      }
      ends.push({ code: set.code, name: set.name, lastMonth });
      continue;
    }
    const endBefore = set.from > proposed.from ? ` or end it by ${formatMonth(addMonths(set.from, -1))}` : '';
    if (set.to === null) {
      return {
        ok: false,
        code: 'kpi_sets_overlap',
        message: `${proposed.code} (${span(proposed)}) would start on or before the first month of ${who}: only one KPI set rates a month. Start ${proposed.code} after ${formatMonth(set.from)}${endBefore}.`,
      };
    }
    return {
      ok: false,
      code: 'kpi_sets_overlap',
      message: `${proposed.code} (${span(proposed)}) would overlap ${who}, which already has its last month: only one KPI set rates a month. Start ${proposed.code} after ${formatMonth(set.to)}${endBefore}.`,
    };
  }
  return { ok: true, ends };
}

/** What approving the set also does to the sets held, in words: "Contract 2024 will end in March 2026." */
export function setEndingsInWords(ends: readonly SetEnding[]): string {
  return ends.map((e) => `${e.name} (${e.code}) will end in ${formatMonth(e.lastMonth)}.`).join(' ');
}

/** The first month whose bands may be set or corrected: every month after the last one published. */
export function firstChangeableMonth(locked: string | null): string | null {
  return locked ? addMonths(locked, 1) : null;
}

/**
 * Why bands from `from` cannot be set, or null when they can. Bands from a month no published
 * meeting has covered may be added or may replace (correct) bands from that month on; the months
 * a published meeting has covered keep the bands they were reported with.
 */
export function bandChangeRefusal(indicatorCode: string, from: string, locked: string | null): string | null {
  if (!locked || from > locked) return null;
  return `A published meeting has covered the months up to ${formatMonth(locked)}, so their bands stay as reported. Bands for ${indicatorCode} can be changed from ${formatMonth(addMonths(locked, 1))} (${addMonths(locked, 1)}) at the earliest.`;
}
