import { queryRows } from '@kpi/server/db';
import { chartExportResponseSchema, problemSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv, readXlsx, tidyTable } from '../support/documentReaders';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const MONTH = '2021-03';
// Commentary a spreadsheet would run as a formula, written into the test database.
const HOSTILE_COMMENTARY: Record<string, string> = {
  PI1: '=HYPERLINK("http://x","y")',
  PI2: '+1',
  PI3: '-1',
  PI5: '@x',
  PI6: '\tTab first',
};

describe(`data exports: CSV and Excel (${testDriverName()})`, () => {
  let t: TestApp;
  let analyst: string;
  let viewer: string;
  const get = (url: string, cookie = analyst) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  async function auditRows(action: string) {
    return queryRows<{ username: string; target: string; details: Record<string, unknown> }>(
      t.database.db,
      sql`select username, target, details from audit_log where action = ${action} order by id`,
    );
  }

  async function setMeetingPublished(heldOn: string, publishedAt: string | null) {
    await queryRows(
      t.database.db,
      sql`update meetings set published_at = ${publishedAt}::timestamptz where held_on = ${heldOn}::date returning id`,
    );
  }

  beforeAll(async () => {
    t = await createSeededTestApp();
    analyst = await signInAs(t.app, 'analyst');
    viewer = await signInAs(t.app, 'viewer');
    for (const [code, body] of Object.entries(HOSTILE_COMMENTARY)) {
      await queryRows(
        t.database.db,
        sql`insert into commentary (indicator_id, month, body)
            select id, ${`${MONTH}-01`}::date, ${body} from indicators where code = ${code}
            on conflict (indicator_id, month) do update set body = excluded.body
            returning id`,
      );
    }
  });
  afterAll(() => t.close());

  it('downloads the scorecard as tidy RFC 4180 CSV: header first, BOM, CRLF, named, typed, formulas neutralised', async () => {
    const response = await get(`/api/exports/scorecard.csv?month=${MONTH}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="scorecard-2021-03\.csv"/);
    expect(response.headers['cache-control']).toBe('private, no-cache');
    const csv = readCsv(response.rawPayload);
    expect(csv.bom).toBe(true);
    expect(csv.crlf).toBe(true);
    // Tidy: the first line is the header row, then one row per KPI, every row as wide as the header.
    const { header, rows } = tidyTable(csv);
    expect(header[0]).toBe('KPI');
    expect(header.at(-1)).toBe('Protective marking');
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 15 }, (_, n) => `PI${n + 1}`));
    // Published figures: the marking column is there, and empty.
    for (const row of rows) expect(row.at(-1)).toBe('');
    // The metadata is not in the data file; it is in the notes file.
    expect(csv.rows.some((r) => r[0] === 'Title' || r[0] === 'Source')).toBe(false);
    expect(csv.text).not.toMatch(/OFFICIAL-SENSITIVE/);

    const column = (name: string) => header.indexOf(name);
    const commentary = (code: string) => rows.find((r) => r[0] === code)![column('Commentary')];
    expect(commentary('PI1')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(commentary('PI2')).toBe(`'+1`);
    expect(commentary('PI3')).toBe(`'-1`);
    expect(commentary('PI5')).toBe(`'@x`);
    expect(commentary('PI6')).toBe(`'\tTab first`);
    // The raw bytes: the formula is quoted and prefixed, and a negative number is written bare.
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    const change = rows.find((r) => r[0] === 'PI2')![column('Change on previous month')]!;
    expect(change).toMatch(/^-\d+\.\d$/);
    expect(csv.text).toMatch(new RegExp(`,${change.replace('.', '\\.')},`));
    // Values are plain numbers at the KPI's precision, with the figure as shown beside them.
    const pi1 = rows.find((r) => r[0] === 'PI1')!;
    expect(pi1[column('Value, March 2021 (in the unit of its row, see Unit)')]).toBe('91.4');
    expect(pi1[column('As shown')]).toBe('91.4%');
  });

  it('puts the scorecard’s metadata in a notes CSV beside it, naming the data files and their sources', async () => {
    const response = await get(`/api/exports/scorecard.csv?month=${MONTH}&table=notes`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(/filename="scorecard-2021-03-notes\.csv"/);
    expect(response.headers['cache-control']).toBe('private, no-cache');
    const csv = readCsv(response.rawPayload);
    expect(csv.bom && csv.crlf).toBe(true);
    const { header, rows } = tidyTable(csv);
    expect(header).toEqual(['Item', 'Text', 'Protective marking']);
    const text = (item: string) => rows.filter((r) => r[0] === item).map((r) => r[1]);
    expect(text('Title')).toEqual(['Scorecard, March 2021']);
    expect(text('Organisation')).toEqual(['Sandwell Metropolitan Borough Council']);
    expect(text('Period')).toEqual(['March 2021']);
    expect(text('Produced')).toHaveLength(1);
    expect(text('Source')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Sandwell Metropolitan Borough Council: .*published council papers/),
      ]),
    );
    expect(text('Note').join('\n')).toMatch(/rounded to the precision/);
    expect(text('Data file')).toEqual([
      'scorecard-2021-03.csv: Every KPI, March 2021',
      'scorecard-2021-03-trends.csv: Each KPI’s figures for the 13 months to March 2021',
    ]);
    expect(text('Protective marking')).toEqual([]);
  });

  it('offers the 13-month trends as one long CSV with a KPI column', async () => {
    const response = await get(`/api/exports/scorecard.csv?month=${MONTH}&table=trends`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/filename="scorecard-2021-03-trends\.csv"/);
    const { header, rows } = tidyTable(readCsv(response.rawPayload));
    expect(header).toEqual([
      'KPI',
      'Unit',
      'Month',
      'Value (in the unit of its row, see Unit)',
      'As shown',
      'Rating',
      'Source',
      'Revised',
      'Protective marking',
    ]);
    expect(rows).toHaveLength(15 * 13);
    const pi4 = rows.filter((r) => r[0] === 'PI4');
    expect(pi4.map((r) => r[2])).toEqual([
      ...['03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2020-${m}`),
      ...['01', '02', '03'].map((m) => `2021-${m}`),
    ]);
    expect(pi4.every((r) => r[1] === '%')).toBe(true);
    expect((await get(`/api/exports/scorecard.csv?month=${MONTH}&table=comparators`)).statusCode).toBe(400);
  });

  it('writes the scorecard as a workbook: cover sheet, a table per KPI, numbers as numbers with formats', async () => {
    const response = await get(`/api/exports/scorecard.xlsx?month=${MONTH}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(/filename="scorecard-2021-03\.xlsx"/);
    const workbook = await readXlsx(response.rawPayload);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(['About', 'Scorecard']);
    expect(names.slice(2)).toEqual(Array.from({ length: 15 }, (_, n) => `PI${n + 1}`));

    const cover = workbook.getWorksheet('About')!;
    const coverText = cover
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(coverText).toContain('Scorecard, March 2021');
    expect(coverText).toContain('Source');
    expect(coverText).toMatch(/Notes/);
    expect(coverText).toMatch(/rounded to the precision/);

    for (const name of names.slice(2)) {
      const sheet = workbook.getWorksheet(name)!;
      const tables = Object.values((sheet as unknown as { tables: Record<string, unknown> }).tables);
      expect(tables, name).toHaveLength(1);
    }
    const scorecard = workbook.getWorksheet('Scorecard')!;
    const headerRow = scorecard.getRows(1, 10)!.find((row) => row.getCell(1).value === 'KPI')!;
    const headers = (headerRow.values as unknown[]).slice(1);
    const col = (name: string) => headers.indexOf(name) + 1;
    const pi1 = scorecard.getRow(headerRow.number + 1);
    expect(pi1.getCell(1).value).toBe('PI1');
    expect(pi1.getCell(col('Value, March 2021 (in the unit of its row, see Unit)')).value).toBe(91.4);
    expect(pi1.getCell(col('Value, March 2021 (in the unit of its row, see Unit)')).numFmt).toBe('#,##0.0"%"');
    // The SPC icons as words, the same as the scorecard API gives them.
    expect(String(pi1.getCell(col('SPC variation')).value)).toMatch(/^(Common cause|Special cause|No icons yet)/);
    expect(String(pi1.getCell(col('SPC assurance')).value)).toMatch(/^(Consistently|Hit and miss|No assurance)/);
    const pi14 = scorecard.getRow(headerRow.number + 14);
    expect(pi14.getCell(1).value).toBe('PI14');
    expect(typeof pi14.getCell(col('Value, March 2021 (in the unit of its row, see Unit)')).value).toBe('number');
    expect(pi14.getCell(col('Value, March 2021 (in the unit of its row, see Unit)')).numFmt).toBe('#,##0.00');
    const pi2Change = scorecard.getRow(headerRow.number + 2).getCell(col('Change on previous month'));
    expect(typeof pi2Change.value).toBe('number');
    expect(pi2Change.value as number).toBeLessThan(0);
    // Text stays text in the workbook (never a formula).
    expect(pi1.getCell(col('Commentary')).value).toBe('=HYPERLINK("http://x","y")');
    expect(pi1.getCell(col('Commentary')).type).toBe(ExcelValueType.String);

    const trend = workbook.getWorksheet('PI4')!;
    const trendHeader = trend.getRows(1, 10)!.find((row) => row.getCell(1).value === 'Month')!;
    const first = trend.getRow(trendHeader.number + 1);
    expect(first.getCell(1).value).toBeInstanceOf(Date);
    expect(first.getCell(1).numFmt).toBe('mmm yyyy');
    expect(typeof first.getCell(2).value).toBe('number');
  });

  it('downloads a KPI series as CSV and Excel, named by the KPI and the last month', async () => {
    const csvResponse = await get('/api/exports/indicators/PI4/series.csv?from=2020-04&to=2021-03');
    expect(csvResponse.statusCode, csvResponse.body).toBe(200);
    expect(csvResponse.headers['content-disposition']).toMatch(
      /filename="PI4-single-assessments-within-45-2021-03\.csv"/,
    );
    const csv = readCsv(csvResponse.rawPayload);
    expect(csv.bom && csv.crlf).toBe(true);
    const { header, rows } = tidyTable(csv);
    expect(header[0]).toBe('Month');
    expect(rows.map((r) => r[0])).toEqual([
      '2020-04',
      '2020-05',
      '2020-06',
      '2020-07',
      '2020-08',
      '2020-09',
      '2020-10',
      '2020-11',
      '2020-12',
      '2021-01',
      '2021-02',
      '2021-03',
    ]);
    expect(header).toEqual(expect.arrayContaining(['England (%)', 'West Midlands (%)', 'Protective marking']));
    for (const row of rows) expect(row[1]).toMatch(/^(\d+\.\d|[a-z]+|)$/);
    // The SPC chart's figures and its icons in words travel with the monthly series.
    const spcColumn = header.indexOf('SPC (signal or noise)');
    expect(spcColumn).toBeGreaterThan(0);
    for (const row of rows) expect(row[spcColumn]).toMatch(/^(Common cause|Special cause|No figure)/);
    const lower = rows.map((r) => Number(r[header.indexOf('SPC lower process limit (%)')]));
    const upper = rows.map((r) => Number(r[header.indexOf('SPC upper process limit (%)')]));
    for (const [i, l] of lower.entries()) expect(l).toBeLessThan(upper[i]!);
    // The icons in words, the definition and the sources are in the notes beside it.
    const notesResponse = await get('/api/exports/indicators/PI4/series.csv?from=2020-04&to=2021-03&table=notes');
    expect(notesResponse.headers['content-disposition']).toMatch(
      /filename="PI4-single-assessments-within-45-2021-03-notes\.csv"/,
    );
    const notes = tidyTable(readCsv(notesResponse.rawPayload)).rows;
    // Twelve months are trial limits, so the notes say why there are no icons yet (they need 13).
    expect(notes.filter((r) => r[0] === 'Note').map((r) => r[1])).toEqual(
      expect.arrayContaining([
        'SPC icons: No icons yet: 12 months; the icons need at least 13.',
        expect.stringMatching(/^Definition: /),
      ]),
    );
    expect(notes.filter((r) => r[0] === 'Source').length).toBeGreaterThanOrEqual(2);
    expect(notes.filter((r) => r[0] === 'Data file').map((r) => r[1])).toEqual([
      expect.stringMatching(/^PI4-single-assessments-within-45-2021-03\.csv: PI4 /),
    ]);

    const xlsxResponse = await get('/api/exports/indicators/PI4/series.xlsx?from=2020-04&to=2021-03&view=rolling12');
    expect(xlsxResponse.statusCode, xlsxResponse.body).toBe(200);
    expect(xlsxResponse.headers['content-disposition']).toMatch(
      /filename="PI4-single-assessments-within-45-rolling12-2021-03\.xlsx"/,
    );
    const workbook = await readXlsx(xlsxResponse.rawPayload);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['About', 'PI4']);
    const sheet = workbook.getWorksheet('PI4')!;
    const tables = Object.keys((sheet as unknown as { tables: Record<string, unknown> }).tables);
    expect(tables).toEqual(['PI4_rolling12']);
  });

  it('downloads a meeting briefing as CSV and Excel', async () => {
    const csvResponse = await get('/api/exports/meetings/1/briefing.csv');
    expect(csvResponse.statusCode, csvResponse.body).toBe(200);
    expect(csvResponse.headers['content-disposition']).toMatch(/filename="briefing-2021-08-23\.csv"/);
    const kpis = tidyTable(readCsv(csvResponse.rawPayload));
    expect(kpis.header[0]).toBe('KPI');
    expect(kpis.rows).toHaveLength(15);
    // The comparator table has other columns, so it is its own file.
    const comparatorResponse = await get('/api/exports/meetings/1/briefing.csv?table=comparators');
    expect(comparatorResponse.headers['content-disposition']).toMatch(
      /filename="briefing-2021-08-23-comparators\.csv"/,
    );
    const comparators = tidyTable(readCsv(comparatorResponse.rawPayload));
    expect(comparators.header.slice(0, 2)).toEqual(['KPI', 'Title']);
    expect(comparators.header).toContain('Comparator');
    expect(comparators.rows.length).toBeGreaterThan(0);
    const notes = tidyTable(readCsv((await get('/api/exports/meetings/1/briefing.csv?table=notes')).rawPayload));
    expect(notes.rows.find((r) => r[0] === 'Title')?.[1]).toBe('Briefing for the meeting on 23 August 2021');
    expect(notes.rows.filter((r) => r[0] === 'Data file')).toHaveLength(2);

    const xlsxResponse = await get('/api/exports/meetings/1/briefing.xlsx');
    expect(xlsxResponse.statusCode).toBe(200);
    const workbook = await readXlsx(xlsxResponse.rawPayload);
    const sheet = workbook.getWorksheet('Briefing')!;
    expect(Object.keys((sheet as unknown as { tables: Record<string, unknown> }).tables).sort()).toEqual([
      'Briefing_KPIs',
      'Briefing_comparators',
    ]);
  });

  it('lets a viewer export too, and refuses anyone not signed in', async () => {
    expect((await get(`/api/exports/scorecard.csv?month=${MONTH}`, viewer)).statusCode).toBe(200);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/exports/scorecard.csv?month=${MONTH}` });
    expect(anonymous.statusCode).toBe(401);
    expect(problemSchema.parse(anonymous.json()).status).toBe(401);
  });

  it('records every export in the audit log with its target and format', async () => {
    const scorecard = await auditRows('export.scorecard');
    expect(scorecard.length).toBeGreaterThanOrEqual(3);
    expect(scorecard[0]).toMatchObject({ username: 'analyst', target: 'scorecard 2021-03' });
    expect(scorecard.map((r) => r.details.format)).toEqual(expect.arrayContaining(['csv', 'xlsx']));
    expect(scorecard.some((r) => r.username === 'viewer')).toBe(true);
    const series = await auditRows('export.series');
    expect(series.map((r) => r.target)).toEqual([
      'PI4 2020-04..2021-03 monthly',
      'PI4 2020-04..2021-03 monthly',
      'PI4 2020-04..2021-03 rolling12',
    ]);
    expect(series.map((r) => r.details.table ?? null)).toEqual(['series', 'notes', null]);
    expect((await auditRows('export.briefing')).map((r) => r.details.table ?? r.details.format)).toEqual([
      'kpis',
      'comparators',
      'notes',
      'xlsx',
    ]);
  });

  // A neighbours' column read "Statistical neighbours" over 54.5: a rate per 10,000, a % or a count?
  it.each([
    ['PI2', 'rate per 10,000 children'],
    ['PI4', '%'],
    ['CIC-RATE', 'rate per 10,000 children'],
  ])('names the unit in every figure column header of the %s series, in CSV and XLSX', async (code, unit) => {
    const csvResponse = await get(`/api/exports/indicators/${code}/series.csv?from=2019-04&to=2021-03`);
    expect(csvResponse.statusCode, csvResponse.body).toBe(200);
    const { header, rows } = tidyTable(readCsv(csvResponse.rawPayload));
    const numeric = header.filter(
      (h, i) => i > 0 && !h.endsWith(' period') && rows.some((r) => /^-?\d+(\.\d+)?$/.test(r[i] ?? '')),
    );
    expect(numeric.length).toBeGreaterThanOrEqual(4);
    for (const h of numeric) expect(h).toContain(`(${unit}`);
    const comparatorHeaders = ['Statistical neighbours', 'West Midlands', 'England'].map((line) => `${line} (${unit})`);
    expect(header).toEqual(expect.arrayContaining(comparatorHeaders));

    const xlsxResponse = await get(`/api/exports/indicators/${code}/series.xlsx?from=2019-04&to=2021-03`);
    const workbook = await readXlsx(xlsxResponse.rawPayload);
    const sheet = workbook.worksheets.find((w) => w.name !== 'About')!;
    const headerRow = sheet.getRows(1, 15)!.find((row) => row.getCell(1).value === 'Month')!;
    const headers = (headerRow.values as unknown[]).slice(1).map(String);
    expect(headers).toEqual(expect.arrayContaining(comparatorHeaders));
  });

  it('labels a chart image and records its export', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/exports/indicators/PI4/chart',
      headers: { cookie: viewer },
      payload: { format: 'png', from: '2020-04', to: '2021-03', view: 'monthly' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = chartExportResponseSchema.parse(response.json());
    expect(body).toMatchObject({
      fileName: 'PI4-single-assessments-within-45-2021-03.png',
      organisation: 'Sandwell Metropolitan Borough Council',
      marking: null,
    });
    expect((await auditRows('export.chart')).at(-1)).toMatchObject({
      username: 'viewer',
      target: 'PI4 2020-04..2021-03 monthly',
      details: { format: 'png', fileName: 'PI4-single-assessments-within-45-2021-03.png', unpublished: false },
    });
    const backwards = await t.app.inject({
      method: 'POST',
      url: '/api/exports/indicators/PI4/chart',
      headers: { cookie: viewer },
      payload: { format: 'svg', from: '2021-03', to: '2020-04', view: 'monthly' },
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('names and records an SPC chart image apart from the trend chart', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/exports/indicators/PI4/chart',
      headers: { cookie: viewer },
      payload: { format: 'svg', chart: 'spc', from: '2020-04', to: '2021-03', view: 'monthly' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(chartExportResponseSchema.parse(response.json()).fileName).toBe(
      'PI4-single-assessments-within-45-2021-03-spc.svg',
    );
    expect((await auditRows('export.chart')).at(-1)).toMatchObject({
      target: 'PI4 2020-04..2021-03 monthly spc',
      details: { format: 'svg', chart: 'spc', fileName: 'PI4-single-assessments-within-45-2021-03-spc.svg' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/exports/indicators/PI4/chart',
      headers: { cookie: viewer },
      payload: { format: 'svg', chart: 'pie', from: '2020-04', to: '2021-03', view: 'monthly' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses a board pack with a KPI not in force that month', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/exports/board-pack',
      headers: { cookie: analyst },
      payload: { month: MONTH, kpiCodes: ['PI1', 'NOPE'], format: 'pdf' },
    });
    expect(response.statusCode).toBe(400);
    expect(problemSchema.parse(response.json()).detail).toMatch(/NOPE is not in the KPI set in force in March 2021/);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/exports/board-pack',
      headers: { cookie: analyst },
      payload: { month: MONTH, kpiCodes: [], format: 'docx' },
    });
    expect(empty.statusCode).toBe(400);
  });

  describe('with the meeting of 23 August 2021 not yet published', () => {
    beforeAll(() => setMeetingPublished('2021-08-23', null));
    afterAll(() => setMeetingPublished('2021-08-23', '2021-08-23T00:00:00Z'));

    it('marks every row of the CSV and of its notes OFFICIAL-SENSITIVE, and forbids caching both', async () => {
      const marking = 'OFFICIAL-SENSITIVE – unpublished until 23 August 2021';
      const response = await get(`/api/exports/scorecard.csv?month=${MONTH}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const { header, rows } = tidyTable(readCsv(response.rawPayload));
      expect(header[0]).toBe('KPI');
      const markingColumn = header.indexOf('Protective marking');
      expect(rows).toHaveLength(15);
      // On every row, so a filter or a sort of the rows cannot lose it.
      for (const row of rows) expect(row[markingColumn]).toBe(marking);
      const audit = (await auditRows('export.scorecard')).at(-1)!;
      expect(audit.details).toMatchObject({ format: 'csv', unpublished: true, table: 'scorecard' });

      const trends = tidyTable(
        readCsv((await get(`/api/exports/scorecard.csv?month=${MONTH}&table=trends`)).rawPayload),
      );
      for (const row of trends.rows) expect(row.at(-1)).toBe(marking);

      const notesResponse = await get(`/api/exports/scorecard.csv?month=${MONTH}&table=notes`);
      expect(notesResponse.headers['cache-control']).toBe('no-store');
      const notes = tidyTable(readCsv(notesResponse.rawPayload));
      expect(notes.rows.find((r) => r[0] === 'Protective marking')?.[1]).toBe(marking);
      for (const row of notes.rows) expect(row[2]).toBe(marking);
      expect((await auditRows('export.scorecard')).at(-1)!.details).toMatchObject({
        format: 'csv',
        table: 'notes',
        fileName: 'scorecard-2021-03-notes.csv',
        unpublished: true,
      });
    });

    it('marks the workbook on its cover, on every sheet and in every printed page header', async () => {
      const response = await get(`/api/exports/indicators/PI4/series.xlsx?from=2020-04&to=2021-03`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const workbook = await readXlsx(response.rawPayload);
      for (const sheet of workbook.worksheets) {
        expect(sheet.getCell('A1').value, sheet.name).toBe('OFFICIAL-SENSITIVE – unpublished until 23 August 2021');
        expect(sheet.headerFooter.oddHeader, sheet.name).toContain('OFFICIAL-SENSITIVE');
      }
    });

    it('labels chart images with the marking', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/exports/indicators/PI4/chart',
        headers: { cookie: analyst },
        payload: { format: 'svg', from: '2020-04', to: '2021-03', view: 'monthly' },
      });
      expect(chartExportResponseSchema.parse(response.json()).marking).toEqual({
        text: 'OFFICIAL-SENSITIVE – unpublished until 23 August 2021',
        until: '2021-08-23',
      });
    });

    it('does not let a viewer off the pre-release list export the unpublished month', async () => {
      expect((await get(`/api/exports/scorecard.csv?month=${MONTH}`, viewer)).statusCode).toBe(403);
      expect((await get(`/api/exports/scorecard.csv?month=${MONTH}&table=notes`, viewer)).statusCode).toBe(403);
      expect((await get('/api/exports/meetings/1/briefing.xlsx', viewer)).statusCode).toBe(403);
    });
  });
});

// exceljs's ValueType enum, without importing the library's runtime here.
const ExcelValueType = { String: 3 } as const;
