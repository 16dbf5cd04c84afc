import { describe, expect, it } from 'vitest';
import {
  decodeCsvBytes,
  parseCsvCells,
  readCsvTable,
  readTidyCsv,
  TidyCellError,
  TidyCsvError,
  tableFromCells,
  tidyCell,
} from './tidyCsv';

const HEADER =
  'time_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,ICPC';
const bytes = (text: string) => new TextEncoder().encode(text);

/** Windows-1252 bytes of a text whose characters are all in that encoding's single-byte range. */
function windows1252(text: string): Uint8Array {
  const high: Record<string, number> = { '’': 0x92, '‘': 0x91, '–': 0x96, '€': 0x80 };
  return Uint8Array.from([...text], (c) => high[c] ?? c.charCodeAt(0));
}

function refusal(read: () => unknown): TidyCsvError {
  try {
    read();
  } catch (error) {
    if (error instanceof TidyCsvError) return error;
    throw error;
  }
  throw new Error('expected a TidyCsvError');
}

describe('decodeCsvBytes', () => {
  it('reads UTF-8, dropping a byte-order mark', () => {
    expect(decodeCsvBytes(bytes('\uFEFFla_name\nSt Helens’'))).toBe('la_name\nSt Helens’');
  });

  it('reads bytes that are not UTF-8 as Windows-1252, curly quotes and all', () => {
    expect(decodeCsvBytes(windows1252('King’s Lynn – £5'))).toBe('King’s Lynn – £5');
  });

  it('reads UTF-16 with a byte-order mark', () => {
    expect(decodeCsvBytes(Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00]))).toBe('a,');
    expect(decodeCsvBytes(Uint8Array.from([0xfe, 0xff, 0x00, 0x61, 0x00, 0x2c]))).toBe('a,');
  });

  it('refuses UTF-8 with a stray byte, as a return is refused, naming the line', () => {
    const error = refusal(() => decodeCsvBytes(Uint8Array.from([...bytes('la_name\rSt Helens’ Café '), 0x92, 0x0d])));
    expect(error.message).toMatch(/except for one byte \(0x92\) on row 2/);
    expect(error.problems).toEqual([{ path: 'file.row.2', message: error.message }]);
  });

  it('refuses workbooks, UTF-16 without a byte-order mark, binary, NUL and empty files', () => {
    expect(refusal(() => decodeCsvBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).code).toBe('not_csv');
    expect(refusal(() => decodeCsvBytes(Uint8Array.from([0x61, 0x00, 0x2c, 0x00, 0x62, 0x00]))).message).toMatch(
      /UTF-16/,
    );
    expect(refusal(() => decodeCsvBytes(bytes(`la_name\n${'x\n'.repeat(5000)}a\u0000b\n`))).message).toMatch(
      /^Line 5002 holds a NUL/,
    );
    expect(refusal(() => decodeCsvBytes(Uint8Array.from([0x61, 0x00, 0x62]))).code).toBe('not_csv');
    expect(refusal(() => decodeCsvBytes(new Uint8Array())).code).toBe('file_empty');
  });
});

describe('readTidyCsv', () => {
  it('reads a Windows-1252 tidy CSV with a curly apostrophe in an area name', () => {
    const file = windows1252(
      `${HEADER}\r\n2024,Reporting year,Local authority,E92000001,E12000005,999,E06999999,King’s Lynn,40\r\n`,
    );
    const table = readTidyCsv(file);
    expect(table.records[0]?.la_name).toBe('King’s Lynn');
    expect(table.records[0]?.ICPC).toBe('40');
    expect(table.rowNumbers).toEqual([2]);
  });

  it('gives each record by heading, with its spreadsheet row number (header = 1)', () => {
    const table = readTidyCsv(
      `${HEADER}\n2024,Reporting year,National,E92000001,,,,,100\n\n2024,Reporting year,Regional,E92000001,E12000005,,,,20\n`,
    );
    expect(table.columns).toEqual(HEADER.split(','));
    expect(table.records.map((r) => r.geographic_level)).toEqual(['National', 'Regional']);
    expect(table.rowNumbers).toEqual([2, 4]);
  });

  it('refuses a file without the tidy key columns, before checking its rows', () => {
    const error = refusal(() => readTidyCsv('la_name,ICPC\nSandwell,1\nShort\n'));
    expect(error.code).toBe('not_tidy');
    expect(error.problems.map((p) => p.message)).toEqual([
      'No time_period column',
      'No time_identifier column',
      'No geographic_level column',
    ]);
  });

  it('refuses local-authority rows with no LA code column', () => {
    const error = refusal(() =>
      readTidyCsv('time_period,time_identifier,geographic_level,la_name\n2024,Reporting year,Local authority,X\n'),
    );
    expect(error.message).toMatch(/old_la_code or new_la_code/);
  });

  it('refuses a header with no rows, and a semicolon-separated file', () => {
    expect(refusal(() => readTidyCsv(`${HEADER}\n`)).code).toBe('file_empty');
    expect(refusal(() => readTidyCsv('time_period;time_identifier;geographic_level\n')).code).toBe('wrong_delimiter');
  });
});

describe('tableFromCells', () => {
  const cells = (...rows: string[][]) => rows.map((r, i) => ({ line: i + 1, cells: r }));

  it('ignores an unnamed empty column (a trailing comma) and trims headings', () => {
    expect(tableFromCells(cells([' a ', 'b', ''], ['1', '2', '']))).toEqual({
      columns: ['a', 'b'],
      records: [{ a: '1', b: '2' }],
      rowNumbers: [2],
    });
  });

  it('refuses duplicate headings, data without a heading and rows of the wrong length, naming where', () => {
    expect(refusal(() => tableFromCells(cells(['a', 'a'], ['1', '2']))).code).toBe('duplicate_column');
    expect(refusal(() => tableFromCells(cells(['a', ''], ['1', '2']))).problems[0]?.path).toBe('file.column.2');
    const short = refusal(() => tableFromCells(cells(['a', 'b'], ['1', '2'], ['3'])));
    expect(short.code).toBe('row_length');
    expect(short.problems).toEqual([{ path: 'file.row.3', message: 'Row 3 has 1 cells but the header has 2.' }]);
  });
});

describe('parseCsvCells', () => {
  it('gives the line each row starts on, a quoted cell spanning lines included', () => {
    expect(parseCsvCells('a,b\n"x\ny",1\nz,2\n').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('says which line is not valid CSV', () => {
    const error = refusal(() => parseCsvCells('a,b\n1,"2\n'));
    expect(error.code).toBe('malformed');
  });

  it('reads any CSV with a header through readCsvTable', () => {
    expect(readCsvTable('x,y\n1,2\n').records).toEqual([{ x: '1', y: '2' }]);
  });
});

describe('tidyCell', () => {
  it('reads numbers and suppression symbols, and names the row and column of anything else', () => {
    expect(tidyCell({ ICPC: '1,234' }, 'ICPC', 2)).toEqual({ value: 1234, symbol: null });
    expect(tidyCell({ ICPC: 'c' }, 'ICPC', 2)).toEqual({ value: null, symbol: 'c' });
    expect(() => tidyCell({ ICPC: 'lots' }, 'ICPC', 5)).toThrow(TidyCellError);
    expect(() => tidyCell({ ICPC: 'lots' }, 'ICPC', 5)).toThrow(/^Row 5, column ICPC: "lots"/);
  });
});
