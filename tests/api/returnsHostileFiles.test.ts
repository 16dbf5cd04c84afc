import { Writable } from 'node:stream';
import { buildApp } from '@kpi/server';
import type { ReturnProblem as Problem } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createReturnsTestApp,
  type ReturnsTestApp,
  upload,
  workbookBytes,
} from '../fixtures/returns/support';
import { signInAs } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const HEADER = ['kpi_code', 'title', 'units', '2021-03'];

async function withZip(bytes: Buffer, change: (zip: JSZip) => Promise<void> | void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  await change(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe(`files that are not what they claim, and figures that cannot be (${testDriverName()})`, () => {
  let t: ReturnsTestApp;
  let valid: Buffer;
  beforeAll(async () => {
    t = await createReturnsTestApp();
    valid = await workbookBytes([HEADER, ['PI5', 'Unallocated', 'count', 4]]);
  });
  afterAll(() => t.close());

  async function errors(fileName: string, bytes: Buffer, contentType?: string): Promise<Problem[]> {
    const before = await countRows(t.database.db);
    const response = await upload(t.app, t.cookies.commissioner, fileName, bytes, contentType);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().upload.outcome).toBe('rejected');
    expect(await countRows(t.database.db)).toEqual(before);
    return response.json().report.errors;
  }

  it('refuses a macro-enabled workbook sent as .xlsx, by its macro project or by its content type', async () => {
    const message = 'This is a macro-enabled workbook (.xlsm). Save it as an Excel Workbook (.xlsx) and upload that.';
    const withProject = await withZip(valid, (zip) => {
      zip.file('xl/vbaProject.bin', Buffer.from('not really VBA'));
    });
    expect((await errors('return.xlsx', withProject)).map((e) => e.message)).toEqual([message]);
    const withType = await withZip(valid, async (zip) => {
      const types = await zip.file('[Content_Types].xml')!.async('string');
      zip.file(
        '[Content_Types].xml',
        types.replace(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
          'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
        ),
      );
    });
    expect((await errors('return.xlsx', withType)).map((e) => e.message)).toEqual([message]);
  });

  it('refuses a workbook with a DOCTYPE or an external entity, saying so', async () => {
    const xxe = await withZip(valid, async (zip) => {
      const workbook = await zip.file('xl/workbook.xml')!.async('string');
      zip.file('xl/workbook.xml', workbook.replace('?>', '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'));
    });
    const [problem] = await errors('return.xlsx', xxe);
    expect(problem!.message).toMatch(/document type declaration \(DOCTYPE or ENTITY\)/);
  });

  it('refuses a merged area of a whole sheet (a few bytes exceljs would expand cell by cell), for a return and a schedule', async () => {
    const bomb = await withZip(valid, async (zip) => {
      const part = Object.keys(zip.files).find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))!;
      const xml = await zip.file(part)!.async('string');
      zip.file(
        part,
        xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="E1:XFD1048576"/></mergeCells>'),
      );
    });
    const [problem] = await errors('return.xlsx', bomb);
    expect(problem!.message).toMatch(/^The workbook merges more than 10,000 cells together/);
    const schedule = await t.app.inject({
      method: 'POST',
      url: '/api/contract/schedule/uploads?fileName=schedule.xlsx',
      headers: {
        cookie: t.cookies.commissioner,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      payload: bomb,
    });
    // the schedule's upload is kept as a record, rejected with the reason
    expect(schedule.statusCode, schedule.body).toBe(200);
    expect(schedule.json().status).toBe('rejected');
    expect(schedule.json().problems.map((p: { message: string }) => p.message)).toEqual([
      expect.stringMatching(/^The workbook merges more than 10,000 cells together/),
    ]);
  });

  it('refuses a comment longer than commentary may be, naming its cell (it bypassed the 20,000 limit)', async () => {
    const long = 'Long commentary. '.repeat(1200); // 20,400 characters, 20,399 once trimmed
    const csv = `kpi_code,month,value,comment\r\nPI5,2021-03,4,${long}\r\n`;
    const problems = await errors('return.csv', Buffer.from(csv), 'text/csv');
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'text_too_long',
        message:
          "The comment is 20,399 characters long; commentary can be at most 20,000. Shorten it, or write the rest on the KPI's page.",
        row: 2,
      }),
    ]);
  });

  it('an .exe renamed .xlsx, or any binary named .xlsx, is not told about CSV', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(2000, 0)]);
    const [program] = await errors('return.xlsx', exe);
    expect(program!.message).toMatch(/Windows program/);
    expect(program!.message).not.toMatch(/CSV file\b.*not/);
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100, 0)]);
    const [notWorkbook] = await errors('return.xlsx', binary);
    expect(notWorkbook!.message).toMatch(/named return\.xlsx but it is not an Excel workbook/);
    expect(notWorkbook!.message).not.toMatch(/CSV/);
  });

  it('a NUL past the first 8 KB of a CSV is refused with the cell named', async () => {
    const padded = Buffer.from(
      `kpi_code,month,value,comment\n${'PI5,2019-04,4,x\n'.repeat(700)}PI5,2021-03,4,"a\u0000b"\n`,
    );
    expect(padded.indexOf(0)).toBeGreaterThan(8192);
    const found = await errors('nul.csv', padded);
    expect(found).toEqual([
      expect.objectContaining({ code: 'control_character', location: expect.stringMatching(/^row \d+, column 4$/) }),
    ]);
  });

  it('stops reading a file with more cells than a return can hold, whatever its format', async () => {
    const row = Array.from({ length: 130 }, (_, i) => String(i % 10)).join(',');
    const csv = Buffer.from(`kpi_code,month,value\n${`${row}\n`.repeat(19_000)}`);
    expect(csv.length).toBeLessThan(5 * 1024 * 1024);
    const [tooMany] = await errors('huge.csv', csv);
    expect(tooMany!.message).toMatch(/more than 240,000 cells/);

    const cells = Array.from(
      { length: 1_000 },
      (_, r) =>
        `<row r="${r + 1}">${Array.from({ length: 260 }, (_, c) => `<c r="${columnName(c)}${r + 1}"><v>${(r * 7 + c * 13) % 997}</v></c>`).join('')}</row>`,
    ).join('');
    const big = await withZip(valid, async (zip) => {
      const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      zip.file(
        'xl/worksheets/sheet1.xml',
        sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${cells}</sheetData>`),
      );
    });
    const [refused] = await errors('huge.xlsx', big);
    expect(refused!.message).toMatch(/more than 240,000 cells/);
  });

  it('refuses counts with decimals and figures no unit can hold', async () => {
    const csv = (value: string) => Buffer.from(`kpi_code,month,value\nPI5,2021-03,${value}\n`);
    expect((await errors('decimal.csv', csv('5.5'))).map((e) => e.code)).toEqual(['not_whole_number']);
    expect((await errors('absurd.csv', csv('100000000000'))).map((e) => e.code)).toEqual(['implausible_value']);
    // Written in exponent form they are not figures as a return writes them; refused either way.
    for (const absurd of ['1e20', '1E+308']) {
      const [problem] = await errors('absurd.csv', csv(absurd));
      expect(['invalid_value', 'implausible_value'], absurd).toContain(problem!.code);
    }
    // As numbers in workbook cells they are read as numbers, and refused for the unit.
    for (const [code, unit, absurd] of [
      ['PI5', 'count', 1e20],
      ['PI14', 'average', 1e308],
    ] as const) {
      const workbook = await workbookBytes([HEADER, [code, 'x', unit, absurd]]);
      expect(
        (await errors('absurd.xlsx', workbook)).map((e) => e.code),
        String(absurd),
      ).toEqual(['implausible_value']);
    }
  });
});

function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

describe(`logs carry no file contents or personal data (${testDriverName()})`, () => {
  it('a failing statement is logged by class and code, without its parameters or message', async () => {
    const t = await createReturnsTestApp();
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({ config: t.config, database: t.database, logger: { level: 'info', stream } });
    try {
      // A statement that fails inside the database, carrying a secret in its parameters.
      app.get('/api/test-failing-statement', async () => {
        await t.database.db.execute(sql`select ${'SECRET-CELL-CONTENTS viewer@example.org'}::int`);
      });
      const cookie = await signInAs(app, 'commissioner');
      const failed = await app.inject({ method: 'GET', url: '/api/test-failing-statement', headers: { cookie } });
      expect(failed.statusCode).toBe(500);
      const secret = Buffer.from(`kpi_code,month,value,comment\nPI5,2021-03,4,"SECRET-CELL-CONTENTS"\n`);
      await upload(app, cookie, 'secret.csv', secret);
      const log = lines.join('');
      expect(log).toMatch(/"sqlState":"22P02"/);
      expect(log).toMatch(/"reqId"/);
      expect(log).not.toMatch(/SECRET-CELL-CONTENTS|viewer@example\.org/);
    } finally {
      await app.close();
      await t.close();
    }
  });
});
