import { readFileSync } from 'node:fs';
import path from 'node:path';
import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASELOAD_CODES,
  commit,
  countRows,
  createReturnsTestApp,
  ExcelJS,
  FIXTURES_DIR,
  fixture,
  insertIllustrative,
  insertLockedMeeting,
  type ReturnsTestApp,
  storedFigures,
  upload,
  workbookBytes,
  XLSX_MIME,
} from '../fixtures/returns/support';
import { testDriverName } from '../support/testDatabase';

const driver = testDriverName();

function longCsv(...rows: string[]): Buffer {
  return Buffer.from(`kpi_code,month,value\r\n${rows.join('\r\n')}\r\n`);
}

async function observation(t: ReturnsTestApp, code: string, month: string) {
  const [row] = await queryRows<{
    value: string | null;
    numerator: string | null;
    denominator: string | null;
    symbol: string | null;
    provenance: string;
    status: string;
    upload_id: number | null;
  }>(
    t.database.db,
    sql`select o.value, o.numerator, o.denominator, o.symbol, o.provenance, o.status, o.upload_id
        from observations o join indicators i on i.id = o.indicator_id where i.code = ${code} and o.month = ${`${month}-01`}`,
  );
  return row;
}

describe(`return templates (${driver})`, () => {
  let t: ReturnsTestApp;
  beforeAll(async () => {
    t = await createReturnsTestApp();
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = t.cookies.commissioner) =>
    t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('CSV: UTF-8 with a BOM, KPIs as rows and months as columns, as an attachment', async () => {
    const response = await get('/api/returns/template?kpiSet=CONTRACT-2018&from=2021-03&to=2021-03&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="return-contract-2018-2021-03\.csv";/,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(
      response.body
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, 3),
    ).toEqual([
      'kpi_code,title,units,2021-03',
      'PI1,The percentage of contacts accepted as a MASH referral within 24 hours,"% (0 to 100), 1 decimal place",',
      'PI2,"Children subject of a Child Protection Plan per 10,000 children","rate per 10,000 children, 1 decimal place",',
    ]);
  });

  it('XLSX: bold header, text month headings, a units column and an instructions sheet listing the symbols', async () => {
    const response = await get('/api/returns/template?kpiSet=CONTRACT-2018&from=2021-01&to=2021-03&format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_MIME);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="return-contract-2018-2021-01-to-2021-03\.xlsx";/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Return', 'Instructions']);
    const sheet = workbook.getWorksheet('Return')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'kpi_code', 'title', 'units', '2021-01', '2021-02', '2021-03']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('D1').numFmt).toBe('@');
    expect(typeof sheet.getCell('D1').value).toBe('string');
    expect(sheet.getColumn(1).values.slice(2)).toEqual(['PI1', 'PI2', 'PI5', 'PI14']);
    expect(sheet.getCell('C4').value).toBe('count, whole number');
    const instructions = workbook.getWorksheet('Instructions')!;
    const text: string[] = [];
    instructions.eachRow((row) => text.push((row.values as unknown[]).filter(Boolean).join(' | ')));
    for (const symbol of ['c', 'x', 'z', 'low', 'u']) {
      expect(text.some((line) => line.startsWith(`${symbol} | `))).toBe(true);
    }
    expect(text.join('\n')).toMatch(/An empty cell is never read as zero/);
  });

  it('defaults to the last month that has ended', async () => {
    const response = await get('/api/returns/template?kpiSet=contract-2018');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="return-contract-2018-2021-04\.xlsx";/,
    );
  });

  it('refuses months outside the KPI set, and unknown sets', async () => {
    const outside = await get('/api/returns/template?kpiSet=CONTRACT-2018&from=2024-02&to=2024-05');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toBe('The KPI set CONTRACT-2018 is in force from April 2018 to March 2024.');
    expect(outside.json().errors).toEqual([
      { path: 'querystring.to', message: 'Choose months from April 2018 to March 2024' },
    ]);
    expect((await get('/api/returns/template?kpiSet=NOPE')).statusCode).toBe(404);
  });

  it('viewers cannot download the template', async () => {
    expect((await get('/api/returns/template?kpiSet=CONTRACT-2018', t.cookies.viewer)).statusCode).toBe(403);
  });
});

