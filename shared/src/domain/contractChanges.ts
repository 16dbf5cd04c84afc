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

/** A set as one file (the schedule) states it; `unchanged` when the file holds it exactly as it is held. */
export interface StatedSet extends SetSpan {
  unchanged: boolean;
}

export interface SetConflict {
  code: 'kpi_sets_overlap';
  /** The later-starting set, where the problem is reported, and the set it runs into. */
  set: string;
  other: string;
  message: string;
}

/**
 * Sets stated together (one schedule file) checked against each other by the rule a single set
 * proposal obeys (`placeKpiSet`), so the wording is the same. One more case is refused: a later set
 * in the file that would end an earlier open-ended set the same file adds or changes, because the
 * file would then say two things about that set (and the outcome would depend on which approval
 * came first). An earlier set held unchanged is ended as a single proposal would end it.
 */
export function statedSetConflicts(sets: readonly StatedSet[]): SetConflict[] {
  const ordered = [...sets].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const conflicts: SetConflict[] = [];
  for (let j = 1; j < ordered.length; j++) {
    const later = ordered[j]!;
    for (const earlier of ordered.slice(0, j)) {
      const placed = placeKpiSet([earlier], later, null);
      if (!placed.ok) {
        conflicts.push({ code: 'kpi_sets_overlap', set: later.code, other: earlier.code, message: placed.message });
        break;
      }
      if (placed.ends.length > 0 && !earlier.unchanged) {
        const lastMonth = addMonths(later.from, -1);
        conflicts.push({
          code: 'kpi_sets_overlap',
          set: later.code,
          other: earlier.code,
          message: `${later.code} (${span(later)}) would start while ${earlier.name} (${earlier.code}, ${span(earlier)}), in the same file, runs: only one KPI set rates a month. Give ${earlier.code} a last month (set_to) of ${formatMonth(lastMonth)} (${lastMonth}) or earlier.`,
        });
        break;
      }
    }
  }
  return conflicts;
}

/** A grace period of a set, as dates (both days inclusive). */
export interface GraceSpan {
  indicatorCode: string;
  startsOn: string;
  endsOn: string;
}

/** A grace period that ending its set cuts short: `endsOn` becomes `newEndsOn`, or it goes (null). */
export interface GraceTrim extends GraceSpan {
  newEndsOn: string | null;
}

/**
 * What ending a set on `lastDay` does to its grace periods. A set's grace is granted by that set:
 * a grace period running past the set's end would otherwise lift the consequence of months the next
 * set rates (grace applies by KPI, whatever the set), which the next set never agreed. So it ends
 * with the set, and one that starts after the set's end goes. Only the periods affected are answered.
 */
export function graceEndingWithSet(grace: readonly GraceSpan[], lastDay: string): GraceTrim[] {
  return grace
    .filter((g) => g.endsOn > lastDay)
    .map((g) => ({ ...g, newEndsOn: g.startsOn > lastDay ? null : lastDay }));
}

/** The grace trims in words: "PI4's grace period (April 2026 to June 2026) will end in March 2026." */
export function graceTrimsInWords(setCode: string, trims: readonly GraceTrim[]): string {
  const months = (from: string, to: string) => `${formatMonth(from.slice(0, 7))} to ${formatMonth(to.slice(0, 7))}`;
  return trims
    .map((t) =>
      t.newEndsOn === null
        ? `${t.indicatorCode}'s grace period in ${setCode} (${months(t.startsOn, t.endsOn)}) will be removed: it starts after ${setCode} ends.`
        : `${t.indicatorCode}'s grace period in ${setCode} (${months(t.startsOn, t.endsOn)}) will end in ${formatMonth(t.newEndsOn.slice(0, 7))}, with ${setCode}.`,
    )
    .join(' ');
}

/** A set's ending as a proposal records it and approval would write it (the contract's `SetEndingDto`). */
export interface RecordedSetEnding {
  code: string;
  effectiveTo: string;
  graceTrimmed?: readonly { indicatorCode: string; startsOn: string; endsOn: string; newEndsOn: string | null }[];
}

/**
 * Why a set proposal may no longer be approved as it stands: what approving it would end now (sets,
 * and their grace) differs from what the proposal said it would end when it was made, because
 * another change was approved in between. Null when they agree. The approver approves what they
 * read, so a difference is refused rather than applied.
 */
export function endingsChangedSinceProposed(
  said: readonly RecordedSetEnding[],
  now: readonly RecordedSetEnding[],
): string | null {
  const key = (e: RecordedSetEnding) =>
    JSON.stringify([
      e.code,
      e.effectiveTo,
      [...(e.graceTrimmed ?? [])]
        .map((g) => [g.indicatorCode, g.startsOn, g.endsOn, g.newEndsOn])
        .sort((a, b) => String(a).localeCompare(String(b))),
    ]);
  const saidKeys = said.map(key).sort();
  const nowKeys = now.map(key).sort();
  if (saidKeys.length === nowKeys.length && saidKeys.every((k, i) => k === nowKeys[i])) return null;
  const words = (ends: readonly RecordedSetEnding[]) =>
    ends.length === 0 ? 'no other set' : ends.map((e) => `${e.code} (last day ${e.effectiveTo})`).join(', ');
  return `Since this change was proposed, another change to the KPI sets has been approved: approving it now would end ${words(now)}, not ${words(said)} as proposed. Reject it and propose it again.`;
}
