import yauzl from 'yauzl';

/**
 * An XLSX file is a zip archive. Before exceljs (JSZip) inflates it in memory we read the zip's
 * central directory with yauzl and refuse anything a spreadsheet return never needs:
 * - more than MAX_ENTRIES entries;
 * - encrypted entries (a password-protected workbook is not a zip at all; see `sniffFormat`);
 * - a declared total uncompressed size over MAX_TOTAL_UNCOMPRESSED_BYTES;
 * - an entry over MIN_RATIO_CHECK_BYTES whose compression ratio is over MAX_COMPRESSION_RATIO
 *   (a zip bomb: a few kilobytes that inflate to gigabytes).
 * The directory can lie, so every entry is then inflated once and discarded, with yauzl checking
 * that no entry inflates to more than it declared (zip64 sizes included), and a running total
 * capped at the same limit. While inflating, the parts are also read for what a return never
 * holds: a macro project (an .xlsm renamed .xlsx), a DOCTYPE or entity declaration in the XML
 * (external entities, "billion laughs"), and more cells in a worksheet than a return can have
 * (counted as the XML streams past, so a sheet of millions of cells is refused without ever
 * being parsed), or merged areas larger than MAX_MERGED_CELLS (exceljs makes an object for every
 * cell of a merged area as it loads, so `<mergeCell ref="E1:XFD1048576"/>`, a few bytes, would
 * take gigabytes and minutes). Only a file that passes goes to exceljs.
 */

import { MAX_RETURN_CELLS, MAX_UPLOAD_BYTES } from '@kpi/shared';

export { MAX_UPLOAD_BYTES };
export const MAX_ENTRIES = 2_000;
export const MAX_TOTAL_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
export const MAX_COMPRESSION_RATIO = 100;
/** Small entries compress very well (an empty sheet's XML) and are harmless however high their ratio. */
export const MIN_RATIO_CHECK_BYTES = 1024 * 1024;
/** Cells covered by merged areas, over every sheet: a title merged across a row is tens. */
export const MAX_MERGED_CELLS = 10_000;

const FIX = 'Save the workbook again from Excel as an Excel Workbook (.xlsx), or upload the return as CSV.';

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-GB')} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

export interface ZipRefusal {
  /** `file_unreadable`: not a usable zip; `file_unsafe`: refused by a limit. */
  code: 'file_unreadable' | 'file_unsafe';
  message: string;
}

/** Null when the archive is safe to open; otherwise why not, in plain English. */
export async function checkZipSafety(bytes: Buffer): Promise<ZipRefusal | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true });
  } catch {
    return {
      code: 'file_unreadable',
      message: `The file is not a valid Excel workbook: its zip structure cannot be read. ${FIX}`,
    };
  }
  try {
    const refusal = await inspect(zip);
    return refusal === null ? null : { code: 'file_unsafe', message: refusal };
  } catch {
    return {
      code: 'file_unreadable',
      message: `The workbook's zip structure is damaged or its sizes do not add up, so it was not opened. ${FIX}`,
    };
  } finally {
    zip.close();
  }
}

export const MACRO_MESSAGE =
  'This is a macro-enabled workbook (.xlsm). Save it as an Excel Workbook (.xlsx) and upload that.';
const DOCTYPE_MESSAGE =
  'The workbook contains a document type declaration (DOCTYPE or ENTITY) in its XML, which Excel never writes and which can be used to read files from the server, so it was not opened. Open it in Excel and save it again as an Excel Workbook (.xlsx).';

const MACRO_PART = /(^|\/)vbaProject\.bin$|(^|\/)vbaData\.xml$/i;
const MACRO_CONTENT_TYPE = /macroEnabled|vbaProject/i;
const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;
/** A cell element, `<c r="A1" …>` or namespaced `<x:c …>`. */
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g;
const DOCTYPE = /<!\s*(DOCTYPE|ENTITY)/i;
/** A merged area, `<mergeCell ref="A1:C2"/>` (or namespaced); its reference is one cell or a range. */
const MERGE_TAG =
  /<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?ref\s*=\s*["']([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?["']/g;
/** Long enough to hold any tag we look for when it straddles two chunks. */
const CARRY = 128;

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters.toUpperCase()) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

/** Cells covered by the merged areas whose tags are whole in `text`. */
function mergedCellsIn(text: string): number {
  let cells = 0;
  for (const [, c1, r1, c2, r2] of text.matchAll(MERGE_TAG)) {
    const width = Math.abs(columnNumber(c2 ?? c1!) - columnNumber(c1!)) + 1;
    const height = Math.abs(Number(r2 ?? r1) - Number(r1)) + 1;
    cells += width * height;
  }
  return cells;
}

