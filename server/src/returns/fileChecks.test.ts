import { describe, expect, it } from 'vitest';
import { notAReturnMessage } from './fileChecks';
import { readReturnFile } from './parseReturn';

const text = (content: string) => Buffer.from(content, 'utf8');

describe('a file named as an Excel workbook that is not a zip (issue 12)', () => {
  it('says the file is not a valid Excel workbook, not that row 1 lacks a kpi_code column', async () => {
    const read = await readReturnFile(text('this is just some text\nnot a spreadsheet\n'), 'fake.xlsx');
    expect(read.rows).toEqual([]);
    expect(read.problems).toHaveLength(1);
    const [problem] = read.problems;
    expect(problem!.code).toBe('file_unreadable');
    expect(problem!.message).toMatch(/named fake\.xlsx but it is not an Excel workbook/);
    expect(problem!.message).not.toMatch(/kpi_code|Row 1/);
  });

  it('refuses a CSV renamed .xlsm or .xlsb the same way, whatever case the name is in', () => {
    const csv = text('kpi_code,month,value\nPI5,2024-03,4\n');
    expect(notAReturnMessage(csv, 'return.XLSM')).toMatch(/not an Excel workbook/);
    expect(notAReturnMessage(csv, ' return.xlsb ')).toMatch(/not an Excel workbook/);
  });

  it('still reads text named .csv, .txt or .xls (some systems export CSV as .xls), and text with no name', () => {
    const csv = text('kpi_code,month,value\nPI5,2024-03,4\n');
    expect(notAReturnMessage(csv, 'return.csv')).toBeNull();
    expect(notAReturnMessage(csv, 'return.xls')).toBeNull();
    expect(notAReturnMessage(csv, 'return.txt')).toBeNull();
    expect(notAReturnMessage(csv, undefined)).toBeNull();
  });
});