describe(`loading valid files (${driver})`, () => {
  let t: ReturnsTestApp;
  beforeAll(async () => {
    t = await createReturnsTestApp();
  });
  afterAll(() => t.close());

  async function load(name: string, bytes: Buffer, cookie = t.cookies.commissioner) {
    const preview = await upload(t.app, cookie, name, bytes);
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.report.errors).toEqual([]);
    const committed = await commit(t.app, cookie, body.upload.id, {
      confirmWarnings: body.needsConfirmation,
      ...(body.needsReason ? { reason: 'Corrected by the Trust' } : {}),
    });
    expect(committed.statusCode, committed.body).toBe(200);
    return { preview: body, commit: committed.json() };
  }

  it('the wide template as CSV: percentages with and without %, symbols, thousands commas, empty cells', async () => {
    const { preview, commit: result } = await load('valid-wide.csv', fixture('valid-wide.csv'));
    expect(preview.upload).toMatchObject({ format: 'csv', layout: 'wide', encoding: 'utf-8', outcome: 'validated' });
    expect(preview.counts).toEqual({
      figures: 11,
      new: 11,
      changed: 0,
      valueChanged: 0,
      confirmed: 0,
      ratingChanged: 0,
      unchanged: 0,
      comments: 0,
      errors: 0,
      warnings: 0,
    });
    expect(preview.preview.newValues[1]).toMatchObject({
      kpiCode: 'PI1',
      month: '2021-02',
      location: 'row 2, column "2021-02"',
      new: { value: 70.1, displayValue: '70.1%' },
    });
    expect(result).toMatchObject({ outcome: 'committed', commit: { created: 11, changed: 0, revisionsWritten: 11 } });
    const figures = await storedFigures(t.database.db);
    expect(figures).toMatchObject({
      'PI1 2021-01': 72.5,
      'PI1 2021-02': 70.1,
      'PI1 2021-03': 68,
      'PI2 2021-02': 'c',
      'PI5 2021-02': 1234,
      'PI14 2021-02': 20.25,
    });
    // the empty cell is no figure at all, not a zero
    expect(figures['PI14 2021-03']).toBeUndefined();
    expect(await observation(t, 'PI2', '2021-02')).toMatchObject({
      value: null,
      symbol: 'c',
      provenance: 'uploaded_return',
      status: 'provisional',
    });
  });

  it('re-uploading the same file changes nothing and says so', async () => {
    const before = await countRows(t.database.db);
    const again = (await upload(t.app, t.cookies.analyst, 'valid-wide (copy).csv', fixture('valid-wide.csv'))).json();
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 11 });
    expect(again.alreadyLoaded.message).toBe(
      'This file was already loaded on 15 May 2021 at 11:00 by Commissioning manager (demo); nothing would change.',
    );
    expect(again.message).toBe(again.alreadyLoaded.message);
    const result = await commit(t.app, t.cookies.analyst, again.upload.id);
    expect(result.statusCode).toBe(200);
    expect(result.json()).toMatchObject({
      outcome: 'no_change',
      commit: { created: 0, changed: 0, revisionsWritten: 0 },
    });
    expect(await countRows(t.database.db)).toEqual(before);
  });

  it('the long format in UTF-8 with a BOM, with numerators, denominators, symbols and comments', async () => {
    const { preview } = await load('valid-bom.csv', fixture('valid-bom.csv'));
    expect(preview.upload).toMatchObject({ layout: 'long', encoding: 'utf-8 with BOM' });
    // PI1 March 2021 was 68.0% from valid-wide.csv: the long file changes it
    expect(preview.preview.changedValues).toMatchObject([
      {
        kpiCode: 'PI1',
        month: '2021-03',
        old: { displayValue: '68.0%', fileName: 'valid-wide.csv' },
        new: { value: 75, numerator: 45, denominator: 60 },
      },
      { kpiCode: 'PI1', month: '2021-02' },
      { kpiCode: 'PI5', month: '2021-03', new: { value: null, symbol: 'low', displayValue: 'low' } },
    ]);
    expect(await observation(t, 'PI1', '2021-03')).toMatchObject({
      value: '75',
      numerator: '45',
      denominator: '60',
      status: 'revised',
    });
  });

  it('a Windows-1252 CSV keeps its £, é, curly apostrophe and dash in the comment', async () => {
    const { preview } = await load('valid-1252.csv', fixture('valid-1252.csv'));
    expect(preview.upload.encoding).toBe('windows-1252');
    const [comment] = await queryRows<{ body: string }>(
      t.database.db,
      sql`select c.body from commentary c join indicators i on i.id = c.indicator_id where i.code = 'PI14' and c.month = '2021-03-01'`,
    );
    expect(comment!.body).toBe('Agency cover cost £1,200 a week – the Trust’s café-style drop-ins started');
  });

  it("a comment is saved as the month's commentary; a changed comment alone is something to load", async () => {
    const file = (comment: string) => Buffer.from(`kpi_code,month,value,comment\r\nPI14,2021-02,20.75,${comment}\r\n`);
    const first = (await upload(t.app, t.cookies.analyst, 'comment.csv', file('Two agency workers left'))).json();
    expect(first.counts).toMatchObject({ unchanged: 1, comments: 1 });
    expect(first.preview.unchangedValues[0]).toMatchObject({
      comment: 'Two agency workers left',
      commentChanged: true,
    });
    expect(first.message).toBe('Loading this file would save 1 comment. Nothing is saved until you load it.');
    const done = (await commit(t.app, t.cookies.analyst, first.upload.id)).json();
    expect(done).toMatchObject({ outcome: 'committed', commit: { created: 0, changed: 0, commentsSaved: 1 } });
    const again = (await upload(t.app, t.cookies.analyst, 'comment.csv', file('Two agency workers left'))).json();
    expect(again.counts).toMatchObject({ unchanged: 1, comments: 0 });
    expect(again.alreadyLoaded.message).toMatch(/; nothing would change\.$/);

    // The comment joins the commentary history: from Trust staff it awaits a commissioner's
    // agreement; loaded by a commissioner, it is agreed.
    const versions = () =>
      queryRows<{ state: string; source: string; body: string; file: string }>(
        t.database.db,
        sql`select v.state, v.source, v.body, u.file_name as file from commentary_versions v
            join indicators i on i.id = v.indicator_id join uploads u on u.id = v.upload_id
            where i.code = 'PI14' and v.month = '2021-02-01' order by v.id`,
      );
    expect(await versions()).toEqual([
      { state: 'submitted', source: 'return', body: 'Two agency workers left', file: 'comment.csv' },
    ]);
    await load('comment2.csv', file('Two agency workers left in February'));
    expect((await versions()).map((v) => v.state)).toEqual(['submitted', 'agreed']);
    const [shown] = await queryRows<{ body: string }>(
      t.database.db,
      sql`select c.body from commentary c join indicators i on i.id = c.indicator_id where i.code = 'PI14' and c.month = '2021-02-01'`,
    );
    expect(shown!.body).toBe('Two agency workers left in February');
  });

  it('the downloaded XLSX template, filled in Excel-style with a percentage cell, loads', async () => {
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/returns/template?kpiSet=CONTRACT-2018&from=2020-10&to=2020-12',
      headers: { cookie: t.cookies.commissioner },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Return')!;
    sheet.getCell('D2').value = 0.725; // PI1 October 2020, typed as 72.5% in a percentage cell
    sheet.getCell('D2').numFmt = '0.0%';
    sheet.getCell('E2').value = 71.2;
    sheet.getCell('F2').value = '70%';
    sheet.getCell('D3').value = 55.2;
    sheet.getCell('D4').value = 'x';
    const bytes = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const { preview } = await load('return-contract-2018-2020-10-to-2020-12.xlsx', bytes);
    expect(preview.upload).toMatchObject({ format: 'xlsx', layout: 'wide', sheetName: 'Return' });
    expect(
      preview.preview.newValues.map((v: { location: string; new: { displayValue: string } }) => [
        v.location,
        v.new.displayValue,
      ]),
    ).toEqual([
      ['D2', '72.5%'],
      ['E2', '71.2%'],
      ['F2', '70.0%'],
      ['D3', '55.2 per 10,000'],
      ['D4', 'x'],
    ]);
    expect(await storedFigures(t.database.db)).toMatchObject({
      'PI1 2020-10': 72.5,
      'PI1 2020-12': 70,
      'PI5 2020-10': 'x',
    });
  });

  it('a 1904-date-system workbook with a date cell and a bare date serial as month headings', async () => {
    const serial1904 = (Date.UTC(2020, 7, 1) - Date.UTC(1904, 0, 1)) / 86_400_000; // 1 August 2020
    const bytes = await workbookBytes(
      [
        ['kpi_code', 'title', 'units', new Date(Date.UTC(2020, 6, 1)), serial1904],
        ['PI14', 'Average caseload', 'average', 19.5, 20],
      ],
      { date1904: true, numFmts: { D1: 'mmm-yy' } },
    );
    const { preview } = await load('mac-return.xlsx', bytes);
    expect(preview.preview.newValues.map((v: { month: string; location: string }) => [v.month, v.location])).toEqual([
      ['2020-07', 'D2'],
      ['2020-08', 'E2'],
    ]);
    expect(await storedFigures(t.database.db)).toMatchObject({ 'PI14 2020-07': 19.5, 'PI14 2020-08': 20 });
  });
});

