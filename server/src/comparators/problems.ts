import { TidyCsvError } from '@kpi/readers';
import { BadRequestError } from '../errors';

/** A problem with a file or a mapping: where (`file.row.12.ICPC`, `body.mappings.0.numerator`) and what. */
export interface BenchmarkProblem {
  path: string;
  message: string;
}

/** Problems that stop an import before anything is written; becomes a 400 with every field error. */
export class BenchmarkPlanError extends Error {
  constructor(
    message: string,
    readonly problems: BenchmarkProblem[],
  ) {
    super(message);
    this.name = 'BenchmarkPlanError';
  }
}

/** The most field errors one response lists (the detail gives the total). */
export const MAX_LISTED_PROBLEMS = 50;

/** Collects problems up to a limit, counting the rest. */
export class ProblemList {
  readonly items: BenchmarkProblem[] = [];
  total = 0;
  add(path: string, message: string) {
    this.total++;
    if (this.items.length < MAX_LISTED_PROBLEMS) this.items.push({ path, message });
  }
  get empty() {
    return this.total === 0;
  }
  /** Throws a plan error: the first problem, and how many more there are. */
  throwIfAny(summary: string): void {
    if (this.empty) return;
    const first = this.items[0]!.message;
    const more = this.total > 1 ? ` (and ${this.total - 1} more problem${this.total === 2 ? '' : 's'})` : '';
    throw new BenchmarkPlanError(`${summary}: ${first}${more}.`, this.items);
  }
}

/** A file or plan problem as the HTTP error the routes send; anything else is left alone. */
export function asHttpError(error: unknown): unknown {
  if (error instanceof TidyCsvError) return new BadRequestError(error.message, error.problems);
  if (error instanceof BenchmarkPlanError) return new BadRequestError(error.message, error.problems);
  return error;
}

/** The heading closest to a name a person typed (case, spaces, small typos), for "did you mean". */
export function closestColumn(name: string, columns: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const target = norm(name);
  let best: { column: string; distance: number } | null = null;
  for (const column of columns) {
    const distance = editDistance(target, norm(column));
    if (!best || distance < best.distance) best = { column, distance };
  }
  if (!best) return null;
  return best.distance <= Math.max(1, Math.floor(target.length / 5)) ? best.column : null;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 5) return 99;
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
