import { problemHeading } from '../../components/ProblemMessage';
import type { FieldError } from '../../lib/apiClient';
import { type ApiError, isApiError } from '../../lib/apiClient';

/** What went wrong with a request, as the page shows it. */
export type RequestFailure = {
  /** Shown in the error summary (and above the field it belongs to, if any). */
  text: string;
  /** A fault the person cannot fix: the service's own words instead. */
  serviceError?: ApiError;
  /** The server's problems with the file or the mapping, each with where it is. */
  problems: FieldError[];
};

/** `file.row.12.ICPC` → `Row 12, column ICPC`; `body.mappings.0.numerator` → the mapping's words. */
export function problemWhere(path: string, measureOf: (index: number) => string | undefined = () => undefined): string {
  const row = /^file\.row\.(\d+)(?:\.(.+))?$/.exec(path);
  if (row) return row[2] ? `Row ${row[1]}, column ${row[2]}` : `Row ${row[1]}`;
  const column = /^file\.column\.(\d+)$/.exec(path);
  if (column) return `Column ${column[1]}`;
  if (path === 'file.columns') return 'The column headings (row 1)';
  if (path === 'file') return 'The whole file';
  const mapping = /^body\.mappings\.(\d+)(?:\.(.+))?$/.exec(path);
  if (mapping) {
    const measure = measureOf(Number(mapping[1]));
    return `${measure ?? `Mapping ${Number(mapping[1]) + 1}`}${mapping[2] ? ` (${mapping[2]})` : ''}`;
  }
  if (path.startsWith('querystring.')) return path.slice('querystring.'.length);
  if (path.startsWith('body.')) return path.slice('body.'.length);
  return path;
}

export function failureOf(error: unknown, forbidden: string): RequestFailure {
  if (!isApiError(error)) return { text: 'Sorry, the request could not be completed. Try again.', problems: [] };
  if (error.isServiceProblem) return { text: problemHeading(error), serviceError: error, problems: [] };
  if (error.status === 401) return { text: 'Your session has ended. Sign in again, then try again', problems: [] };
  if (error.status === 403) return { text: error.detail ?? forbidden, problems: [] };
  return { text: error.detail ?? error.title, problems: error.fieldErrors };
}
