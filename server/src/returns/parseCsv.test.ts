import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from './parseCsv';

const utf8 = (text: string) => new TextEncoder().encode(text);
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const utf16 = (text: string, order: 'le' | 'be') => {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return order === 'le' ? le : Uint8Array.from(le, (_, i) => le[i ^ 1]!);
};

/** The returns reader decodes by the one rule in `@kpi/readers` (tested there); here, what an officer sees. */
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
    ['UTF-16 LE with a BOM', utf16('a,b\r\nCafé £5 it’s,1\r\n', 'le'), 'utf-16le', 'Café £5 it’s'],
    ['UTF-16 BE with a BOM', utf16('a,b\r\nCafé £5 it’s,1\r\n', 'be'), 'utf-16be', 'Café £5 it’s'],
  ])('%s is read as such', (_name, bytes, encoding, text) => {
    const decoded = decodeCsvBytes(bytes);
    expect(decoded).toMatchObject({ encoding });
    if ('text' in decoded) expect(decoded.text).toContain(text);
  });

  // Read as Windows-1252 the whole file would be garbled ("CafÃ© Â£500"); read as UTF-8 the byte is lost.
  it('UTF-8 with one stray Windows-1252 byte is refused, naming the row', () => {
    const bytes = cat(utf8('kpi_code,month,value,comment\nPI4,2025-11,61,Café budget £500 '), [0x92], utf8('s\n'));
    expect(decodeCsvBytes(bytes)).toEqual({
      error: expect.stringMatching(/^The file is UTF-8 text except for one byte \(0x92\) on row 2, which is not/),
    });
  });

  it('UTF-8 with several stray bytes says how many and every row, whatever the line endings', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const bytes = cat(
        utf8(`kpi_code,month,value,comment${eol}PI4,2025-11,61,Café naïve déjà `),
        [0x92],
        utf8(`s${eol}PI4,2025-10,60,ok${eol}PI4,2025-09,59,Zoë `),
        [0x93, 0x94],
        utf8(eol),
      );
      expect(decodeCsvBytes(bytes)).toEqual({
        error: expect.stringMatching(
          /^The file is UTF-8 text except for 3 bytes \(the first 0x92\) on rows 2 and 4, which are not/,
        ),
      });
    }
  });

  it('UTF-16 with no byte-order mark is refused, saying so, not read as garbage', () => {
    const le = Buffer.from('kpi_code,month,value\r\nPI4,2025-11,61\r\n', 'utf16le');
    const be = Uint8Array.from(le, (_, i) => le[i ^ 1]!);
    for (const bytes of [le, be]) {
      expect(decodeCsvBytes(bytes)).toEqual({ error: expect.stringMatching(/looks like UTF-16 text/) });
    }
  });

  it('a UTF-16 return with a BOM is read into cells like any other', () => {
    const { grid, encoding, problems } = parseCsv(utf16('kpi_code,month,value\r\nPI4,2025-11,61\r\n', 'le'));
    expect(problems).toEqual([]);
    expect(encoding).toBe('utf-16le');
    expect(grid?.rows.get(2)?.get(3)?.raw).toBe('61');
  });
});
