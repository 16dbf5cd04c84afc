import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTextBytes, linesOf, scanUtf8 } from './decodeText';

const utf8 = (text: string) => new TextEncoder().encode(text);
const strictUtf8 = (bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

/** Windows-1252's bytes for the characters it has (the Latin-1 half and the 0x80–0x9F punctuation). */
const WINDOWS_1252 = new Map<string, number>([
  ...Array.from({ length: 0x60 }, (_, i) => [String.fromCharCode(0xa0 + i), 0xa0 + i] as [string, number]),
  ...([
    ['€', 0x80],
    ['‚', 0x82],
    ['„', 0x84],
    ['…', 0x85],
    ['‘', 0x91],
    ['’', 0x92],
    ['“', 0x93],
    ['”', 0x94],
    ['–', 0x96],
    ['—', 0x97],
    ['™', 0x99],
    ['œ', 0x9c],
  ] as [string, number][]),
]);
const windows1252Char = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...'abc XYZ,019\n'.split('')) },
  { weight: 1, arbitrary: fc.constantFrom(...WINDOWS_1252.keys()) },
);
const windows1252Text = fc.array(windows1252Char, { maxLength: 60 }).map((chars) => chars.join(''));
const toWindows1252 = (text: string) => Uint8Array.from([...text], (c) => WINDOWS_1252.get(c) ?? c.charCodeAt(0));
/** Text with no NUL (which no text file holds). */
const anyText = fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => s.replaceAll('\u0000', ''));

describe('scanUtf8, tied to the strict decoder (properties)', () => {
  it('finds a first invalid byte exactly when the strict decoder fails, and everything before it decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const { firstInvalid, strays } = scanUtf8(bytes);
        expect(firstInvalid < 0).toBe(strictUtf8(bytes) !== null);
        expect(strays === 0).toBe(firstInvalid < 0);
        if (firstInvalid >= 0) expect(strictUtf8(bytes.subarray(0, firstInvalid))).not.toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('counts as strays exactly what the lenient decoder replaces with U+FFFD, for text with stray bytes put in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyText, fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 6 }),
        (parts) => {
          // a byte 0x80–0xFF between whole characters, followed by ASCII, can never complete a character
          const bytes = Uint8Array.from(parts.flatMap(([text, stray]) => [...utf8(text), stray, 0x20]));
          expect(scanUtf8(bytes).strays).toBe(parts.length);
          const lenient = new TextDecoder('utf-8').decode(bytes);
          expect(
            [...lenient].filter((c) => c === '\uFFFD').length -
              parts.flatMap(([t]) => [...t.matchAll(/\uFFFD/g)]).length,
          ).toBe(parts.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('decodeTextBytes: one rule for every file (properties)', () => {
  it('reads any text written as UTF-8, with or without a byte-order mark, exactly', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(decodeTextBytes(utf8(text))).toMatchObject({ text, encoding: 'utf-8' });
        const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]);
        expect(decodeTextBytes(bom)).toMatchObject({ text, encoding: 'utf-8 with BOM' });
      }),
    );
  });

  it('reads any text written as UTF-16 with a byte-order mark, either byte order, exactly', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
        const be = Uint8Array.from(le, (_, i) => le[i ^ 1]!);
        expect(decodeTextBytes(le)).toMatchObject({ text, encoding: 'utf-16le' });
        expect(decodeTextBytes(be)).toMatchObject({ text, encoding: 'utf-16be' });
      }),
    );
  });

  it('never silently misreads a Windows-1252 file: it is read exactly, or refused', () => {
    fc.assert(
      fc.property(windows1252Text, (text) => {
        const bytes = toWindows1252(text);
        fc.pre(strictUtf8(bytes) === null); // valid UTF-8 too: the one documented ambiguity
        const decoded = decodeTextBytes(bytes);
        if (decoded.refusal) expect(decoded.refusal.code).toBe('stray_bytes');
        else expect(decoded).toEqual({ text, encoding: 'windows-1252' });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses UTF-8 with stray bytes among more accented characters, saying how many, never reading it as Windows-1252', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0x80, max: 0xbf }), { minLength: 1, maxLength: 4 }), (strays) => {
        const bytes = Uint8Array.from([
          ...utf8('Café, naïve, £5, Zoë, déjà vu\n'),
          ...strays.flatMap((b) => [...utf8('row '), b, 0x0a]),
        ]);
        const decoded = decodeTextBytes(bytes);
        expect(decoded.refusal).toMatchObject({ code: 'stray_bytes', count: strays.length });
        expect(decoded.refusal?.message).toContain(
          strays.length === 1 ? 'except for one byte' : `except for ${strays.length} bytes`,
        );
      }),
    );
  });

  it('refuses UTF-16 without a byte-order mark in either byte order, for ASCII text', () => {
    const ascii = fc.string({
      unit: fc.constantFrom(...'kpi_code,month,value 0123456789\r\n'.split('')),
      minLength: 2,
      maxLength: 60,
    });
    fc.assert(
      fc.property(ascii, (text) => {
        const le = Buffer.from(text, 'utf16le');
        const be = Uint8Array.from(le, (_, i) => le[i ^ 1]!);
        expect(decodeTextBytes(le).refusal?.code).toBe('utf16_without_bom');
        expect(decodeTextBytes(be).refusal?.code).toBe('utf16_without_bom');
      }),
    );
  });
});

describe('decodeTextBytes: examples', () => {
  it('refuses binary, and UTF-16 that is cut inside a character', () => {
    expect(decodeTextBytes(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0, 0, 0])).refusal?.code).toBe('not_text');
    expect(decodeTextBytes(Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x3d, 0xd8])).refusal?.code).toBe(
      'utf16_malformed',
    );
  });

  it('counts rows across LF, CRLF and lone CR line endings alike', () => {
    const bytes = utf8('a\nb\r\nc\rd\r\re');
    // a, b, c, d, the empty line between two CRs, e
    expect(linesOf(bytes, [0, 2, 5, 7, 9, 10])).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
