import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { SuppressionSymbol } from '@kpi/shared';
import type { ComparatorInsert, ComparatorUpdate, StoredComparator } from './importedFigureRepository';

/**
 * What writing a set of figures changes (pure): which to insert, which to update (a changed
 * figure, or the same figure now named by another release), which are unchanged, and which older
 * duplicates to remove. A figure is the value or symbol (and, for averages, how many neighbours
 * contributed); 1e-9 absorbs the numeric round trip.
 */

export interface Figure {
  value: number | null;
  symbol: SuppressionSymbol | null;
}

export interface Wanted extends ComparatorInsert {
  key: string;
}

export interface FigureChange {
  key: string;
  wanted: Wanted;
  before: Figure;
}

export interface Diff {
  inserts: ComparatorInsert[];
  updates: ComparatorUpdate[];
  deletes: number[];
  /** Keys of figures inserted, changed, unchanged. */
  inserted: string[];
  changed: FigureChange[];
  unchanged: string[];
  /** Existing keys not among the wanted figures (left alone unless `removeMissing`). */
  missing: StoredComparator[];
}

export function sameFigure(a: Figure, b: Figure): boolean {
  if ((a.symbol ?? null) !== (b.symbol ?? null)) return false;
  const x = a.value ?? null;
  const y = b.value ?? null;
  if (x === null || y === null) return x === y;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
}

function sameMetadata(row: StoredComparator, w: ComparatorInsert): boolean {
  return (
    row.unit === w.unit &&
    row.periodStart === w.periodStart &&
    row.periodEnd === w.periodEnd &&
    row.source === w.source &&
    row.sourceRelease === w.sourceRelease &&
    (row.sourceFile ?? null) === (w.sourceFile ?? null) &&
    (row.contributingCount ?? null) === (w.contributingCount ?? null) &&
    sameCount(row.numerator, w.numerator) &&
    sameCount(row.denominator, w.denominator)
  );
}

/** Counts behind a figure: a change (a file now giving them) is written, but the figure is unchanged. */
function sameCount(a: number | null | undefined, b: number | null | undefined): boolean {
  return sameFigure({ value: a ?? null, symbol: null }, { value: b ?? null, symbol: null });
}

type KeyOf = (row: StoredComparator) => string;
interface DiffOptions {
  removeMissing?: boolean;
}

export function diffComparators(
  wanted: readonly Wanted[],
  existing: readonly StoredComparator[],
  keyOf: KeyOf,
  options: DiffOptions = {},
): Diff {
  const steps = diffSteps(wanted, existing, keyOf, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * The same diff, letting other requests in every few thousand rows: a 20 MB DfE file's 270,000
 * figures take half a second or more to compare, too long to hold the event loop.
 */
export async function diffComparatorsYielding(
  wanted: readonly Wanted[],
  existing: readonly StoredComparator[],
  keyOf: KeyOf,
  options: DiffOptions = {},
): Promise<Diff> {
  const steps = diffSteps(wanted, existing, keyOf, options);
  let step = steps.next();
  while (!step.done) {
    await yieldToLoop();
    step = steps.next();
  }
  return step.value;
}

/** Rows compared between yields. */
const SLICE = 10_000;

function* diffSteps(
  wanted: readonly Wanted[],
  existing: readonly StoredComparator[],
  keyOf: KeyOf,
  options: DiffOptions,
): Generator<void, Diff> {
  const current = new Map<string, StoredComparator>();
  const deletes: number[] = [];
  let done = 0;
  // Rows come oldest first: the newest row for a key is kept, older duplicates are superseded.
  for (const row of existing) {
    const key = keyOf(row);
    const older = current.get(key);
    if (older) deletes.push(older.id);
    current.set(key, row);
    if (++done % SLICE === 0) yield;
  }
  const diff: Diff = {
    inserts: [],
    updates: [],
    deletes,
    inserted: [],
    changed: [],
    unchanged: [],
    missing: [],
  };
  const seen = new Set<string>();
  for (const w of wanted) {
    if (++done % SLICE === 0) yield;
    const { key } = w;
    seen.add(key);
    const found = current.get(key);
    if (!found) {
      // The wanted row itself (its `key` is not a column): copying 270,000 rows without it took seconds.
      diff.inserts.push(w);
      diff.inserted.push(key);
      continue;
    }
    const figure = { value: w.value ?? null, symbol: w.symbol ?? null };
    const same = sameFigure(found, figure) && (found.contributingCount ?? null) === (w.contributingCount ?? null);
    if (!same || !sameMetadata(found, w)) {
      diff.updates.push({
        id: found.id,
        unit: w.unit,
        periodStart: w.periodStart,
        periodEnd: w.periodEnd,
        value: figure.value,
        symbol: figure.symbol,
        numerator: w.numerator ?? null,
        denominator: w.denominator ?? null,
        contributingCount: w.contributingCount ?? null,
        source: w.source,
        sourceRelease: w.sourceRelease,
        sourceFile: w.sourceFile ?? null,
      });
    }
    if (same) diff.unchanged.push(key);
    else diff.changed.push({ key, wanted: w, before: { value: found.value, symbol: found.symbol } });
  }
  for (const [key, row] of current) {
    if (++done % SLICE === 0) yield;
    if (seen.has(key)) continue;
    diff.missing.push(row);
    if (options.removeMissing) diff.deletes.push(row.id);
  }
  return diff;
}
