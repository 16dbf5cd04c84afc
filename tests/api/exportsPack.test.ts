import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '@kpi/server';
import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../support/chromium';
import { buildClientForTests, readDocx, readPdf, readPng } from '../support/documentReaders';
import { REFERENCE_DIR } from '../support/seededApp';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/exports');
const MONTH = '2021-03';
const ALL = Array.from({ length: 15 }, (_, n) => `PI${n + 1}`);
const chromium = findChromium();
// On a machine without Chromium the pack cannot be drawn, so these are skipped; CI has Chromium
// and must never skip them silently, so there they run (and fail loudly if it is missing).
const skipWithoutChromium = !chromium && process.env.CI !== 'true';

/**
 * The board pack, drawn by the client's print route in the server's Chromium. The client is built
 * into a temporary directory first (this stage runs before the browser stage builds it).
 */
describe.skipIf(skipWithoutChromium)(`board pack as PDF and Word (${testDriverName()})`, () => {
  let t: TestApp;
  let clientDist: string;
  let analyst: string;
  const timings: string[] = [];

  async function pack(format: 'pdf' | 'docx', kpiCodes: string[] = ALL, cookie = analyst) {
    const started = performance.now();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/exports/board-pack',
      headers: { cookie },
      payload: { month: MONTH, kpiCodes, format },
    });
    const seconds = (performance.now() - started) / 1000;
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    return { response, seconds };
  }

  beforeAll(async () => {
    process.env.CHROMIUM_PATH ??= chromium!;
    mkdirSync(artifacts, { recursive: true });
    clientDist = buildClientForTests();
    t = await createTestApp({ clientDist });
    await seedDemo(t.database.db, { referenceDir: REFERENCE_DIR });
    analyst = await signInAs(t.app, 'analyst');
  });
  afterAll(async () => {
    await t?.close();
    if (clientDist) rmSync(clientDist, { recursive: true, force: true });
    if (timings.length > 0) console.log(`board pack timings (15 KPIs): ${timings.join(', ')}`);
  });

  it('produces a 15-KPI PDF well within a minute: A4 landscape, contents page, a page per KPI, page numbers', async () => {
    const { response, seconds } = await pack('pdf');
    timings.push(`PDF ${seconds.toFixed(1)} s (first, Chromium launching)`);
    expect(seconds).toBeLessThan(60);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="board-pack-2021-03\.pdf"/);
    expect(response.headers['cache-control']).toBe('private, no-cache');
    writeFileSync(path.join(artifacts, 'board-pack-2021-03.pdf'), response.rawPayload);

    const pdf = await readPdf(response.rawPayload);
    expect(pdf.pages).toHaveLength(16);
    expect(pdf.pages[0]).toContain('Performance board pack, March 2021');
    expect(pdf.pages[0]).toContain('Scorecard: a page for each KPI follows');
    for (const code of ALL) expect(pdf.pages[0]).toContain(code);
    pdf.pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of 16`);
      expect(text, `page ${i + 1}`).toMatch(/Produced \d{1,2} \w+ \d{4}/);
      expect(text, `page ${i + 1}`).not.toContain('OFFICIAL-SENSITIVE');
    });
    ALL.forEach((code, i) => {
      const page = pdf.pages[i + 1]!;
      expect(page, code).toContain(`${code} `);
      expect(page, code).toMatch(/Value against target/);
      expect(page, code).toMatch(/Direction of travel/);
      expect(page, code).toMatch(/Commentary/);
      expect(page, code).toMatch(/Source:/);
      expect(page, code).toContain('Mar 2021');
      // The SPC result beside the chart, in words, and each month's signal in the table.
      expect(page, code).toContain('Signal or noise (SPC)');
    });
    const pi4 = pdf.pages[4]!;
    expect(pi4).toMatch(/Variation: (Common cause|Special cause)/);
    expect(pi4).toMatch(/Assurance: (Consistently|Hit and miss)/);
    expect(pi4).toMatch(
      /Average [\d.]+%; process limits [\d.]+% to [\d.]+%, from the 36 months April 2018 to March 2021\./,
    );
    expect(pi4).toMatch(/SPC\s+(Common|Concern|Improving)/);
    // A second pack reuses the running Chromium.
    const again = await pack('pdf', ALL);
    timings.push(`PDF ${again.seconds.toFixed(1)} s (warm)`);
    expect(again.seconds).toBeLessThan(30);
  });

  it('produces the same pack as a Word document with the charts as images and the tables as tables', async () => {
    const { response, seconds } = await pack('docx');
    timings.push(`DOCX ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers['content-disposition']).toMatch(/filename="board-pack-2021-03\.docx"/);
    writeFileSync(path.join(artifacts, 'board-pack-2021-03.docx'), response.rawPayload);

    const docx = await readDocx(response.rawPayload);
    expect(docx.media).toHaveLength(15);
    for (const image of docx.media) {
      const png = readPng(image.png);
      expect(png.width, image.name).toBeGreaterThanOrEqual(1200);
      expect(png.variance, image.name).toBeGreaterThan(100);
    }
    writeFileSync(path.join(artifacts, 'board-pack-2021-03-chart-1.png'), docx.media[0]!.png);
    // Contents, then per KPI a table of months and one of comparators (when it has any).
    expect(docx.tableCount).toBeGreaterThanOrEqual(16);
    expect(docx.documentXml).toContain('<w:tbl>');
    expect(docx.text).toContain('Performance board pack, March 2021');
    expect(docx.text).toContain('PI4 Single Assessments within 45 working days');
    expect(docx.text).toContain('Value against target');
    // The SPC icons as words, per KPI, with the limits they rest on.
    expect(docx.text.match(/SPC variation/g)).toHaveLength(15);
    expect(docx.text).toMatch(/SPC assurance: (Consistently|Hit and miss)/);
    expect(docx.text).toMatch(/SPC limits: Average /);
    expect(docx.footersXml).toMatch(/PAGE/);
    expect(docx.footersXml).toMatch(/NUMPAGES/);
    expect(docx.documentXml).toMatch(/w:orient="landscape"/);
    expect(docx.headersXml).not.toContain('OFFICIAL-SENSITIVE');
  });

  it('says on the cover when the KPI set is an illustrative configuration (the 2024 set)', async () => {
    const data = await t.app.inject({
      method: 'GET',
      url: '/api/exports/board-pack/data?month=2025-03&kpis=PI4',
      headers: { cookie: analyst },
    });
    expect(data.statusCode, data.body.slice(0, 500)).toBe(200);
    const note = data.json().kpiSet.illustrativeNote as string;
    expect(note).toMatch(/^Illustrative configuration\./);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/exports/board-pack',
      headers: { cookie: analyst },
      payload: { month: '2025-03', kpiCodes: ['PI4'], format: 'docx' },
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect((await readDocx(response.rawPayload)).text).toContain('Illustrative configuration.');
    // The 2018 set is the contract as signed: no such note.
    const signed = await t.app.inject({
      method: 'GET',
      url: `/api/exports/board-pack/data?month=${MONTH}&kpis=PI4`,
      headers: { cookie: analyst },
    });
    expect(signed.json().kpiSet.illustrativeNote).toBeNull();
    // The pack's SPC facts rest on the same months as the scorecard's icons, and agree with them.
    const kpi = signed.json().kpis[0];
    expect(kpi.spc.window).toEqual(kpi.item.spc.window);
    expect(kpi.spc.icons).toEqual(kpi.item.spc.icons);
  });

  it('records each pack in the audit log', async () => {
    const rows = await queryRows<{ target: string; details: { format: string; kpiCodes: string[] } }>(
      t.database.db,
      sql`select target, details from audit_log where action = 'export.board_pack' order by id`,
    );
    // The 15-KPI PDF twice, the 15-KPI Word pack, and the one-KPI Word pack of the illustrative 2024 set.
    expect(rows.map((r) => r.details.format)).toEqual(['pdf', 'pdf', 'docx', 'docx']);
    expect(rows[0]!.target).toBe('board pack 2021-03');
    expect(rows[0]!.details.kpiCodes).toEqual(ALL);
  });

  describe('for a month not yet published', () => {
    beforeAll(async () => {
      await queryRows(
        t.database.db,
        sql`update meetings set published_at = null where held_on = '2021-08-23' returning id`,
      );
    });
    afterAll(async () => {
      await queryRows(
        t.database.db,
        sql`update meetings set published_at = '2021-08-23T00:00:00Z' where held_on = '2021-08-23' returning id`,
      );
    });

    it('marks every page of the PDF OFFICIAL-SENSITIVE and forbids caching', async () => {
      const { response } = await pack('pdf', ['PI4', 'PI7']);
      expect(response.headers['cache-control']).toBe('no-store');
      writeFileSync(path.join(artifacts, 'board-pack-2021-03-unpublished.pdf'), response.rawPayload);
      const pdf = await readPdf(response.rawPayload);
      expect(pdf.pages).toHaveLength(3);
      for (const [i, text] of pdf.pages.entries()) {
        expect(text, `page ${i + 1}`).toContain('OFFICIAL-SENSITIVE – unpublished until 23 August 2021');
      }
    });

    it('marks the Word pack in its header and footer, and its charts', async () => {
      const { response } = await pack('docx', ['PI4']);
      const docx = await readDocx(response.rawPayload);
      expect(docx.headersXml).toContain('OFFICIAL-SENSITIVE – unpublished until 23 August 2021');
      expect(docx.footersXml).toContain('OFFICIAL-SENSITIVE – unpublished until 23 August 2021');
      expect(docx.text).toContain('OFFICIAL-SENSITIVE – unpublished until 23 August 2021');
      expect(docx.media).toHaveLength(1);
      writeFileSync(path.join(artifacts, 'board-pack-unpublished-chart.png'), docx.media[0]!.png);
    });

    it('refuses a viewer off the pre-release list', async () => {
      const viewer = await signInAs(t.app, 'viewer');
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/exports/board-pack',
        headers: { cookie: viewer },
        payload: { month: MONTH, kpiCodes: ['PI4'], format: 'pdf' },
      });
      expect(response.statusCode).toBe(403);
    });
  });
});
