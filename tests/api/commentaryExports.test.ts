import { kpiMonthCommentarySchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv, readXlsx, tidyTable } from '../support/documentReaders';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const MONTH = '2021-03';
const LONG_LINE = `${'A very long line without a break '.repeat(200)}END`;
/** Written on screen: markup, a script, formula-like openings and a very long line. */
export const HOSTILE_COMMENTARY = [
  '=HYPERLINK("http://example.invalid","click")',
  '<script>alert("x")</script> <b>not bold</b> &amp;',
  '',
  '- +SUM(1,2)',
  '- @cmd',
  '',
  LONG_LINE,
].join('\n');
const HOSTILE_ACTION = '-2+3 <img src=x onerror=alert(1)>';

describe(`hostile commentary written on screen, then exported (${testDriverName()})`, () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const send = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createSeededTestApp();
    for (const who of ['analyst', 'commissioner', 'viewer']) cookies[who] = await signInAs(t.app, who);
    const url = `/api/indicators/PI1/commentary/${MONTH}`;
    const submitted = await send('POST', `${url}/submit`, 'analyst', { body: HOSTILE_COMMENTARY, basedOn: null });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const id = kpiMonthCommentarySchema.parse(submitted.json()).latest!.id;
    expect((await send('POST', `${url}/agree`, 'commissioner', { basedOn: id })).statusCode).toBe(200);
    const action = await send('POST', '/api/indicators/PI1/actions', 'analyst', {
      description: HOSTILE_ACTION,
      owner: '=Owner',
      dueOn: '2030-01-01',
      months: [MONTH],
    });
    expect(action.statusCode, action.body).toBe(201);
    // seeding the demo takes minutes on a loaded machine
  }, 600_000);
  afterAll(() => t.close());

  it('keeps the text whole and exact through the API', async () => {
    const read = kpiMonthCommentarySchema.parse(
      (await send('GET', `/api/indicators/PI1/commentary/${MONTH}`, 'viewer')).json(),
    );
    expect(read.agreed!.body).toBe(HOSTILE_COMMENTARY);
  });

  it('refuses text over the limit instead of cutting it', async () => {
    const response = await send('POST', `/api/indicators/PI2/commentary/${MONTH}/draft`, 'analyst', {
      body: 'x'.repeat(20_001),
      basedOn: null,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/at most 20000 characters; nothing was saved/);
  });

  it('CSV: neutralised with a leading apostrophe, otherwise exactly as written, actions included', async () => {
    const response = await send('GET', `/api/exports/scorecard.csv?month=${MONTH}`, 'viewer');
    expect(response.statusCode).toBe(200);
    const { header, rows } = tidyTable(readCsv(response.rawPayload));
    const pi1 = rows.find((r) => r[0] === 'PI1')!;
    expect(pi1[header.indexOf('Commentary')]).toBe(`'${HOSTILE_COMMENTARY}`);
    expect(pi1[header.indexOf('Open actions')]).toBe(`'${HOSTILE_ACTION} — owner =Owner, due 1 January 2030, Open`);
  });

  it('XLSX: text cells, never formulas, exactly as written', async () => {
    const response = await send('GET', `/api/exports/scorecard.xlsx?month=${MONTH}`, 'viewer');
    expect(response.statusCode).toBe(200);
    const workbook = await readXlsx(response.rawPayload);
    const found: unknown[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && cell.value.includes('HYPERLINK')) found.push(cell.value);
          expect(cell.formula ?? null).toBeNull();
        }),
      ),
    );
    expect(found).toContain(HOSTILE_COMMENTARY);
  });
});
