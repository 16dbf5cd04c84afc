import { TidyCsvError, type TidyProblem, type TidyProblemCode } from '@kpi/readers';
import { BenchmarkPlanError, type BenchmarkProblem } from '../comparators/problems';
import { AppError } from '../errors';

/**
 * An error thrown by a job in a worker thread, as plain data, and back: the errors that say what
 * is wrong with a file (and the app's own HTTP errors) arrive as the same classes with the same
 * messages, so the routes answer exactly as when the file was read on the event loop. Anything
 * else is a bug; it keeps only its class name (messages may quote the file, and are never logged).
 */
export type ErrorDescription =
  | { kind: 'tidy'; code: TidyProblemCode; message: string; problems: TidyProblem[] }
  | { kind: 'plan'; message: string; problems: BenchmarkProblem[] }
  | {
      kind: 'app';
      status: number;
      title: string;
      message: string;
      fieldErrors: AppError['fieldErrors'];
      code: string | undefined;
    }
  | { kind: 'other'; name: string };

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof TidyCsvError) {
    return { kind: 'tidy', code: error.code, message: error.message, problems: error.problems };
  }
  if (error instanceof BenchmarkPlanError) return { kind: 'plan', message: error.message, problems: error.problems };
  if (error instanceof AppError) {
    const { status, title, message, fieldErrors, code } = error;
    return { kind: 'app', status, title, message, fieldErrors, code };
  }
  return { kind: 'other', name: error instanceof Error ? error.name : 'Error' };
}

export function rebuildError(d: ErrorDescription): Error {
  switch (d.kind) {
    case 'tidy':
      return new TidyCsvError(d.code, d.message, d.problems);
    case 'plan':
      return new BenchmarkPlanError(d.message, d.problems);
    case 'app':
      return new AppError(d.status, d.title, d.message, d.fieldErrors, d.code);
    default:
      return new Error(`reading the file failed in its worker (${d.name})`);
  }
}
