import type { ObservationStatus, ReturnProblem, UploadOutcome } from '@kpi/shared';

/** What happened to an upload, in words for the list and the record. */
export const OUTCOME_WORDS: Record<UploadOutcome, string> = {
  validated: 'Checked, not loaded',
  rejected: 'Problems to correct',
  committed: 'Loaded',
  no_change: 'Loaded, nothing changed',
  abandoned: 'Abandoned',
};

export const OBSERVATION_STATUS_WORDS: Record<ObservationStatus, string> = {
  provisional: 'Provisional',
  final: 'Final',
  revised: 'Revised',
};

// One rule for counts and their nouns, shared with the server's messages.
export { plural } from '@kpi/shared';

/** The first 12 hex digits of a SHA-256: enough to tell files apart when reading. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Where a problem is, as the person will look for it in their spreadsheet: `Cell C4` (Excel),
 * `Row 4, column 2021-03` (CSV), `Row 1` (the header), `The whole file`.
 */
export function problemLocation(problem: ReturnProblem): string {
  if (problem.cell) return `Cell ${problem.cell}`;
  if (problem.row !== null && problem.column !== null) {
    const column = problem.column.startsWith('column ') ? problem.column : `column ${problem.column}`;
    return `Row ${problem.row}, ${column}`;
  }
  if (problem.row !== null) return `Row ${problem.row}`;
  if (problem.location) return capitalise(problem.location);
  return 'The whole file';
}

/** A preview row's place in the file, `row 2, column "2021-02"` → `Row 2, column 2021-02`. */
export function itemLocation(location: string): string {
  return capitalise(location.replace(/"([^"]*)"/g, '$1'));
}
