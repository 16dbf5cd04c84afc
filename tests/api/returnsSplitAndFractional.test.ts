import type { ReturnProblem as Problem } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createReturnsTestApp,
  type ReturnsTestApp,
  upload,
  workbookBytes,
} from '../fixtures/returns/support';
import { testDriverName } from '../support/testDatabase';

/**
 * Returns that would load wrong figures if read as written: an unquoted thousands separator that
 * splits a figure in two cells, counts of children with a fraction, text that reads one way and
 * says another, and a file mostly UTF-8 with a few bytes that are not. Each is refused, located.
 */
describe(`returns that would load the wrong figures (${testDriverName()})`, () => {
  let t: ReturnsTestApp;
  beforeAll(async () => {
    t = await createReturnsTestApp();
  });
  afterAll(() => t.close());

  async function errors(fileName: string, bytes: Buffer): Promise<Problem[]> {
    const before = await countRows(t.database.db);
    const response = await upload(t.app, t.cookies.commissioner, fileName, bytes);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().upload.outcome).toBe('rejected');
    expect(await countRows(t.database.db)).toEqual(before);
    return response.json().report.errors;
  }

  describe('an unquoted thousands separator', () => {
    it('in the template (one column per month) refuses the row, naming it and the split number', async () => {
      const csv =
        'kpi_code,title,units,2021-02,2021-03\r\nPI5,Unallocated,count,4,5\r\nPI5b,Unallocated,count,1,234,5\r\n';
      const found = await errors('wide.csv', Buffer.from(csv.replace('PI5b', 'PI5')));
      expect(found).toEqual([
        expect.objectContaining({ code: 'too_many_cells', row: 3, location: 'row 3', kpiCode: 'PI5' }),
      ]);
      expect(found[0]!.message).toMatch(/^Row 3 has 6 cells but the heading row has 5/);
      expect(found[0]!.message).toMatch(/1,234 was split at its comma \(columns 4 and 5\)/);
      expect(found[0]!.message).toMatch(/double quotes \("1,234"\)/);
    });

    it('in one row per figure refuses the row, whether the split moves a figure or lands in the comment', async () => {
      const wider = await errors('long.csv', Buffer.from('kpi_code,month,value\r\nPI5,2021-03,1,234\r\n'));
      expect(wider).toEqual([expect.objectContaining({ code: 'too_many_cells', row: 2 })]);
      const intoComment = await errors(
        'long.csv',
        Buffer.from('kpi_code,month,value,comment\r\nPI5,2021-02,4,fine\r\nPI5,2021-03,1,234\r\n'),
      );
      expect(intoComment).toEqual([expect.objectContaining({ code: 'too_many_cells', row: 3 })]);
      expect(intoComment[0]!.message).toMatch(/1,234 was split/);
    });

    it('a quoted "1,234" is one figure and is read', async () => {
      const response = await upload(
        t.app,
        t.cookies.commissioner,
        'quoted.csv',
        Buffer.from('kpi_code,month,value,comment\r\nPI5,2021-03,"1,234",\r\n'),
      );
      expect(response.json().report.errors).toEqual([]);
    });
  });

  describe('a numerator or denominator with a fraction', () => {
    it('is refused at its cell, in CSV and XLSX alike', async () => {
      const csv = await errors(
        'parts.csv',
        Buffer.from('kpi_code,month,value,numerator,denominator\r\nPI1,2021-03,50,12.5,25\r\n'),
      );
      expect(csv).toEqual([
        expect.objectContaining({ code: 'not_whole_number', location: 'row 2, column "numerator"', kpiCode: 'PI1' }),
      ]);
      expect(csv[0]!.message).toMatch(/The numerator "12\.5" is not a whole number/);
      // A rate per 10,000 children is of whole children over a whole population.
      const xlsx = await errors(
        'parts.xlsx',
        await workbookBytes([
          ['kpi_code', 'month', 'value', 'numerator', 'denominator'],
          ['PI2', '2021-03', 40.3, 357, 88593.5],
        ]),
      );
      expect(xlsx).toEqual([expect.objectContaining({ code: 'not_whole_number', cell: 'E2' })]);
    });

    it('a percentage of full-time-equivalent posts (a vacancy rate) may have fractional parts', async () => {
      const response = await upload(
        t.app,
        t.cookies.commissioner,
        'vacancy.csv',
        Buffer.from('kpi_code,month,value,numerator,denominator\r\nPI1,2021-03,14.0,31.2,222.5\r\n'),
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().report.errors).toEqual([]);
    });
  });

  it('a comment with a bidi override (text that reads one way and says another) is refused at its cell', async () => {
    const csv = 'kpi_code,month,value,comment\r\nPI5,2021-03,5,Agreed \u202Edeifirev ton\u202C\r\n';
    const found = await errors('trojan.csv', Buffer.from(csv));
    expect(found).toEqual([
      expect.objectContaining({ code: 'control_character', row: 2, location: 'row 2, column 4' }),
    ]);
    expect(found[0]!.message).toMatch(/hidden formatting character \(U\+202E RIGHT-TO-LEFT OVERRIDE\)/);
  });

  describe('encodings', () => {
    it('a UTF-8 return with several stray bytes says how many and on which rows', async () => {
      const bytes = Buffer.concat([
        Buffer.from('kpi_code,month,value,comment\rPI5,2021-02,4,Café naïve déjà '),
        Buffer.from([0x92]),
        Buffer.from('s\rPI5,2021-03,5,Zoë '),
        Buffer.from([0x93, 0x94, 0x0d]),
      ]);
      const [found] = await errors('stray.csv', bytes);
      expect(found).toMatchObject({ code: 'file_unreadable' });
      expect(found!.message).toMatch(/except for 3 bytes \(the first 0x92\) on rows 2 and 3, which are not/);
    });

    it('a UTF-16 return with a byte-order mark is read', async () => {
      const bytes = Buffer.from('\uFEFFkpi_code,month,value,comment\r\nPI5,2021-03,5,Zoë’s café\r\n', 'utf16le');
      const response = await upload(t.app, t.cookies.commissioner, 'unicode.csv', bytes);
      expect(response.json().report.errors).toEqual([]);
      expect(response.json().upload.encoding).toBe('utf-16le');
    });
  });
});
