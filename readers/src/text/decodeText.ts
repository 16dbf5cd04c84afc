import { decodeWindows1252 } from './windows1252';

/**
 * The one decoder of text files people upload or we import: officers' monthly returns, DfE tidy
 * CSVs, ONS population files and statistical-neighbour lists. Pure; one rule for all of them:
 *
 * - a UTF-16 byte-order mark (FF FE or FE FF) is UTF-16, little- or big-endian, and is decoded;
 * - UTF-16 with no byte-order mark (every other byte of the start is zero) is refused, saying so:
 *   which half is which is a guess, and a wrong guess reads as garbage;
 * - any other NUL byte in the first 8 KB means the file is not text (NULs further in are left to the
 *   caller's cell checks, which can name the cell);
 * - bytes that are wholly well-formed UTF-8 (a UTF-8 byte-order mark or none) are UTF-8;
 * - UTF-8 with stray bytes (a UTF-8 byte-order mark, or more of its non-ASCII bytes forming UTF-8
 *   characters than standing alone) is refused, saying how many stray bytes and on which rows: read
 *   either way some characters would come out wrong;
 * - anything else is Windows-1252 (what Excel on Windows writes for "CSV (Comma delimited)").
 *   (A Windows-1252 file that is also valid UTF-8 needs a pair such as `Ã©`, which nobody writes.)
 */

export type TextEncodingName = 'utf-8' | 'utf-8 with BOM' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export type TextRefusal =
  | { code: 'utf16_without_bom'; message: string }
  | { code: 'utf16_malformed'; message: string }
  | { code: 'not_text'; message: string }
  | { code: 'stray_bytes'; message: string; count: number; firstByte: number; rows: number[] };

export type DecodedText = { text: string; encoding: TextEncodingName; refusal?: undefined } | { refusal: TextRefusal };

/** How far in a file NULs are looked for, to tell text from a binary file. */
export const SNIFF_BYTES = 8192;

const SAVE_AS_UTF8 = 'save it again as "CSV UTF-8 (Comma delimited) (*.csv)" (Excel: File > Save As)';

export function decodeTextBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  if (utf16WithoutBom(bytes)) {
    return {
      refusal: {
        code: 'utf16_without_bom',
        message: `The file looks like UTF-16 text (every other byte is zero) but does not start with the mark that says which kind, so it cannot be read safely. Open it and ${SAVE_AS_UTF8}.`,
      },
    };
  }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    return {
      refusal: {
        code: 'not_text',
        message: 'The file is not text (it contains binary data), so it is not a CSV file.',
      },
    };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const scan = scanUtf8(bytes);
  if (scan.firstInvalid < 0) {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: hasBom ? 'utf-8 with BOM' : 'utf-8' };
  }
  if (hasBom || scan.characters > scan.strays) return { refusal: strayBytes(bytes, scan) };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  try {
    // the byte-order mark is dropped (ignoreBOM: false)
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch {
    return {
      refusal: {
        code: 'utf16_malformed',
        message: `The file starts with the mark of UTF-16 text but is not valid UTF-16 (it is cut short, or holds half of a character). Open it and ${SAVE_AS_UTF8}.`,
      },
    };
  }
}

/**
 * UTF-16 with no byte-order mark: in the first 8 KB at least a third of the two-byte units have a
 * zero in one half (ASCII letters, digits and commas do), and the other half almost never is.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  if (units < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let u = 0; u < units; u++) {
    if (bytes[2 * u] === 0) evenZeros++;
    if (bytes[2 * u + 1] === 0) oddZeros++;
  }
  if (oddZeros * 3 >= units && evenZeros * 10 <= oddZeros) return 'utf-16le';
  if (evenZeros * 3 >= units && oddZeros * 10 <= evenZeros) return 'utf-16be';
  return null;
}

export interface Utf8Scan {
  /** The offset of the first byte that is not part of well-formed UTF-8, or -1. */
  firstInvalid: number;
  /** Bytes that are not part of a well-formed UTF-8 character. */
  strays: number;
  /** Well-formed multi-byte characters. */
  characters: number;
  /** The offsets of the first few stray bytes. */
  strayOffsets: number[];
}

const STRAY_OFFSETS_KEPT = 20;

/** The length of the UTF-8 sequence a lead byte starts (1 for ASCII), or 0 when it starts none. */
function sequenceLength(b: number): number {
  return b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
}

/** Whether the bytes at i form one well-formed UTF-8 character of the given length. */
function wellFormedAt(bytes: Uint8Array, i: number, length: number): boolean {
  if (length === 0 || i + length > bytes.length) return false;
  for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
  const b = bytes[i]!;
  const second = bytes[i + 1] ?? 0;
  // overlong three- and four-byte forms, surrogates and code points past U+10FFFF
  if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return false;
  if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return false;
  return true;
}

/** One pass over the bytes: where UTF-8 first breaks, how many bytes stand alone, how many characters are whole. */
export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const scan: Utf8Scan = { firstInvalid: -1, strays: 0, characters: 0, strayOffsets: [] };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(b);
    if (wellFormedAt(bytes, i, length)) {
      scan.characters++;
      i += length;
      continue;
    }
    if (scan.firstInvalid < 0) scan.firstInvalid = i;
    if (scan.strayOffsets.length < STRAY_OFFSETS_KEPT) scan.strayOffsets.push(i);
    scan.strays++;
    i++;
  }
  return scan;
}

/** The offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  return scanUtf8(bytes).firstInvalid;
}

/** The 1-based line of each offset (ascending), counting LF, CRLF and a lone CR each as one line break. */
export function linesOf(bytes: Uint8Array, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let i = 0;
  for (const offset of offsets) {
    for (; i < offset && i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) line++;
    }
    lines.push(line);
  }
  return lines;
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

function strayBytes(bytes: Uint8Array, scan: Utf8Scan): TextRefusal {
  const rows = [...new Set(linesOf(bytes, scan.strayOffsets))];
  const firstByte = bytes[scan.firstInvalid]!;
  const more = scan.strays > scan.strayOffsets.length;
  const where =
    rows.length === 1 && !more
      ? `on row ${rows[0]}`
      : `on rows ${listInWords(rows.map(String))}${more ? ' and further on' : ''}`;
  const what =
    scan.strays === 1
      ? `one byte (${hex(firstByte)}) ${where}, which is not`
      : `${scan.strays.toLocaleString('en-GB')} bytes (the first ${hex(firstByte)}) ${where}, which are not`;
  return {
    code: 'stray_bytes',
    count: scan.strays,
    firstByte,
    rows,
    message: `The file is UTF-8 text except for ${what}: read either way, some of its characters would come out wrong. Retype the characters near there (often a curly apostrophe or a pound sign pasted from another program), or ${SAVE_AS_UTF8}.`,
  };
}

function listInWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
