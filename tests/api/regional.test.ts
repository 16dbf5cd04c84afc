import { queryRows } from '@kpi/server/db';
import {
  problemSchema,
  regionalExceptionsResponseSchema,
  regionalTableResponseSchema,
  regionalTrendResponseSchema,
} from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv, tidyTable } from '../support/documentReaders';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const WEST_MIDLANDS = 'E12000005';
const SANDWELL = 'E08000028';

/**
 * The regional view on the seeded demo (Sandwell, in the West Midlands): DfE's figures for the
 * region's 14 councils exactly as comparator_values holds them, with the regional and England
 * figures, and the refusals in the one problem shape.
 */
describe(`the regional view (${testDriverName()})`, () => {
  let t: TestApp;
  let cookie: string;
  const get = (url: string, headers: Record<string, string> = { cookie }) =>
    t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createSeededTestApp();
    cookie = await signInAs(t.app, 'viewer');
  }, 300_000);
  afterAll(() => t.close());

  it("shows the organisation's region by default: West Midlands' 14 councils, Sandwell marked as served here", async () => {
    const response = await get('/api/regional/table');
    expect(response.statusCode, response.body).toBe(200);
    const table = regionalTableResponseSchema.parse(response.json());
    expect(table.region).toEqual({ code: WEST_MIDLANDS, name: 'West Midlands' });
    expect(table.rows).toHaveLength(14);
    expect(table.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['Birmingham', 'Sandwell', 'Wolverhampton']));
    expect(table.rows.filter((r) => r.servedHere).map((r) => r.areaCode)).toEqual([SANDWELL]);
    expect(table.measures.length).toBeGreaterThanOrEqual(10);
    expect(table.regions).toHaveLength(9);
    expect(table.sources.some((s) => s.startsWith("DfE 'Children in need' statistics 2025"))).toBe(true);
  });

  it("gives Sandwell's published values exactly as comparator_values holds them, with the region and England", async () => {
    const table = regionalTableResponseSchema.parse((await get(`/api/regional/table?region=${WEST_MIDLANDS}`)).json());
    const sandwell = table.rows.find((r) => r.areaCode === SANDWELL)!;
    const stored = await queryRows<{
      measure: string;
      area: string;
      period: string;
      value: number | null;
      symbol: string | null;
    }>(
      t.database.db,
      sql`select measure_code as measure, area_code as area, time_period as period, value::float8 as value, symbol::text as symbol
          from comparator_values
          where kind = 'area' and source in ('dfe_release', 'computed') and area_code in (${SANDWELL}, ${WEST_MIDLANDS}, 'E92000001')`,
    );
    const find = (measure: string, area: string, period: string) =>
      stored.find((r) => r.measure === measure && r.area === area && r.period === period);
    let compared = 0;
    table.measures.forEach((measure, i) => {
      const cell = sandwell.cells[i]!;
      expect(cell.measureCode).toBe(measure.code);
      const own = find(measure.code, SANDWELL, measure.timePeriod);
      expect({ value: cell.value, symbol: cell.symbol }, measure.code).toEqual({
        value: own?.value ?? null,
        symbol: own?.symbol ?? null,
      });
      expect(measure.region.value, measure.code).toBe(
        find(measure.code, WEST_MIDLANDS, measure.timePeriod)?.value ?? null,
      );
      expect(measure.england.value, measure.code).toBe(
        find(measure.code, 'E92000001', measure.timePeriod)?.value ?? null,
      );
      if (own?.value != null) compared += 1;
    });
    expect(compared).toBeGreaterThanOrEqual(10);
    // 2025 re-referrals as DfE published them (C1 rereferral_percent).
    const reReferrals = table.measures.findIndex((m) => m.code === 're_referral_pct');
    expect(table.measures[reReferrals]!.timePeriod).toBe('2025');
    const cell = sandwell.cells[reReferrals]!;
    expect(cell.quintile).toBeGreaterThanOrEqual(1);
    expect(cell.positionWords).toMatch(/^Quintile [1-5] of 5 .*(Better|Worse|Similar).* West Midlands\.$/);
    // A measure with no polarity is never called better or worse.
    const referrals = table.measures.findIndex((m) => m.code === 'referrals_rate');
    for (const row of table.rows) expect(['better', 'worse']).not.toContain(row.cells[referrals]!.againstRegion);
  });

  it('gives every council in a quintile, 2–3 councils a fifth, for a measure every council publishes', async () => {
    const table = regionalTableResponseSchema.parse((await get('/api/regional/table?year=2024')).json());
    const column = table.measures.findIndex((m) => m.code === 'children_in_care_rate');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(table.measures[column]!.timePeriod).toBe('2024');
    const counts = [1, 2, 3, 4, 5].map((q) => table.rows.filter((r) => r.cells[column]!.quintile === q).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(table.measures[column]!.councilsWithFigure);
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(1);
  });

  it("draws one measure's trend for every council with the region and England lines", async () => {
    const response = await get(`/api/regional/trend?region=${WEST_MIDLANDS}&measure=re_referral_pct`);
    expect(response.statusCode, response.body).toBe(200);
    const trend = regionalTrendResponseSchema.parse(response.json());
    expect(trend.councils).toHaveLength(14);
    expect(trend.periods).toContain('2025');
    expect(trend.regionLine.length).toBe(trend.periods.length);
    expect(trend.englandLine.find((p) => p.timePeriod === '2025')?.value).toBe(22.6);
    expect(trend.summary).toMatch(/^Re-referrals within 12 months \(%\), \d{4} to 2025, for 14 councils: /);
  });

  it('lists councils more than the threshold from the regional figure, saying better or worse', async () => {
    const response = await get('/api/regional/exceptions?threshold=20');
    expect(response.statusCode, response.body).toBe(200);
    const found = regionalExceptionsResponseSchema.parse(response.json());
    expect(found.exceptions.length).toBeGreaterThan(0);
    for (const e of found.exceptions) {
      expect(Math.abs(e.percentFromRegion)).toBeGreaterThan(20);
      expect(Math.sign(e.value - e.regionValue)).toBe(Math.sign(e.percentFromRegion));
    }
    const wider = regionalExceptionsResponseSchema.parse((await get('/api/regional/exceptions?threshold=50')).json());
    expect(wider.exceptions.length).toBeLessThan(found.exceptions.length);
  });

  it('exports the table and the exceptions as CSV and Excel', async () => {
    const csv = await get('/api/regional/table.csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('regional-table-west-midlands.csv');
    // Tidy: the header row first, one row per council and measure, the metadata in a notes file.
    const { header, rows } = tidyTable(readCsv(csv.rawPayload));
    expect(header.slice(0, 4)).toEqual(['Council', 'LA number', 'Served by this deployment', 'Measure']);
    expect(rows.filter((row) => row[0] === 'Sandwell').length).toBeGreaterThan(5);
    const notes = await get('/api/regional/table.csv?table=notes');
    expect(notes.headers['content-disposition']).toContain('regional-table-west-midlands-notes.csv');
    expect(tidyTable(readCsv(notes.rawPayload)).rows.map((row) => row[0])).toContain('Source');
    expect((await get('/api/regional/table.csv?table=trends')).statusCode).toBe(400);
    const xlsx = await get('/api/regional/exceptions.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it.each([
    ['an unknown region', `/api/regional/table?region=E12000099`],
    ['a region code of the wrong shape', '/api/regional/table?region=Sandwell'],
    ['an unknown measure', `/api/regional/trend?region=${WEST_MIDLANDS}&measure=not_a_measure`],
    ['no measure', '/api/regional/trend'],
    ['a threshold of zero', '/api/regional/exceptions?threshold=0'],
    ['an unknown region, exported', '/api/regional/table.csv?region=E12000099'],
  ])('refuses %s with 400 in the one problem shape', async (_, url) => {
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(problemSchema.safeParse(response.json()).success).toBe(true);
  });

  it.each(['/api/regional/table', '/api/regional/trend?measure=re_referral_pct', '/api/regional/exceptions'])(
    'refuses %s to someone not signed in with 401',
    async (url) => {
      const response = await get(url, {});
      expect(response.statusCode).toBe(401);
      expect(problemSchema.safeParse(response.json()).success).toBe(true);
    },
  );
});
