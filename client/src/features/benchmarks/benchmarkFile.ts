import { MAX_BENCHMARK_FILE_BYTES } from '@kpi/shared';

/** Benchmark files are CSVs; sent as text/csv whatever the browser thinks (Windows says vnd.ms-excel). */
export const CSV_CONTENT_TYPE = 'text/csv';
export const ACCEPTED_CSV = '.csv,text/csv';
export const MAX_BENCHMARK_WORDS = `${MAX_BENCHMARK_FILE_BYTES / 1024 / 1024} MB`;

/** GOV.UK file-upload messages for a file that cannot be a benchmark CSV; null when it may be one. */
export function csvFileProblem(file: File | null | undefined, what: string): string | null {
  if (!file) return `Select the ${what}`;
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx') || name.endsWith('.xls')) {
    return 'The selected file is an Excel workbook. Download the CSV version of the file from the publisher, or save the sheet as CSV, then upload it';
  }
  if (!name.endsWith('.csv')) return 'The selected file must be a CSV file';
  if (file.size === 0) return 'The selected file is empty';
  if (file.size > MAX_BENCHMARK_FILE_BYTES) return `The selected file must be smaller than ${MAX_BENCHMARK_WORDS}`;
  return null;
}
