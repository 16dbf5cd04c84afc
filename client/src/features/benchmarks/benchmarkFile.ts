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

/** DfE publishes statistical-neighbour lists as workbooks too; those may be uploaded as they are. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ACCEPTED_SN_FILES = `.csv,.xlsx,text/csv,${XLSX_CONTENT_TYPE}`;

/** The Content-Type to send for a statistical-neighbour file, from its extension. */
export function snListContentType(fileName: string): string {
  return fileName.toLowerCase().endsWith('.xlsx') ? XLSX_CONTENT_TYPE : CSV_CONTENT_TYPE;
}

/** GOV.UK file-upload messages for a file that cannot be a statistical-neighbour list (CSV or .xlsx). */
export function snListFileProblem(file: File | null | undefined): string | null {
  if (!file) return 'Select the statistical-neighbour file';
  const name = file.name.toLowerCase();
  if (name.endsWith('.xls')) {
    return 'The selected file is an old Excel (.xls) workbook. Save it as an Excel Workbook (.xlsx) or as CSV, then upload it';
  }
  if (!name.endsWith('.csv') && !name.endsWith('.xlsx'))
    return 'The selected file must be a CSV or an Excel (.xlsx) file';
  if (file.size === 0) return 'The selected file is empty';
  if (file.size > MAX_BENCHMARK_FILE_BYTES) return `The selected file must be smaller than ${MAX_BENCHMARK_WORDS}`;
  return null;
}