describe(`the real 2020-21 caseloads as a long-format return (${driver})`, () => {
  let t: ReturnsTestApp;
  beforeAll(async () => {
    t = await createReturnsTestApp();
  });
  afterAll(() => t.close());

  it('uploads cleanly and stores the published average for all 60 team-months', async () => {
    const preview = (
      await upload(t.app, t.cookies.analyst, 'caseloads-2020-21-return.csv', fixture('caseloads-2020-21-return.csv'))
    ).json();
    expect(preview.report).toEqual({ errors: [], warnings: [] });
    expect(preview.counts).toMatchObject({ figures: 60, new: 60 });
    const result = await commit(t.app, t.cookies.analyst, preview.upload.id);
    expect(result.statusCode, result.body).toBe(200);

    const reference = readFileSync(path.resolve(FIXTURES_DIR, '../../../data/reference/caseloads-2020-21.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','));
    expect(reference).toHaveLength(60);
    const stored = await storedFigures(t.database.db);
    expect(Object.keys(stored)).toHaveLength(60);
    for (const [team, month, cases, fte, average] of reference) {
      const code = CASELOAD_CODES[team!]!;
      expect(stored[`${code} ${month}`], `${team} ${month}`).toBe(Number(average));
      expect(await observation(t, code, month!)).toMatchObject({
        numerator: String(Number(cases)),
        denominator: String(Number(fte)),
      });
    }
  });
});

describe(`changes, reasons, locked months and history (${driver})`, () => {
  let t: ReturnsTestApp;
  let firstUpload: { id: number; sha256: string };
  beforeAll(async () => {
    t = await createReturnsTestApp();
    const preview = (await upload(t.app, t.cookies.commissioner, 'valid-bom.csv', fixture('valid-bom.csv'))).json();
    firstUpload = preview.upload;
    expect((await commit(t.app, t.cookies.commissioner, preview.upload.id)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('changing a reported figure needs confirming and a reason; the figure is marked revised', async () => {
    const preview = (await upload(t.app, t.cookies.analyst, 'pi1-correction.csv', longCsv('PI1,2021-03,80'))).json();
    expect(preview.preview.changedValues).toMatchObject([
      {
        kpiCode: 'PI1',
        month: '2021-03',
        old: { value: 75, displayValue: '75.0%', provenance: 'uploaded_return', fileName: 'valid-bom.csv' },
        new: { value: 80, displayValue: '80.0%' },
        changesReportedFigure: true,
      },
    ]);
    expect(preview.report.warnings).toEqual([
      expect.objectContaining({
        code: 'changes_reported_value',
        location: 'row 2, column "value"',
        message:
          'This changes PI1 for March 2021, already reported as 75.0% (from valid-bom.csv), to 80.0%. Give a reason for the change when you load the file.',
      }),
    ]);
    expect(preview).toMatchObject({ canCommit: true, needsConfirmation: true, needsReason: true });

    const unconfirmed = await commit(t.app, t.cookies.analyst, preview.upload.id, { confirmWarnings: false });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().errors).toEqual([
      { path: 'body.confirmWarnings', message: 'Confirm that you have checked the warnings' },
    ]);
    const noReason = await commit(t.app, t.cookies.analyst, preview.upload.id, { confirmWarnings: true, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([
      { path: 'body.reason', message: 'Give a reason for changing figures that were already reported' },
    ]);
    expect(await storedFigures(t.database.db)).toMatchObject({ 'PI1 2021-03': 75 });

    const done = await commit(t.app, t.cookies.analyst, preview.upload.id, {
      confirmWarnings: true,
      reason: 'Late recording of MASH decisions corrected',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(await observation(t, 'PI1', '2021-03')).toMatchObject({
      value: '80',
      numerator: null,
      denominator: null,
      status: 'revised',
      upload_id: preview.upload.id,
    });
  });

  it('history shows who set each value, when, from which file and why, oldest first', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/returns/history?kpi=PI1&month=2021-03',
      headers: { cookie: t.cookies.analyst },
    });
    expect(response.statusCode).toBe(200);
    const history = response.json();
    expect(history).toMatchObject({
      kpiCode: 'PI1',
      month: '2021-03',
      current: {
        value: 80,
        displayValue: '80.0%',
        status: 'revised',
        provenance: 'uploaded_return',
        fileName: 'pi1-correction.csv',
      },
    });
    expect(history.revisions).toEqual([
      {
        id: expect.any(Number),
        changedAt: '2021-05-15T10:00:00.000Z',
        changedBy: { username: 'commissioner', displayName: 'Commissioning manager (demo)', role: 'commissioner' },
        old: { value: null, symbol: null, displayValue: 'No data' },
        new: { value: 75, symbol: null, displayValue: '75.0%' },
        reason: null,
        upload: { id: firstUpload.id, fileName: 'valid-bom.csv', sha256: firstUpload.sha256 },
      },
      {
        id: expect.any(Number),
        changedAt: '2021-05-15T10:00:00.000Z',
        changedBy: { username: 'analyst', displayName: 'Trust analyst (demo)', role: 'analyst' },
        old: { value: 75, symbol: null, displayValue: '75.0%' },
        new: { value: 80, symbol: null, displayValue: '80.0%' },
        reason: 'Late recording of MASH decisions corrected',
        upload: {
          id: expect.any(Number),
          fileName: 'pi1-correction.csv',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      },
    ]);
    expect(history.revisions[0].id).toBeLessThan(history.revisions[1].id);
  });

  it('an illustrative figure replaced by a return is a change recorded as "replaces illustrative demo data"', async () => {
    await insertIllustrative(t.database.db, 'PI14', '2021-01', 18);
    const preview = (await upload(t.app, t.cookies.analyst, 'pi14.csv', longCsv('PI14,2021-01,18'))).json();
    expect(preview.preview.changedValues).toMatchObject([
      { kpiCode: 'PI14', old: { provenance: 'illustrative', displayValue: '18.00' }, replacesIllustrative: true },
    ]);
    expect(preview).toMatchObject({ needsReason: false, needsConfirmation: false });
    expect((await commit(t.app, t.cookies.analyst, preview.upload.id)).statusCode).toBe(200);
    expect(await observation(t, 'PI14', '2021-01')).toMatchObject({
      value: '18',
      provenance: 'uploaded_return',
      status: 'provisional',
    });
    const [revision] = await queryRows<{ reason: string }>(
      t.database.db,
      sql`select r.reason from observation_revisions r join indicators i on i.id = r.indicator_id where i.code = 'PI14' and r.month = '2021-01-01'`,
    );
    expect(revision!.reason).toBe('replaces illustrative demo data');
  });

  it('the preview tells new figures, changed values, confirmed figures and rating changes apart', async () => {
    // PI1's bands from April to July 2019 only, so no other test's figures are rated
    await t.database.db.execute(sql`insert into threshold_versions (indicator_id, effective_from, effective_to,
        target_operator, target_value, failure_operator, failure_value)
      select id, '2019-04-01', '2019-07-31', '>', 85, '<', 75 from indicators where code = 'PI1'`);
    await insertIllustrative(t.database.db, 'PI1', '2019-04', 85.9);
    await insertIllustrative(t.database.db, 'PI1', '2019-05', 53.1);
    await insertIllustrative(t.database.db, 'PI1', '2019-06', 80.2);
    const file = longCsv('PI1,2019-04,81.5', 'PI1,2019-05,53.1', 'PI1,2019-06,81.0', 'PI1,2019-07,90');
    const preview = (await upload(t.app, t.cookies.commissioner, 'pi1-2019.csv', file)).json();
    expect(preview.counts).toMatchObject({ new: 1, changed: 3, valueChanged: 2, confirmed: 1, ratingChanged: 1 });
    expect(preview.message).toBe(
      'Loading this file would save 1 new figure, 2 changed values and 1 figure confirmed (same value, now from a return). 1 figure changes rating. See the ratings below. Check the 1 warning and confirm them. Nothing is saved until you load it.',
    );
    // the file's own May (53.1) is the latest figure before June's 81.0, which is therefore unusual
    expect(preview.report.warnings).toMatchObject([{ code: 'outlier', month: '2019-06' }]);
    const byMonth = Object.fromEntries(
      [...preview.preview.newValues, ...preview.preview.changedValues].map((i: { month: string }) => [i.month, i]),
    );
    expect(byMonth['2019-04']).toMatchObject({
      effect: 'value_changed',
      rating: { before: 'green', after: 'amber', changed: true },
    });
    expect(byMonth['2019-05']).toMatchObject({ effect: 'confirmed', rating: { changed: false } });
    expect(byMonth['2019-06']).toMatchObject({
      effect: 'value_changed',
      rating: { before: 'amber', after: 'amber', changed: false },
    });
    expect(byMonth['2019-07']).toMatchObject({ effect: 'new', rating: { before: null, after: 'green' } });
    expect(preview.preview.ratingChanges).toMatchObject([
      { kpiCode: 'PI1', month: '2019-04', old: { displayValue: '85.9%' }, new: { displayValue: '81.5%' } },
    ]);

    const result = await commit(t.app, t.cookies.commissioner, preview.upload.id, { confirmWarnings: true });
    expect(result.json()).toMatchObject({
      commit: { created: 1, changed: 3, valueChanged: 2, confirmed: 1, ratingChanged: 1 },
      message:
        'Loaded: 1 new figure, 2 changed values and 1 figure confirmed (same value, now from a return). 1 figure changed rating.',
    });
  });

  describe('months presented to a locked meeting', () => {
    beforeAll(async () => {
      await insertLockedMeeting(t.database.db, '2020-10', '2020-12', '2021-01-20');
    });

    it('analysts get an error for each locked row, and nothing is written', async () => {
      const before = await countRows(t.database.db);
      const preview = (
        await upload(t.app, t.cookies.analyst, 'locked.csv', longCsv('PI5,2020-11,10', 'PI5,2021-01,11'))
      ).json();
      expect(preview.upload.outcome).toBe('rejected');
      expect(preview.report.errors).toEqual([
        expect.objectContaining({
          code: 'locked_month',
          location: 'row 2, column "value"',
          message:
            "November 2020 was presented to the Children's Services and Education Scrutiny Board meeting on 20 January 2021 and is locked. Only a commissioner or an administrator can amend it, with a reason. Remove this figure from the file, or ask a commissioner to load it.",
        }),
      ]);
      expect(await countRows(t.database.db)).toEqual(before);
    });

    it('a commissioner can amend them with a reason; the value is flagged revised', async () => {
      const preview = (await upload(t.app, t.cookies.commissioner, 'locked.csv', longCsv('PI5,2020-11,10'))).json();
      expect(preview.upload.outcome).toBe('validated');
      expect(preview.report.warnings).toEqual([
        expect.objectContaining({ code: 'amends_locked_month', location: 'row 2, column "value"' }),
      ]);
      expect(preview.preview.newValues).toMatchObject([{ lockedMonth: true }]);
      expect(preview).toMatchObject({ needsReason: true, needsConfirmation: true });
      const noReason = await commit(t.app, t.cookies.commissioner, preview.upload.id, { confirmWarnings: true });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors[0].path).toBe('body.reason');
      const done = await commit(t.app, t.cookies.commissioner, preview.upload.id, {
        confirmWarnings: true,
        reason: 'Figure missing from the November return',
      });
      expect(done.statusCode).toBe(200);
      expect(await observation(t, 'PI5', '2020-11')).toMatchObject({ value: '10', status: 'revised' });
    });

    it('an analyst may still load a locked month whose figure does not change', async () => {
      const preview = (await upload(t.app, t.cookies.analyst, 'same.csv', longCsv('PI5,2020-11,10'))).json();
      expect(preview).toMatchObject({ canCommit: true, counts: { unchanged: 1, errors: 0, warnings: 0 } });
      expect((await commit(t.app, t.cookies.analyst, preview.upload.id)).json().outcome).toBe('no_change');
    });

    it("an analyst cannot commit a commissioner's upload that amends a locked month", async () => {
      const preview = (await upload(t.app, t.cookies.commissioner, 'dec.csv', longCsv('PI5,2020-12,11'))).json();
      const refused = await commit(t.app, t.cookies.analyst, preview.upload.id, { confirmWarnings: true, reason: 'r' });
      expect(refused.statusCode).toBe(403);
      // Refused before the lock is even looked at: an analyst loads only their own uploads.
      expect(refused.json().detail).toMatch(/An analyst can load only a return they uploaded themselves/);
      const byAdmin = await commit(t.app, t.cookies.admin, preview.upload.id, { confirmWarnings: true, reason: 'r' });
      expect(byAdmin.statusCode).toBe(200);
    });
  });

  it('commits and refusals are audited', async () => {
    const rows = await queryRows<{ action: string; outcome: string; username: string }>(
      t.database.db,
      sql`select action, outcome, username from audit_log where action = 'return.commit' order by id`,
    );
    expect(rows.filter((r) => r.outcome === 'success').length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.outcome === 'refused').length).toBeGreaterThanOrEqual(4);
  });
});

describe(`roles (${driver})`, () => {
  let t: ReturnsTestApp;
  let uploadId: number;
  beforeAll(async () => {
    t = await createReturnsTestApp();
    uploadId = (await upload(t.app, t.cookies.commissioner, 'valid-wide.csv', fixture('valid-wide.csv'))).json().upload
      .id;
  });
  afterAll(() => t.close());

  it('viewers get 403 on every returns route, and the refusal is audited', async () => {
    const requests = [
      {
        method: 'POST' as const,
        url: '/api/returns/uploads?fileName=a.csv',
        headers: { 'content-type': 'text/csv' },
        payload: fixture('valid-wide.csv'),
      },
      { method: 'POST' as const, url: `/api/returns/uploads/${uploadId}/commit`, payload: { confirmWarnings: true } },
      { method: 'GET' as const, url: '/api/returns/uploads' },
      { method: 'GET' as const, url: `/api/returns/uploads/${uploadId}` },
      { method: 'GET' as const, url: `/api/returns/uploads/${uploadId}/report.csv` },
      { method: 'GET' as const, url: '/api/returns/history?kpi=PI1&month=2021-03' },
      { method: 'GET' as const, url: '/api/returns/template?kpiSet=CONTRACT-2018' },
    ];
    for (const request of requests) {
      const response = await t.app.inject({ ...request, headers: { ...request.headers, cookie: t.cookies.viewer } });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const anonymous = await t.app.inject({ ...request, headers: request.headers ?? {} });
      expect(anonymous.statusCode, `${request.method} ${request.url}`).toBe(401);
    }
    expect(await countRows(t.database.db)).toEqual({ observations: 0, revisions: 0 });
    const [refusals] = await queryRows<{ n: string }>(
      t.database.db,
      sql`select count(*) as n from audit_log where action = 'access.refused' and username = 'viewer'`,
    );
    expect(Number(refusals!.n)).toBe(requests.length);
  });

  it('every returns route is in the OpenAPI document with an operationId', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = Object.entries(document.paths as Record<string, Record<string, { operationId?: string }>>)
      .filter(([route]) => route.startsWith('/api/returns'))
      .flatMap(([route, methods]) =>
        Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${route} ${op.operationId}`),
      );
    expect(operations.sort()).toEqual([
      'GET /api/returns/history getReturnHistory',
      'GET /api/returns/template getReturnTemplate',
      'GET /api/returns/uploads listReturnUploads',
      'GET /api/returns/uploads/{id} getReturnUpload',
      'GET /api/returns/uploads/{id}/report.csv downloadReturnReport',
      'POST /api/returns/uploads uploadReturn',
      'POST /api/returns/uploads/{id}/abandon abandonReturnUpload',
      'POST /api/returns/uploads/{id}/commit commitReturnUpload',
    ]);
  });

  it('commissioners, analysts and admins can list uploads and reopen a preview', async () => {
    for (const role of ['commissioner', 'analyst', 'admin'] as const) {
      const list = await t.app.inject({
        method: 'GET',
        url: '/api/returns/uploads',
        headers: { cookie: t.cookies[role] },
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().uploads[0]).toMatchObject({
        id: uploadId,
        fileName: 'valid-wide.csv',
        outcome: 'validated',
        counts: { new: 11 },
      });
      const one = await t.app.inject({
        method: 'GET',
        url: `/api/returns/uploads/${uploadId}`,
        headers: { cookie: t.cookies[role] },
      });
      expect(one.json()).toMatchObject({ canCommit: true, counts: { figures: 11 } });
    }
  });
});
