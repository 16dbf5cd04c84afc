import { queryRows } from '@kpi/server/db';
import {
  addMonths,
  problemSchema,
  type RegionalKpiRugResponse,
  regionalKpiExceptionsResponseSchema,
  regionalKpiRugResponseSchema,
  regionalKpisResponseSchema,
} from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_YET_PUBLISHED } from '../../server/src/regional/councilKpis';
import { readCsv, tidyTable } from '../support/documentReaders';
import {
  addMembership,
  addPerson,
  auditCount,
  DUDLEY,
  LEEDS,
  SANDWELL,
  sandwellDeployment,
  seedServedCouncil,
  WEST_MIDLANDS,
} from '../support/servedCouncils';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * The councils × their own KPIs rug and its exceptions (issue 19): Sandwell (the demo seed, every
 * KPI) and Dudley (PI1 and PI4 only, its figures 0.9 × Sandwell's, its last months unpublished).
 * Sandwell's PI4 bands are made always green and Dudley's always red, so each cell's rating can
 * only come from that council's own bands.
 */
describe(`the councils' own KPIs rug (${testDriverName()})`, () => {
  let t: TestApp;
  let data: Awaited<ReturnType<typeof sandwellDeployment>>['data'];
  let month: string;
  let publishedMonth: string;
  let groupId: number;
  let dudleyPi4: number;
  const cookies: Record<string, string> = {};
  const call = (who: string, url: string, org?: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]!, ...(org ? { 'x-organisation': org } : {}) } });
  const rug = async (who: string, url: string, org?: string) => {
    const response = await call(who, url, org);
    expect(response.statusCode, response.body).toBe(200);
    return { answer: regionalKpiRugResponseSchema.parse(response.json()), body: response.body };
  };
  const exceptions = async (who: string, url: string) => {
    const response = await call(who, url);
    expect(response.statusCode, response.body).toBe(200);
    return regionalKpiExceptionsResponseSchema.parse(response.json());
  };
  const cellOf = (answer: RegionalKpiRugResponse, area: string, code: string) =>
    answer.rows.find((r) => r.areaCode === area)?.cells.find((c) => c.code === code);
  beforeAll(async () => {
    const deployment = await sandwellDeployment();
    t = deployment.t;
    data = deployment.data;
    month = data.observations
      .filter((o) => o.indicatorCode === 'PI4' && o.value !== null)
      .map((o) => o.month)
      .sort()
      .at(-1)!;
    const unpublishedFrom = addMonths(month, -2);
    publishedMonth = data.meetings
      .map((m) => m.monthsTo)
      .filter((m) => m < unpublishedFrom)
      .sort()
      .at(-1)!;
    const dudleyId = await seedServedCouncil(t.database.db, data, {
      areaCode: DUDLEY,
      name: 'Dudley',
      codes: ['PI1', 'PI4'],
      factor: 0.9,
      unpublishedFrom,
    });
    const [sandwell] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from organisations where area_code = ${SANDWELL}`,
    );
    // Each council's own PI4 bands: Sandwell's always green, Dudley's always red.
    await t.database.db.execute(sql`update threshold_versions set target_operator = '>=', target_value = -1000000,
      failure_operator = '<', failure_value = -1000000 where indicator_id in
      (select id from indicators where organisation_id = ${sandwell!.id} and code = 'PI4')`);
    await t.database.db.execute(sql`update threshold_versions set target_operator = '>=', target_value = 1000000,
      failure_operator = '<', failure_value = 1000000 where indicator_id in
      (select id from indicators where organisation_id = ${dudleyId} and code = 'PI4')`);
    const [stored] = await queryRows<{ value: number }>(
      t.database.db,
      sql`select o.value::float8 as value from observations o join indicators i on i.id = o.indicator_id
           where i.organisation_id = ${dudleyId} and i.code = 'PI4' and o.month = ${`${month}-01`}`,
    );
    dudleyPi4 = stored!.value;
    const [admin] = await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = 'admin'`);
    await addMembership(t.database.db, admin!.id, dudleyId, 'admin');
    await addPerson(t.database.db, 'analyst.wm');
    const dudleyViewer = await addPerson(t.database.db, 'dudley.viewer');
    await addMembership(t.database.db, dudleyViewer, dudleyId, 'viewer', false);
    for (const who of ['admin', 'analyst.wm', 'dudley.viewer']) cookies[who] = await signInAs(t.app, who);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/groups',
      headers: { cookie: cookies.admin! },
      payload: { name: 'West Midlands', regionCode: WEST_MIDLANDS },
    });
    expect(created.statusCode, created.body).toBe(201);
    groupId = (created.json() as { id: number }).id;
    const granted = await t.app.inject({
      method: 'POST',
      url: `/api/groups/${groupId}/people`,
      headers: { cookie: cookies.admin! },
      payload: { username: 'analyst.wm' },
    });
    expect(granted.statusCode, granted.body).toBe(204);
    cookies['analyst.wm'] = await signInAs(t.app, 'analyst.wm');
  }, 300_000);
  afterAll(() => t?.close());

  it("rates each council's every KPI against its own bands, as the one-KPI comparison does", async () => {
    const { answer } = await rug('analyst.wm', `/api/regional/kpi-rug?group=${groupId}&month=${publishedMonth}`);
    expect(answer.rows.map((r) => r.areaCode)).toEqual([DUDLEY, SANDWELL]);
    const codes = answer.columns.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['PI1', 'PI4']));
    expect(codes.length).toBeGreaterThan(2);
    // PI2 before PI10: codes in the order people number them.
    expect([...codes].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))).toEqual(codes);
    const sandwell = cellOf(answer, SANDWELL, 'PI4')!;
    const dudley = cellOf(answer, DUDLEY, 'PI4')!;
    expect(sandwell).toMatchObject({ visible: true, rating: 'green', month: publishedMonth });
    expect(dudley).toMatchObject({ visible: true, rating: 'red', month: publishedMonth });
    expect(dudley.displayValue).toMatch(/\d/);
    // Dudley's figures are 0.9 × Sandwell's and higher is better for PI4.
    expect(dudley.value).toBeCloseTo(Math.round(sandwell.value! * 0.9 * 10) / 10, 5);
    const pi4 = answer.columns.find((c) => c.code === 'PI4')!;
    expect(pi4.groupAverage.councils).toBe(2);
    expect(pi4.groupAverage.value).toBeCloseTo((dudley.value! + sandwell.value!) / 2, 5);
    // The same cells, and the same words, as `GET /regional/kpis` gives for PI4.
    const one = regionalKpisResponseSchema.parse(
      (await call('analyst.wm', `/api/regional/kpis?group=${groupId}&code=PI4&month=${publishedMonth}`)).json(),
    );
    for (const cell of one.councils) {
      const { areaCode, name: _, ...rest } = cell;
      expect(cellOf(answer, areaCode, 'PI4')).toMatchObject(rest);
    }
    // A KPI Dudley's contract does not hold: an empty cell saying so.
    const other = codes.find((c) => c !== 'PI1' && c !== 'PI4')!;
    expect(cellOf(answer, DUDLEY, other)).toMatchObject({
      title: null,
      value: null,
      rating: null,
      notice: `No KPI ${other} in this council's contract.`,
    });
    expect(answer.columns.find((c) => c.code === other)!.councilsWithKpi).toBe(1);
    // With one council's figure the "group average" is that figure: not compared, and said so.
    expect(cellOf(answer, SANDWELL, other)).toMatchObject({ againstGroup: 'not_compared' });
    expect(cellOf(answer, SANDWELL, other)?.positionWords).toMatch(/^Not compared: no other council has a figure/);
    // Contract KPIs only: an indicator Sandwell only monitors (in no KPI set) is not a column.
    const monitored = await queryRows<{ code: string }>(
      t.database.db,
      sql`select i.code from indicators i join organisations o on o.id = i.organisation_id
           where o.area_code = ${SANDWELL}
             and not exists (select 1 from kpi_set_members m where m.indicator_id = i.id)`,
    );
    expect(monitored.length).toBeGreaterThan(0);
    for (const { code } of monitored) expect(codes).not.toContain(code);
  });

  it("reads one KPI's councils against the group average and DfE's England and region figures, like with like", async () => {
    const drawn = { average: 0, england: 0, region: 0 };
    for (const code of ['PI2', 'PI4']) {
      const response = await call(
        'analyst.wm',
        `/api/regional/kpis?group=${groupId}&code=${code}&month=${publishedMonth}`,
      );
      const answer = regionalKpisResponseSchema.parse(response.json());
      const { months, councils, references } = answer.trend;
      // both councils are in one region and the KPI has a DfE measure: nothing withheld to explain
      // (only the shared polarity rule's note where it sets the contract direction aside, e.g. PI2's CP plan rate)
      expect(answer.trend.notes.filter((n) => !n.startsWith('Against other areas'))).toEqual([]);
      const average = references.find((r) => r.key === 'group_average');
      const both = months.findIndex((_, i) => councils.every((c) => c.points[i]?.value != null));
      if (both >= 0) {
        const mean = councils.reduce((sum, c) => sum + c.points[both]!.value!, 0) / councils.length;
        expect(average?.points[both]?.value).toBeCloseTo(mean, 6);
        drawn.average += 1;
      }
      // a month with one council's figure has no average: one council is not a group
      const one = months.findIndex((_, i) => councils.filter((c) => c.points[i]?.value != null).length === 1);
      if (one >= 0) expect(average?.points[one]?.value ?? null).toBeNull();
      // England: DfE's own figures for the KPI's measure, at the month each period ends, never a paper's
      const [indicator] = await queryRows<{ measure: string | null; unit: string }>(
        t.database.db,
        sql`select comparator_measure as measure, unit from indicators i join organisations o on o.id = i.organisation_id
             where o.area_code = ${SANDWELL} and i.code = ${code}`,
      );
      // Both councils are in the West Midlands (E12000005), so its line is drawn as England's is.
      for (const [key, areaCode] of [
        ['england', 'E92000001'],
        ['region', 'E12000005'],
      ] as const) {
        const expected =
          indicator?.measure && indicator.unit !== 'count'
            ? await queryRows<{ month: string; value: number | null }>(
                t.database.db,
                sql`select to_char(period_end, 'YYYY-MM') as month, value::float8 as value from comparator_values
                   where measure_code = ${indicator.measure} and area_code = ${areaCode} and kind = 'area'
                     and source <> 'published_paper' and sn_model_id is null`,
              )
            : [];
        const inWindow = expected.filter((e) => months.includes(e.month));
        const line = references.find((r) => r.key === key);
        if (inWindow.length === 0) expect(line).toBeUndefined();
        else {
          for (const e of inWindow) expect(line?.points[months.indexOf(e.month)]?.value).toBe(e.value);
          expect(line?.points.filter((p) => p.value !== null).length).toBe(inWindow.length);
          drawn[key] += 1;
        }
      }
    }
    // this test checked something: PI4's average (Dudley holds PI4, not PI2), both England lines and both region lines
    expect(drawn).toEqual({ average: 1, england: 2, region: 2 });
    // a count is never set against a larger area's count, and the answer says so under the chart
    const counted = regionalKpisResponseSchema.parse(
      (await call('analyst.wm', `/api/regional/kpis?group=${groupId}&code=CP-COUNT&month=${publishedMonth}`)).json(),
    );
    expect(counted.unit).toBe('count');
    expect(counted.trend.references.map((r) => r.key)).not.toContain('england');
    expect(counted.trend.notes).toEqual([
      'No England or region line: this KPI is a count, and a count is not set against a larger area’s.',
    ]);
  });

  it('says "Not yet published" for a month the analyst may not see there: no value, not averaged, never an exception', async () => {
    const { answer, body } = await rug('analyst.wm', `/api/regional/kpi-rug?group=${groupId}&month=${month}`);
    for (const code of ['PI1', 'PI4']) {
      expect(cellOf(answer, DUDLEY, code)).toMatchObject({
        visible: false,
        notice: NOT_YET_PUBLISHED,
        value: null,
        displayValue: null,
        rating: null,
        againstGroup: null,
      });
    }
    expect(body).not.toContain(String(dudleyPi4));
    const pi4 = answer.columns.find((c) => c.code === 'PI4')!;
    const sandwell = cellOf(answer, SANDWELL, 'PI4')!;
    expect(pi4.groupAverage.councils).toBe(sandwell.value === null ? 0 : 1);
    if (sandwell.value !== null) expect(pi4.groupAverage.value).toBeCloseTo(sandwell.value, 5);
    const found = await exceptions(
      'analyst.wm',
      `/api/regional/kpi-exceptions?group=${groupId}&month=${month}&threshold=1`,
    );
    expect(found.exceptions.filter((e) => e.areaCode === DUDLEY)).toEqual([]);
    // The administrator sees Dudley's unpublished month: averaged, and far enough out to list.
    const admin = await rug('admin', `/api/regional/kpi-rug?group=${groupId}&month=${month}`);
    expect(cellOf(admin.answer, DUDLEY, 'PI4')).toMatchObject({ visible: true, unpublished: true, value: dudleyPi4 });
    expect(admin.answer.includesUnpublished).toBe(true);
  });

  it('lists figures more than the threshold from the group average, better or worse by polarity', async () => {
    const url = `/api/regional/kpi-exceptions?group=${groupId}&month=${publishedMonth}`;
    // 0.9 against 1: each council is about 5% from the average of the two.
    const wide = await exceptions('analyst.wm', `${url}&threshold=1`);
    const dudley = wide.exceptions.find((e) => e.areaCode === DUDLEY && e.code === 'PI4')!;
    const sandwell = wide.exceptions.find((e) => e.areaCode === SANDWELL && e.code === 'PI4')!;
    expect(dudley).toMatchObject({ judgement: 'worse', month: publishedMonth, unpublished: false });
    expect(dudley.percentFromAverage).toBeLessThan(-1);
    expect(dudley.sentence).toMatch(/^Dudley: PI4 .+ below the group average \(.+\): worse\.$/);
    expect(sandwell).toMatchObject({ judgement: 'better' });
    expect(sandwell.percentFromAverage).toBeCloseTo(-dudley.percentFromAverage, 0);
    expect((await exceptions('analyst.wm', `${url}&threshold=20`)).exceptions.filter((e) => e.code === 'PI4')).toEqual(
      [],
    );
    expect((await exceptions('analyst.wm', url)).threshold).toBe(20);
  });

  it("shows a person of Dudley alone only Dudley's row and Dudley's KPIs", async () => {
    const { answer } = await rug('dudley.viewer', '/api/regional/kpi-rug', DUDLEY);
    expect(answer.rows.map((r) => r.areaCode)).toEqual([DUDLEY]);
    expect(answer.columns.map((c) => c.code)).toEqual(['PI1', 'PI4']);
  });

  it.each([
    ['a negative threshold', 'threshold=-5'],
    ['a threshold that is not a number', 'threshold=abc'],
    ['a huge threshold', 'threshold=100000000'],
    ['a fractional threshold', 'threshold=2.5'],
    ['a month of the wrong shape', 'month=March'],
    // beyond PostgreSQL's integer: it gave a 500 there (found by the OpenAPI fuzz, seed 807508)
    ['a group id no database row can have', 'group=4294967296'],
  ])('refuses %s with 400 in the one problem shape', async (_, params) => {
    const paths = ['/api/regional/kpi-exceptions', '/api/regional/kpi-exceptions.csv'];
    if (params.startsWith('group=')) paths.push('/api/regional/kpi-rug.xlsx', '/api/regional/kpis?code=PI4&x=1');
    for (const path of paths) {
      const response = await call('analyst.wm', `${path}${path.includes('?') ? '&' : '?'}${params}`);
      expect(response.statusCode, `${path} ${response.body}`).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(problemSchema.safeParse(response.json()).success).toBe(true);
    }
  });

  it('exports the rug and the exceptions, audited, marked and never stored when they hold an unpublished month', async () => {
    const before = {
      rug: await auditCount(t.database.db, 'export.regional_kpi_rug'),
      exceptions: await auditCount(t.database.db, 'export.regional_kpi_exceptions'),
    };
    const hidden = await call('analyst.wm', `/api/regional/kpi-rug.csv?group=${groupId}&month=${month}`);
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.headers['cache-control']).not.toBe('no-store');
    const table = tidyTable(readCsv(hidden.rawPayload));
    expect(table.header.slice(0, 5)).toEqual([
      'Council',
      'KPI',
      'Title',
      'Month',
      'Value (in the unit of its row, see Unit)',
    ]);
    expect(table.header).toContain('Unit');
    const dudley = table.rows.find((r) => r[0] === 'Dudley' && r[1] === 'PI4')!;
    expect(dudley[4]).toBe(NOT_YET_PUBLISHED);
    expect(dudley.slice(5, 9).every((v) => v === '')).toBe(true);
    expect(hidden.body).not.toContain(String(dudleyPi4));

    const shown = await call('admin', `/api/regional/kpi-rug.csv?group=${groupId}&month=${month}`);
    expect(shown.headers['cache-control']).toBe('no-store');
    const rows = tidyTable(readCsv(shown.rawPayload)).rows;
    expect(rows.find((r) => r[0] === 'Dudley' && r[1] === 'PI4')?.[4]).toBe(String(dudleyPi4));
    expect(rows.find((r) => r[0] === 'Dudley' && r[1] === 'PI4')?.[5]).toBe('Red');
    const notes = await call('admin', `/api/regional/kpi-rug.csv?group=${groupId}&month=${month}&table=notes`);
    expect(notes.body).toMatch(/OFFICIAL-SENSITIVE/);

    const listed = await call(
      'analyst.wm',
      `/api/regional/kpi-exceptions.csv?group=${groupId}&month=${publishedMonth}&threshold=1`,
    );
    expect(listed.statusCode, listed.body).toBe(200);
    const exceptionRows = tidyTable(readCsv(listed.rawPayload)).rows;
    expect(exceptionRows.find((r) => r[0] === 'Dudley' && r[1] === 'PI4')?.[7]).toBe('Worse');
    for (const path of ['kpi-rug', 'kpi-exceptions']) {
      const xlsx = await call('analyst.wm', `/api/regional/${path}.xlsx?group=${groupId}`);
      expect(xlsx.statusCode, xlsx.body).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    expect(await auditCount(t.database.db, 'export.regional_kpi_rug')).toBe(before.rug + 4);
    expect(await auditCount(t.database.db, 'export.regional_kpi_exceptions')).toBe(before.exceptions + 2);
  });
  it('a group spanning two regions draws England and the group average, and no one region as if it were the group’s', async () => {
    // Leeds (Yorkshire and The Humber) beside Sandwell (West Midlands), in a custom group
    const leedsId = await seedServedCouncil(t.database.db, data, {
      areaCode: LEEDS,
      name: 'Leeds',
      codes: ['PI4'],
      factor: 1.05,
      unpublishedFrom: addMonths(month, 1),
    });
    const [admin] = await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = 'admin'`);
    await addMembership(t.database.db, admin!.id, leedsId, 'admin');
    await addPerson(t.database.db, 'analyst.two');
    cookies.admin = await signInAs(t.app, 'admin');
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: cookies.admin! }, payload });
    const created = await post('/api/groups', { name: 'Sandwell and Leeds' });
    expect(created.statusCode, created.body).toBe(201);
    const twoRegions = (created.json() as { id: number }).id;
    for (const areaCode of [SANDWELL, LEEDS]) {
      const added = await post(`/api/groups/${twoRegions}/councils`, { areaCode });
      expect(added.statusCode, added.body).toBe(204);
    }
    expect((await post(`/api/groups/${twoRegions}/people`, { username: 'analyst.two' })).statusCode).toBe(204);
    cookies['analyst.two'] = await signInAs(t.app, 'analyst.two');

    const response = await call(
      'analyst.two',
      `/api/regional/kpis?group=${twoRegions}&code=PI4&month=${publishedMonth}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const { trend } = regionalKpisResponseSchema.parse(response.json());
    expect(trend.councils.map((c) => c.areaCode).sort()).toEqual([SANDWELL, LEEDS].sort());
    const keys = trend.references.map((r) => r.key);
    expect(keys).toContain('group_average');
    expect(keys).not.toContain('region');
    // and says why, under the chart
    expect(trend.notes).toEqual([
      'No region line: these councils are in 2 regions, so no one region’s figures stand for the group.',
    ]);
    // and in the exported file's notes
    const notes = await call(
      'analyst.two',
      `/api/regional/kpis.csv?group=${twoRegions}&code=PI4&month=${publishedMonth}&table=notes`,
    );
    expect(notes.statusCode, notes.body).toBe(200);
    expect(notes.body).toContain(trend.notes[0]);
    // England's line is DfE's, as for a one-region group (PI4 has a DfE measure, and England has figures in the window)
    expect(keys).toContain('england');
    const both = trend.months.findIndex((_, i) => trend.councils.every((c) => c.points[i]?.value != null));
    expect(both).toBeGreaterThanOrEqual(0);
    const average = trend.references.find((r) => r.key === 'group_average')!;
    const mean = trend.councils.reduce((sum, c) => sum + c.points[both]!.value!, 0) / trend.councils.length;
    expect(average.points[both]?.value).toBeCloseTo(mean, 6);
  });
});
