import { describe, expect, it } from 'vitest';
import { excelSerialToMonth, isPercentFormat, readCellValue, readTextMonth, readTextValue } from './parseCells';
import { decodeCsvBytes } from './parseCsv';
import type { GridCell } from './types';

function cell(raw: GridCell['raw'], numFmt: string | null = null): GridCell {
  return { row: 2, col: 3, raw, numFmt, address: 'C2', unreadable: null };
}

describe('readTextValue', () => {
  it.each([
    ['12.5', 12.5, false],
    [' 12.5% ', 12.5, true],
    ['1,234', 1234, false],
    ['0', 0, false],
    ['-3', -3, false],
  ])('%s is the number %d', (text, value, percentSign) => {
    expect(readTextValue(text)).toMatchObject({ kind: 'number', value, percentSign });
  });

  it.each(['c', 'X', 'z', 'low', 'u', '[c]'])('%s is a suppression symbol, never zero', (text) => {
    expect(readTextValue(text)).toMatchObject({ kind: 'symbol' });
  });

  it.each(['12,5', 'n/a', '£12', '12.5.1', 'c%', '1.234,5', '12 5', '-', 'TRUE'])('%s is not guessed at', (text) => {
    expect(readTextValue(text)).toEqual({ kind: 'invalid', text });
  });

  it('an empty cell is no figure', () => {
    expect(readTextValue('  ')).toEqual({ kind: 'empty' });
  });
});

describe('readCellValue (XLSX cells)', () => {
  it('a percentage-formatted cell holding 0.125 means 12.5', () => {
    expect(readCellValue(cell(0.125, '0.0%')).value).toMatchObject({
      kind: 'number',
      value: 12.5,
      percentFormat: true,
    });
    expect(readCellValue(cell(0.725, '0%')).value).toMatchObject({ value: 72.5 });
  });

  it('a plain number cell is taken as stored', () => {
    expect(readCellValue(cell(72.5, 'General')).value).toMatchObject({
      kind: 'number',
      value: 72.5,
      percentFormat: false,
    });
  });

  it('a date in a figure cell is refused with a reason', () => {
    const read = readCellValue(cell(new Date(Date.UTC(2021, 2, 1))));
    expect(read.value.kind).toBe('invalid');
    expect(read.reason).toMatch(/holds a date/);
  });

  it('percent formats are recognised outside quoted text only', () => {
    expect(isPercentFormat('0.0%')).toBe(true);
    expect(isPercentFormat('0.0"%"')).toBe(false);
    expect(isPercentFormat('General')).toBe(false);
  });
});

describe('months', () => {
  it.each([
    ['2021-03', '2021-03'],
    ['Mar-21', '2021-03'],
    ['mar-21', '2021-03'],
    ['March 2021', '2021-03'],
    ['Mar 2021', '2021-03'],
    ['Sept 2020', '2020-09'],
    ['Sep-20', '2020-09'],
  ])('%s → %s', (text, month) => {
    expect(readTextMonth(text)).toBe(month);
  });

  it.each(['01/03/2021', '2021-13', 'March 21', 'Mar-2021', 'Q4 2020-21', '2021', 'Marc 2021'])(
    '%s is not guessed at',
    (text) => {
      expect(readTextMonth(text)).toBeNull();
    },
  );

  it('Excel serials in the 1900 and 1904 date systems', () => {
    // 1 March 2021 is day 44256 in the 1900 system and day 42794 in the 1904 system
    expect(excelSerialToMonth(44256, false)).toBe('2021-03');
    expect(excelSerialToMonth(42794, true)).toBe('2021-03');
    expect(excelSerialToMonth(44255, false)).toBe('2021-02');
    expect(excelSerialToMonth(44256.75, false)).toBe('2021-03');
    // the same number read in the wrong system is four years and a day out
    expect(excelSerialToMonth(42794, false)).toBe('2017-02');
  });

  it('serials far from any return are not read as months', () => {
    expect(excelSerialToMonth(2021, false)).toBeNull();
    expect(excelSerialToMonth(0, false)).toBeNull();
  });
});

describe('decodeCsvBytes', () => {
  it('valid UTF-8 is UTF-8, with or without a BOM', () => {
    expect(decodeCsvBytes(Buffer.from('a,£'))).toEqual({ text: 'a,£', encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.from('\uFEFFa,é'))).toEqual({ text: 'a,é', encoding: 'utf-8 with BOM' });
  });

  it('anything else is Windows-1252', () => {
    expect(decodeCsvBytes(Buffer.from([0x61, 0x2c, 0xa3, 0xe9, 0x80, 0x92, 0x96, 0x9f]))).toEqual({
      text: 'a,£é€’–Ÿ',
      encoding: 'windows-1252',
    });
  });

  it('UTF-16 with a byte-order mark is read; without one it is refused with a way to fix it', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFFkpi_code', 'utf16le'))).toEqual({
      text: 'kpi_code',
      encoding: 'utf-16le',
    });
    expect(decodeCsvBytes(Buffer.from('kpi_code', 'utf16le'))).toMatchObject({
      error: expect.stringMatching(/UTF-16.*CSV UTF-8/),
    });
  });
});
