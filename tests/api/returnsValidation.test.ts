import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Counts,
  commit,
  countRows,
  createReturnsTestApp,
  fixture,
  type ReturnsTestApp,
  storedFigures,
  upload,
  workbookBytes,
} from '../fixtures/returns/support';
import { buildZip } from '../fixtures/returns/zip';
import { testDriverName } from '../support/testDatabase';

interface Problem {
  severity: string;
  code: string;
  location: string | null;
  cell: string | null;
  message: string;
  kpiCode?: string | null;
}

describe(`monthly returns: every class of bad input is reported, and nothing is written (${testDriverName()})`, () => {
  let t: ReturnsTestApp;
  let baseline: Counts;
  let baselineFigures: Record<string, unknown>;

  beforeAll(async () => {
    t = await createReturnsTestApp();
    // figures already held, so "unchanged" means something
    const loaded = await upload(t.app, t.cookies.commissioner, 'valid-wide.csv', fixture('valid-wide.csv'));
    expect(loaded.json().outcome ?? loaded.json().upload.outcome).toBe('validated');
    expect((await commit(t.app, t.cookies.commissioner, loaded.json().upload.id)).statusCode).toBe(200);
    baseline = await countRows(t.database.db);
    baselineFigures = await storedFigures(t.database.db);
    expect(baseline.observations).toBeGreaterThan(0);
  });
  afterAll(() => t.close());

  /** Uploads, expects a rejected preview, checks the database is as it was; returns the errors. */
  async function rejected(fileName: string, bytes: Buffer, contentType?: string): Promise<Problem[]> {
    const response = await upload(t.app, t.cookies.commissioner, fileName, bytes, contentType);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.upload.outcome).toBe('rejected');
    expect(body.canCommit).toBe(false);
    expect(body.report.errors.length).toBeGreaterThan(0);
    // and it cannot be committed
    const refused = await commit(t.app, t.cookies.commissioner, body.upload.id, { confirmWarnings: true, reason: 'x' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/must be corrected first/);
    expect(await countRows(t.database.db)).toEqual(baseline);
    expect(await storedFigures(t.database.db)).toEqual(baselineFigures);
    return body.report.errors;
  }

  const csvCases: [string, string, string | null, RegExp][] = [
    [
      'bad-unknown-kpi.csv',
      'unknown_kpi',
      'row 3, column "kpi_code"',
      /"PI99" is not a KPI code in this dashboard\. Use the code exactly as it is in the template, or delete the row\. The codes are: PI1, PI2/,
    ],
    [
      'bad-month.csv',
      'invalid_month',
      'row 2, column "month"',
      /^"13\/2021" is not a month we can read\. Write months as 2021-03, Mar-21, March 2021 or Mar 2021\.$/,
    ],
    [
      'bad-month-heading.csv',
      'invalid_month',
      'row 1, column "Q4 2020-21"',
      /^The heading "Q4 2020-21" is not a month\./,
    ],
    [
      'bad-percent-range.csv',
      'percent_out_of_range',
      'row 2, column "2021-03"',
      /^PI1 is a percentage, so its figure must be between 0 and 100; 112\.5 is not\./,
    ],
    [
      'bad-negative-count.csv',
      'negative_value',
      'row 2, column "2021-03"',
      /^PI5 is a count and cannot be negative \(-3\)\. Correct the figure\.$/,
    ],
    [
      'bad-numerator-above.csv',
      'numerator_above_denominator',
      'row 2, column "numerator"',
      /^The numerator \(80\) is larger than the denominator \(60\), which would make the percentage more than 100%/,
    ],
    [
      'bad-ratio-mismatch.csv',
      'ratio_mismatch',
      'row 2, column "value"',
      /^The value 72\.5% does not match the numerator and denominator: 45 ÷ 60 × 100 = 75\.0%\. Correct the value or the numerator and denominator/,
    ],
    [
      'bad-duplicate.csv',
      'duplicate',
      'row 3, column "value"',
      /^PI1 for March 2021 is given more than once \(first at row 2, column "value"\)\. Keep one figure and delete the others\.$/,
    ],
    [
      'bad-outside-dates.csv',
      'outside_kpi_dates',
      'row 2, column "value"',
      /^PI16 is not in force in March 2021: it is reported from April 2024 \(KPI set CONTRACT-2024\)\./,
    ],
    ['bad-no-data.csv', 'no_data', null, /^The file has no figures: every month cell is empty\./],
    ['bad-missing-columns.csv', 'missing_column', 'row 1', /^The file has no "kpi_code" column/],
    ['bad-missing-value-column.csv', 'missing_column', 'row 1', /has a "month" column but no "value" column/],
    ['bad-semicolon.csv', 'wrong_delimiter', 'row 1', /^The file looks semicolon-delimited .* returns must use commas/],
  ];

  it.each(csvCases)('%s → %s at %s', async (name, code, location, message) => {
    const errors = await rejected(name, fixture(name));
    const found = errors.find((e) => e.code === code);
    expect(found, JSON.stringify(errors)).toBeDefined();
    expect(found!.location).toBe(location);
    expect(found!.message).toMatch(message);
  });

  it('an unreadable value: each bad cell is reported with its row and column', async () => {
    const errors = await rejected('bad-value.csv', fixture('bad-value.csv'));
    expect(errors.map((e) => [e.code, e.location])).toEqual([
      ['invalid_value', 'row 2, column "2021-02"'],
      ['invalid_value', 'row 2, column "2021-03"'],
    ]);
    expect(errors[0]!.message).toBe(
      '"12,5" is not a figure we can read. Enter a number such as 12.5, 12.5% or 1,234, or one of the symbols c, x, z, low, u; leave the cell empty if there is no figure.',
    );
    expect(errors[1]!.message).toMatch(/^"n\/a" is not a figure/);
  });

  it('a month in the future, or one that has not ended, is refused against the injected clock (15 May 2021)', async () => {
    const errors = await rejected('bad-future.csv', fixture('bad-future.csv'));
    expect(errors.map((e) => [e.code, e.location, e.message])).toEqual([
      ['future_month', 'row 2, column "month"', 'June 2021 is in the future (today is 15 May 2021). Check the month.'],
      [
        'future_month',
        'row 3, column "month"',
        'May 2021 has not ended yet (today is 15 May 2021), so there cannot be a figure for it. Check the month.',
      ],
    ]);
  });

  it('in a wide return a future month is reported at the figure, not at the heading above it', async () => {
    const csv =
      'kpi_code,title,units,2021-04,2021-06\r\nPI5,Unallocated,count,4,\r\nPI5b,,,,\r\nPI1,Contacts,%,,80\r\n';
    const errors = await rejected('wide-future.csv', Buffer.from(csv));
    const future = errors.filter((e) => e.code === 'future_month');
    expect(future.map((e) => [e.location, e.kpiCode])).toEqual([['row 4, column "2021-06"', 'PI1']]);
  });

  it('every problem in a file is reported at once', async () => {
    const errors = await rejected('bad-many.csv', fixture('bad-many.csv'));
    expect(errors.map((e) => [e.code, e.location])).toEqual([
      ['percent_out_of_range', 'row 2, column "value"'],
      ['unknown_kpi', 'row 3, column "kpi_code"'],
      ['negative_value', 'row 4, column "value"'],
      ['invalid_month', 'row 5, column "month"'],
      ['invalid_value', 'row 6, column "value"'],
    ]);
  });

  it('XLSX problems are located by cell reference', async () => {
    const bytes = await workbookBytes(
      [
        ['kpi_code', 'title', 'units', '2021-02', '2021-03'],
        ['PI1', 'Contacts', '%', '12,5', 1.125],
        ['PI5', 'Unallocated', 'count', 0.5, new Date(Date.UTC(2021, 2, 1))],
        ['PI99', 'Unknown', 'count', 4, 5],
        ['PI2', 'CP rate', 'per 10,000', { formula: 'D2*2' } as unknown as string, 'c'],
      ],
      { numFmts: { E2: '0.0%', D3: '0%' } },
    );
    const errors = await rejected('bad-cells.xlsx', bytes);
    expect(errors.map((e) => [e.code, e.location, e.cell])).toEqual([
      ['invalid_value', 'D2', 'D2'],
      ['percent_out_of_range', 'E2', 'E2'],
      ['percent_not_applicable', 'D3', 'D3'],
      ['invalid_value', 'E3', 'E3'],
      ['unknown_kpi', 'A4', 'A4'],
      ['invalid_value', 'D5', 'D5'],
    ]);
    expect(errors[1]!.message).toMatch(/^PI1 is a percentage, so its figure must be between 0 and 100; 112\.5% is not/);
    expect(errors[2]!.message).toMatch(/^The cell is formatted as a percentage \(it shows 50%\) but PI5 is a count/);
    expect(errors[3]!.message).toMatch(/^The cell holds a date \(2021-03-01\), not a figure/);
    expect(errors[5]!.message).toMatch(/formula with no saved result/);
  });

  it('an XLSX month heading that is neither a month nor a date is refused at its cell', async () => {
    const bytes = await workbookBytes([
      ['kpi_code', 'title', 'units', 'Total'],
      ['PI1', 't', 'u', 70],
    ]);
    const errors = await rejected('bad-heading.xlsx', bytes);
    expect(errors.map((e) => [e.code, e.location])).toEqual([['invalid_month', 'D1']]);
  });

  describe('files refused before a spreadsheet library opens them', () => {
    it('a zip bomb: a small archive whose entry inflates a thousandfold', async () => {
      const bomb = buildZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024) },
      ]);
      expect(bomb.length).toBeLessThan(100 * 1024);
      const errors = await rejected('bomb.xlsx', bomb);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'file_unsafe', location: null });
      expect(errors[0]!.message).toMatch(
        /^Part xl\/worksheets\/sheet1\.xml of the workbook is compressed [\d,]+ to 1 \(it would expand from [\d.]+ KB to 20 MB\), which spreadsheets never are, so the file was not opened \(a possible "zip bomb"\)/,
      );
    });

    it('an archive expanding past 50 MB in total', async () => {
      // 60 entries of 1 MB random-ish data: each compresses badly, so no single entry trips the ratio rule
      const chunk = Buffer.alloc(1024 * 1024, 'abcdefghij');
      const entries = Array.from({ length: 60 }, (_, i) => ({
        name: `xl/media/image${i}.bin`,
        data: chunk,
        stored: false,
      }));
      const errors = await rejected('huge.xlsx', buildZip(entries));
      expect(errors[0]!.code).toBe('file_unsafe');
      expect(errors[0]!.message).toMatch(/would expand to more than 50 MB/);
    });

    it('an archive whose directory lies about its sizes', async () => {
      const liar = buildZip([
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(2 * 1024 * 1024), declaredSize: 1000 },
      ]);
      const errors = await rejected('liar.xlsx', liar);
      expect(errors[0]!.code).toBe('file_unreadable');
      expect(errors[0]!.message).toMatch(/sizes do not add up/);
    });

    it('more than 2,000 entries', async () => {
      const many = buildZip(
        Array.from({ length: 2_001 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') })),
      );
      const errors = await rejected('many.xlsx', many);
      expect(errors[0]!.code).toBe('file_unsafe');
      expect(errors[0]!.message).toMatch(
        /^The workbook has 2,001 parts inside it; a return never needs more than 2,000/,
      );
    });

    it('encrypted entries', async () => {
      const encrypted = buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'), flags: 1 }]);
      const errors = await rejected('encrypted.xlsx', encrypted);
      expect(errors[0]!.code).toBe('file_unsafe');
      expect(errors[0]!.message).toMatch(/encrypted parts/);
    });

    it('an old .xls or password-protected workbook', async () => {
      const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
      const errors = await rejected('old.xls', ole, 'application/vnd.ms-excel');
      expect(errors[0]!.message).toMatch(/old-style Excel file \(\.xls\) or a password-protected workbook/);
    });

    it('a zip that is not a workbook', async () => {
      const errors = await rejected('notes.xlsx', buildZip([{ name: 'notes.txt', data: Buffer.from('hello') }]));
      expect(errors[0]!.code).toBe('file_unreadable');
    });

    it('UTF-16 text: Excel\'s "Unicode Text" is read, and refused for its tabs; without a byte-order mark it is refused', async () => {
      const errors = await rejected('unicode.csv', Buffer.from('\uFEFFkpi_code\tmonth\tvalue\r\n', 'utf16le'));
      expect(errors[0]!.message).toMatch(/looks tab-delimited/);
      const noBom = await rejected('unicode.csv', Buffer.from('kpi_code,month,value\r\n', 'utf16le'));
      expect(noBom[0]!.message).toMatch(/looks like UTF-16 text/);
    });

    it('an empty file', async () => {
      const errors = await rejected('empty.csv', Buffer.alloc(0));
      expect(errors[0]).toMatchObject({ code: 'file_empty' });
    });

    it('a file over 5 MB is refused with 413 before it is read', async () => {
      const response = await upload(t.app, t.cookies.commissioner, 'big.csv', Buffer.alloc(5 * 1024 * 1024 + 1, 'a'));
      expect(response.statusCode).toBe(413);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().detail).toMatch(/larger than 5 MB/);
      expect(await countRows(t.database.db)).toEqual(baseline);
    });
  });

  it('a file between 1 and 5 MB is read in full (the 1 MB limit for JSON requests does not apply)', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `PI1,2021-03,${i % 100}.25`);
    const bytes = Buffer.from(`kpi_code,month,value\n${rows.join('\n')}\n`);
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    const errors = await rejected('big-but-allowed.csv', bytes, 'text/plain; charset=utf-8');
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'too_many_rows',
        message:
          'The file has more than 20,000 rows, the most a return can have, so it was not read further. Split it into smaller files.',
      }),
    ]);
  });

  it('a figure in a column without a heading is reported, not ignored', async () => {
    const errors = await rejected('stray.csv', Buffer.from('kpi_code,title,units,2021-03,\r\nPI1,t,u,70,71\r\n'));
    expect(errors.map((e) => [e.code, e.location])).toEqual([['missing_column', 'row 2, column 5']]);
  });

  it('a JSON body is not a file', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/returns/uploads?fileName=a.csv',
      headers: { cookie: t.cookies.commissioner },
      payload: { kpi_code: 'PI1' },
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().detail).toMatch(/^Send the file itself as the request body/);
  });

  it('a request without a file name is refused with a field error', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/returns/uploads',
      headers: { cookie: t.cookies.commissioner, 'content-type': 'text/csv' },
      payload: fixture('valid-wide.csv'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'querystring.fileName', message: 'Give the file name as ?fileName=' },
    ]);
  });

  it('the file name may come in an X-File-Name header instead', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/returns/uploads',
      headers: {
        cookie: t.cookies.commissioner,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('Return – March.csv'),
      },
      payload: fixture('bad-unknown-kpi.csv'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().upload.fileName).toBe('Return – March.csv');
  });

  it('the report downloads as CSV with every problem and its location', async () => {
    const body = (await upload(t.app, t.cookies.analyst, 'bad-many.csv', fixture('bad-many.csv'))).json();
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/returns/uploads/${body.upload.id}/report.csv`,
      headers: { cookie: t.cookies.analyst },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="bad-many-report-${body.upload.id}\\.csv";`),
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('severity,location,row,column,cell,kpi_code,month,message');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toMatch(/^error,"row 3, column ""kpi_code""",3,kpi_code,,PI99,,"""PI99"" is not a KPI code/);
  });

  // A month outside the supported years is refused cell by cell, never reaching date arithmetic
  // (0000-01 used to be a RangeError and a 500); a month that is no month at all stays "not a month".
  const OUTSIDE =
    /^"[^"]+" is outside the months this dashboard holds\. Use a month from January 2000 to December \d{4}\.$/;
  const outOfYearsCases: [string, string, string, RegExp][] = [
    ['wide', '0000-01', 'row 1, column "0000-01"', /^The heading "0000-01" is outside the months/],
    ['wide', '9999-12', 'row 1, column "9999-12"', /^The heading "9999-12" is outside the months/],
    ['wide', '1899-12', 'row 1, column "1899-12"', /^The heading "1899-12" is outside the months/],
    ['wide', 'December 1899', 'row 1, column "December 1899"', /^The heading "December 1899" is outside/],
    ['wide', '2025-13', 'row 1, column "2025-13"', /^The heading "2025-13" is not a month\./],
    ['long', '0000-01', 'row 2, column "month"', OUTSIDE],
    ['long', '9999-12', 'row 2, column "month"', OUTSIDE],
    ['long', '1899-12', 'row 2, column "month"', OUTSIDE],
    ['long', 'Jan 0000', 'row 2, column "month"', OUTSIDE],
    ['long', '2025-13', 'row 2, column "month"', /^"2025-13" is not a month we can read\./],
  ];
  it.each(outOfYearsCases)('%s layout, month %s → invalid_month at %s', async (layout, month, location, message) => {
    const csv =
      layout === 'wide' ? `kpi_code,title,units,${month}\nPI2,t,u,1\n` : `kpi_code,month,value\nPI2,${month},1\n`;
    const errors = await rejected('m.csv', Buffer.from(csv));
    const found = errors.find((e) => e.code === 'invalid_month');
    expect(found, JSON.stringify(errors)).toBeDefined();
    expect(found!.location).toBe(location);
    expect(found!.message).toMatch(message);
  });

  it('any YYYY-MM in a return is read or refused by cell, never a 500 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), async (year, m) => {
        if (year >= 2000 && year <= 2021) return; // real months: figures, tested elsewhere
        const month = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
        const response = await upload(
          t.app,
          t.cookies.commissioner,
          'm.csv',
          Buffer.from(`kpi_code,month,value\nPI2,${month},1\n`),
        );
        expect(response.statusCode, response.body).toBe(200);
        const errors: Problem[] = response.json().report.errors;
        expect(errors.some((e) => e.code === 'invalid_month' || e.code === 'future_month')).toBe(true);
      }),
      { numRuns: 25 },
    );
    expect(await countRows(t.database.db)).toEqual(baseline);
  });

  it('every upload is audited, accepted or rejected', async () => {
    const rows = await queryRows<{ action: string; outcome: string }>(
      t.database.db,
      sql`select action, outcome from audit_log where action like 'return.upload.%' order by id`,
    );
    expect(rows[0]).toEqual({ action: 'return.upload.validated', outcome: 'success' });
    expect(rows.filter((r) => r.action === 'return.upload.rejected').length).toBeGreaterThan(20);
  });
});