async function inspect(zip: yauzl.ZipFile): Promise<string | null> {
  if (zip.entryCount > MAX_ENTRIES) {
    return `The workbook has ${zip.entryCount.toLocaleString('en-GB')} parts inside it; a return never needs more than ${MAX_ENTRIES.toLocaleString('en-GB')}, so the file was not opened. ${FIX}`;
  }
  const entries: yauzl.Entry[] = [];
  let declaredTotal = 0;
  for await (const entry of zip.eachEntry()) {
    if (entry.isEncrypted()) {
      return `The workbook contains encrypted parts (${entry.fileName}), so it was not opened. Remove the password and ${FIX.charAt(0).toLowerCase()}${FIX.slice(1)}`;
    }
    declaredTotal += entry.uncompressedSize;
    if (declaredTotal > MAX_TOTAL_UNCOMPRESSED_BYTES) {
      return `The workbook would expand to more than ${megabytes(MAX_TOTAL_UNCOMPRESSED_BYTES)} when opened, far more than a monthly return needs, so it was not opened (a possible "zip bomb"). ${FIX}`;
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > MIN_RATIO_CHECK_BYTES && ratio > MAX_COMPRESSION_RATIO) {
      return `Part ${entry.fileName} of the workbook is compressed ${Math.round(ratio).toLocaleString('en-GB')} to 1 (it would expand from ${megabytes(entry.compressedSize)} to ${megabytes(entry.uncompressedSize)}), which spreadsheets never are, so the file was not opened (a possible "zip bomb"). ${FIX}`;
    }
    if (MACRO_PART.test(entry.fileName)) return MACRO_MESSAGE;
    entries.push(entry);
  }
  let inflatedTotal = 0;
  const counted = { cells: 0, merged: 0 };
  for (const entry of entries) {
    if (!entry.canDecodeFileData()) {
      return `Part ${entry.fileName} of the workbook uses a compression method Excel does not use, so the file was not opened. ${FIX}`;
    }
    const isXml = /\.(xml|rels|vml)$/i.test(entry.fileName);
    const isSheet = WORKSHEET_PART.test(entry.fileName);
    const isContentTypes = entry.fileName === '[Content_Types].xml';
    let carry = '';
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) {
      inflatedTotal += (chunk as Buffer).length;
      if (inflatedTotal > MAX_TOTAL_UNCOMPRESSED_BYTES) {
        stream.destroy();
        return `The workbook would expand to more than ${megabytes(MAX_TOTAL_UNCOMPRESSED_BYTES)} when opened, so it was not opened (a possible "zip bomb"). ${FIX}`;
      }
      if (!isXml) continue;
      // latin1 keeps one character per byte, so the carried tail is always whole.
      const text = carry + (chunk as Buffer).toString('latin1');
      const refusal = scanXml(text, { isSheet, isContentTypes }, counted);
      if (refusal) {
        stream.destroy();
        return refusal;
      }
      carry = text.slice(-CARRY);
      // Cells already counted in the carried tail must not be counted again with the next chunk.
      if (isSheet) {
        counted.cells -= (carry.match(CELL_TAG) ?? []).length;
        counted.merged -= mergedCellsIn(carry);
      }
    }
  }
  return null;
}

function scanXml(
  text: string,
  part: { isSheet: boolean; isContentTypes: boolean },
  total: { cells: number; merged: number },
) {
  if (DOCTYPE.test(text)) return DOCTYPE_MESSAGE;
  if (part.isContentTypes && MACRO_CONTENT_TYPE.test(text)) return MACRO_MESSAGE;
  if (part.isSheet) {
    total.cells += (text.match(CELL_TAG) ?? []).length;
    if (total.cells > MAX_RETURN_CELLS) {
      return `The workbook has more than ${MAX_RETURN_CELLS.toLocaleString('en-GB')} cells, far more than a monthly return can hold, so it was not read further. Check that you chose the right file, or delete the sheets and rows that are not the return.`;
    }
    total.merged += mergedCellsIn(text);
    if (total.merged > MAX_MERGED_CELLS) {
      return `The workbook merges more than ${MAX_MERGED_CELLS.toLocaleString('en-GB')} cells together, far more than a return, schedule or list ever needs, so it was not opened. Unmerge the cells (Home › Merge & Center › Unmerge Cells) and save it again, or upload the CSV version.`;
    }
  }
  return null;
}
