import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, firstInvalidUtf8 } from './parseCsv';

const utf8 = (text: string) => new TextEncoder().encode(text);
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('decodeCsvBytes: which encoding a return was written in', () => {
  it.each([
    ['UTF-8', utf8('kpi_code,month,value,comment\nPI4,2025-11,61,Café £500’s\n'), 'utf-8', 'Café £500’s'],
    ['UTF-8 with a BOM', cat([0xef, 0xbb, 0xbf], utf8('a,b\nCafé,1\n')), 'utf-8 with BOM', 'Café'],
    // Excel's "CSV (Comma delimited)" on Windows: é = E9, £ = A3, ’ = 92
    [
      'Windows-1252',
      cat(utf8('a,b\nCaf'), [0xe9, 0x20, 0xa3], utf8('5 it'), [0x92], utf8('s\n')),
      'windows-1252',
      'Café £5 it’s',
    ],
  ])('%s is read as such', (_name, bytes, encoding, text) => {
    const decoded = decodeCsvBytes(bytes);
    expect(decoded).toMatchObject({ encoding });
    if ('text' in decoded) expect(decoded.text).toContain(text);
  });

  // Read as Windows-1252 the whole file would be garbled ("CafÃ© Â£500"); read as UTF-8 the byte is lost.
  it('UTF-8 with one stray Windows-1252 byte is refused, naming the row', () => {
    const bytes = cat(utf8('kpi_code,month,value,comment\nPI4,2025-11,61,Café budget £500 '), [0x92], utf8('s\n'));
    const decoded = decodeCsvBytes(bytes);
    expect(decoded).toEqual({
      error: expect.stringMatching(/^The file is UTF-8 text except for one byte \(0x92\) on row 2, which is not/),
    });
  });

  it('finds the first byte that is not UTF-8 exactly where the strict decoder fails (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) < 0).toBe(valid);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(firstInvalidUtf8(utf8(text))).toBe(-1);
      }),
    );
  });
});
