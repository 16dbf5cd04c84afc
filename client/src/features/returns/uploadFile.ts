/**
 * What the upload form accepts, checked in the browser before anything is sent so the person is
 * told at once. The server checks the same things again (and much more).
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

import { MAX_UPLOAD_BYTES } from '@kpi/shared';

export { MAX_UPLOAD_BYTES };
export const MAX_UPLOAD_WORDS = '5 MB';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: XLSX_CONTENT_TYPE,
};

/** For the file input's `accept`: the extensions first, so every browser offers them. */
export const ACCEPTED_FILES = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The Content-Type to send, from the file's extension. Browsers disagree about a CSV's own type
 * (Windows says application/vnd.ms-excel, some say nothing), so it is not trusted.
 */
export function contentTypeFor(fileName: string): string | null {
  return CONTENT_TYPES[extensionOf(fileName)] ?? null;
}

/** GOV.UK file-upload error messages for a file that cannot be a return; null when it may be one. */
export function fileProblem(file: File | null | undefined): string | null {
  if (!file) return 'Select the monthly return file';
  if (extensionOf(file.name) === 'xls') {
    return 'The selected file is an old Excel (.xls) workbook. Save it as an Excel Workbook (.xlsx) or as CSV, then upload it';
  }
  if (!contentTypeFor(file.name)) return 'The selected file must be a CSV or an Excel (.xlsx) file';
  if (file.size === 0) return 'The selected file is empty';
  if (file.size > MAX_UPLOAD_BYTES) return `The selected file must be smaller than ${MAX_UPLOAD_WORDS}`;
  return null;
}
