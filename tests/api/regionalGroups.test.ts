import { loadSeedData } from '@kpi/seed';
import { queryRows } from '@kpi/server/db';
import {
  addMonths,
  councilGroupsResponseSchema,
  meResponseSchema,
  problemSchema,
  regionalKpisResponseSchema,
} from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_SUCH_ACCOUNT, NOT_A_REGION, NOT_ADMIN_OF_COUNCIL_TO_REMOVE } from '../../server/src/groups/groupService';
import { NOT_A_MEMBER } from '../../server/src/plugins/requestContext';
import { NOT_YET_PUBLISHED } from '../../server/src/regional/councilKpis';
import { readCsv } from '../support/documentReaders';
import { REFERENCE_DIR } from '../support/seededApp';
import {
  addMembership,
  addPerson,
  DUDLEY,
  LEEDS,
  SANDWELL,
  seedServedCouncil,
  WEST_MIDLANDS,
} from '../support/servedCouncils';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * Groups and the regional role (issue 19): Sandwell (the demo seed) and Dudley in the West
 * Midlands, Leeds in Yorkshire. A regional analyst of the West Midlands group reads Sandwell and
 * Dudley as a viewer, never Leeds, never writes; a council's unpublished month is shown to them
 * only where that council allows regional pre-release viewing.
 */
describe(`groups and the regional role (${testDriverName()})`, () => {
  let t: TestApp;
  let dudleyId: number;
  let month: string;
  let publishedMonth: string;
  let groupId: number;
  const ids: Record<string, number> = {};
  const cookies: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, org?: string) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: cookies[who]!, ...(org ? { 'x-organisation': org } : {}) },
      ...(payload ? { payload } : {}),
    });
  const auditCount = async (action: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from audit_log where action = ${action}`,
      )
    )[0]!.n;
  const dudleyCell = async (who: string) => {
    const response = await call(who, 'GET', `/api/regional/kpis?code=PI4&month=${month}`, undefined, DUDLEY);
    expect(response.statusCode, response.body).toBe(200);
    const answer = regionalKpisResponseSchema.parse(response.json());
    return { answer, cell: answer.councils.find((c) => c.areaCode === DUDLEY), body: response.body };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const data = await loadSeedData(REFERENCE_DIR);
    const { applySeed } = await import('../../server/src/seedLoader/loadSeed');
    await applySeed(t.database.db, data);
    month = data.observations
      .filter((o) => o.indicatorCode === 'PI4' && o.value !== null)
      .map((o) => o.month)
      .sort()
      .at(-1)!;
    const unpublishedFrom = addMonths(month, -2);
    // The last month a meeting has presented, for both councils: published to everyone.
    publishedMonth = data.meetings
      .map((m) => m.monthsTo)
      .filter((m) => m < unpublishedFrom)
      .sort()
      .at(-1)!;
    dudleyId = await seedServedCouncil(t.database.db, data, {
      areaCode: DUDLEY,
      name: 'Dudley',
      codes: ['PI1', 'PI4'],
      factor: 0.9,
      unpublishedFrom,
    });
    const leedsId = await seedServedCouncil(t.database.db, data, {
      areaCode: LEEDS,
      name: 'Leeds',
      codes: ['PI4'],
      factor: 1.1,
      unpublishedFrom,
    });
    const [sandwell] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from organisations where area_code = ${SANDWELL}`,
    );
    const [admin] = await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = 'admin'`);
    await addMembership(t.database.db, admin!.id, dudleyId, 'admin');
    for (const name of ['analyst.wm', 'leeds.admin', 'dudley.listed', 'dudley.viewer', 'both.ways']) {
      ids[name] = await addPerson(t.database.db, name);
    }
    await addMembership(t.database.db, ids['leeds.admin']!, leedsId, 'admin');
    await addMembership(t.database.db, ids['dudley.listed']!, dudleyId, 'viewer', true);
    await addMembership(t.database.db, ids['dudley.viewer']!, dudleyId, 'viewer', false);
    await addMembership(t.database.db, ids['both.ways']!, dudleyId, 'viewer', false);
    await addMembership(t.database.db, ids['dudley.viewer']!, sandwell!.id, 'viewer', false);
    for (const who of ['admin', 'analyst.wm', 'leeds.admin', 'dudley.listed', 'dudley.viewer', 'both.ways']) {
      cookies[who] = await signInAs(t.app, who);
    }
    const created = await call('admin', 'POST', '/api/groups', { name: 'West Midlands', regionCode: WEST_MIDLANDS });
    expect(created.statusCode, created.body).toBe(201);
    groupId = (created.json() as { id: number }).id;
    for (const who of ['analyst.wm', 'both.ways']) {
      const granted = await call('admin', 'POST', `/api/groups/${groupId}/people`, { username: who });
      expect(granted.statusCode, granted.body).toBe(204);
    }
    // Sessions remember memberships for a moment: sign in again to read the grants.
    for (const who of ['analyst.wm', 'both.ways']) cookies[who] = await signInAs(t.app, who);
  }, 300_000);
  afterAll(() => t?.close());

  it("lists the region's served councils in the group, and the analyst's grant, and audits it", async () => {
    const groups = councilGroupsResponseSchema.parse((await call('admin', 'GET', '/api/groups')).json());
    const group = groups.groups.find((g) => g.id === groupId)!;
    expect(group.councils.map((c) => c.areaCode).sort()).toEqual([DUDLEY, SANDWELL]);
    expect(group.people.map((p) => p.username)).toEqual(['analyst.wm', 'both.ways']);
    expect(await auditCount('group.role_granted')).toBe(2);
    expect(await auditCount('group.created')).toBe(1);
  });

  it('refuses, and audits, a grant by an administrator who does not administer every council in the group', async () => {
    const before = await auditCount('group.refused');
    // Leeds's administrator administers none of the group's councils: to them it is not found.
    const response = await call('leeds.admin', 'POST', `/api/groups/${groupId}/people`, { username: 'leeds.admin' });
    expect(response.statusCode).toBe(404);
    expect(await auditCount('group.refused')).toBe(before + 1);
    const people = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from group_memberships`);
    expect(people[0]!.n).toBe(2);
  });

  it("answers another council's person exactly as an unknown username: nothing says who has an account elsewhere", async () => {
    const refusedBefore = await auditCount('group.refused');
    const answers = [];
    for (const username of ['leeds.admin', 'LEEDS.ADMIN', 'nobody.at.all']) {
      const response = await call('admin', 'POST', `/api/groups/${groupId}/people`, { username });
      const { requestId: _id, instance: _at, ...problem } = problemSchema.parse(response.json());
      answers.push({ statusCode: response.statusCode, ...problem });
    }
    expect(answers[0]).toMatchObject({ statusCode: 404, detail: NO_SUCH_ACCOUNT });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const people = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from group_memberships`);
    expect(people[0]!.n).toBe(2);
    // the attempts on a real person are audited; the answer does not show it
    expect(await auditCount('group.refused')).toBe(refusedBefore + 2);
  });

  it('lets the analyst switch between the group’s councils as a viewer, marked regional, and never Leeds', async () => {
    const me = meResponseSchema.parse((await call('analyst.wm', 'GET', '/api/auth/me')).json());
    expect(me.user.organisations.map((o) => [o.areaCode, o.role, o.regional]).sort()).toEqual([
      [DUDLEY, 'viewer', true],
      [SANDWELL, 'viewer', true],
    ]);
    const scorecard = await call('analyst.wm', 'GET', '/api/scorecard', undefined, DUDLEY);
    expect(scorecard.statusCode, scorecard.body).toBe(200);
    const before = await auditCount('organisation.refused');
    const leeds = await call('analyst.wm', 'GET', '/api/scorecard', undefined, LEEDS);
    expect(leeds.statusCode).toBe(403);
    expect(leeds.json()).toMatchObject({ detail: NOT_A_MEMBER });
    expect(await auditCount('organisation.refused')).toBe(before + 1);
  });

  it('never lets the regional role write', async () => {
    const response = await call(
      'analyst.wm',
      'POST',
      '/api/indicators/PI1/actions',
      { description: 'x', owner: 'y', dueOn: '2030-06-30', months: [month] },
      DUDLEY,
    );
    expect(response.statusCode).toBe(403);
    expect((await call('analyst.wm', 'GET', '/api/groups')).statusCode).toBe(403);
  });

  it("compares PI4 across the group's councils the analyst may read, against each council's own bands", async () => {
    const { answer } = await dudleyCell('dudley.listed');
    // A Dudley member sees only Dudley: Sandwell and Leeds are not theirs to read.
    expect(answer.councils.map((c) => c.areaCode)).toEqual([DUDLEY]);
    const wm = await call('analyst.wm', 'GET', `/api/regional/kpis?code=PI4&group=${groupId}&month=${publishedMonth}`);
    const published = regionalKpisResponseSchema.parse(wm.json());
    expect(published.councils.map((c) => c.areaCode)).toEqual([DUDLEY, SANDWELL]);
    for (const cell of published.councils) {
      expect(cell.visible).toBe(true);
      expect(cell.rating).toMatch(/green|amber|red|no_data/);
      expect(cell.ratingReason).toBeTruthy();
    }
    // Dudley's figures are 0.9 × Sandwell's, and higher is better for PI4: Dudley is the worse of the two.
    const [dudley, sandwell] = published.councils;
    if (dudley!.value !== null && sandwell!.value !== null && sandwell!.value > 0) {
      expect(dudley!.againstGroup === 'worse' || dudley!.againstGroup === 'similar').toBe(true);
      expect(sandwell!.againstGroup === 'better' || sandwell!.againstGroup === 'similar').toBe(true);
    }
    expect(published.trend.councils.map((c) => c.areaCode)).toEqual([DUDLEY, SANDWELL]);
    expect(published.trend.months).toHaveLength(12);
  });

  // The pre-release rule as a table: who sees Dudley's unpublished month.
  it.each([
    { who: 'dudley.listed', setting: false, sees: true, why: "on Dudley's pre-release list" },
    { who: 'analyst.wm', setting: true, sees: true, why: 'regional role, Dudley allows regional pre-release' },
    { who: 'analyst.wm', setting: false, sees: false, why: 'regional role, Dudley does not allow it' },
    { who: 'dudley.viewer', setting: true, sees: false, why: 'a Dudley viewer not on the list' },
    { who: 'both.ways', setting: true, sees: false, why: 'a direct viewer membership wins over the group' },
  ])('$why: sees it $sees', async ({ who, setting, sees }) => {
    const set = await call('admin', 'PUT', '/api/organisation/regional-pre-release', { allow: setting }, DUDLEY);
    expect(set.statusCode, set.body).toBe(204);
    cookies[who] = await signInAs(t.app, who);
    const { cell, body } = await dudleyCell(who);
    expect(cell).toBeDefined();
    if (sees) {
      expect(cell).toMatchObject({ visible: true, unpublished: true, notice: null });
      expect(cell!.value).not.toBeNull();
    } else {
      expect(cell).toMatchObject({
        visible: false,
        notice: NOT_YET_PUBLISHED,
        value: null,
        displayValue: null,
        rating: null,
        againstGroup: null,
        positionWords: null,
      });
      const [stored] = await queryRows<{ value: number }>(
        t.database.db,
        sql`select o.value::float8 as value from observations o join indicators i on i.id = o.indicator_id
             where i.organisation_id = ${dudleyId} and i.code = 'PI4' and o.month = ${`${month}-01`}`,
      );
      expect(body).not.toContain(String(stored!.value));
    }
  });

  it('exports the comparison as CSV: marked and never stored when it shows an unpublished month', async () => {
    await call('admin', 'PUT', '/api/organisation/regional-pre-release', { allow: true }, DUDLEY);
    cookies['analyst.wm'] = await signInAs(t.app, 'analyst.wm');
    const shown = await call(
      'analyst.wm',
      'GET',
      `/api/regional/kpis.csv?code=PI4&month=${month}`,
      undefined,
      SANDWELL,
    );
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(readCsv(shown.rawPayload).rows.find((r) => r[0] === 'Dudley')?.[3]).toMatch(/\d/);

    await call('admin', 'PUT', '/api/organisation/regional-pre-release', { allow: false }, DUDLEY);
    cookies['analyst.wm'] = await signInAs(t.app, 'analyst.wm');
    const hidden = await call(
      'analyst.wm',
      'GET',
      `/api/regional/kpis.csv?code=PI4&month=${month}`,
      undefined,
      SANDWELL,
    );
    expect(hidden.statusCode).toBe(200);
    const dudley = readCsv(hidden.rawPayload).rows.find((r) => r[0] === 'Dudley')!;
    expect(dudley[3]).toBe(NOT_YET_PUBLISHED);
    expect(dudley.slice(4, 7).every((v) => v === '')).toBe(true);
    const xlsx = await call(
      'analyst.wm',
      'GET',
      `/api/regional/kpis.xlsx?code=PI4&month=${month}`,
      undefined,
      SANDWELL,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(await auditCount('export.regional_kpis')).toBe(3);
  });

  it('offers the nine English regions and the councils the administrator may read, marking those they administer', async () => {
    const groups = councilGroupsResponseSchema.parse((await call('admin', 'GET', '/api/groups')).json());
    expect(groups.regions).toHaveLength(9);
    expect(groups.regions).toContainEqual({ code: WEST_MIDLANDS, name: 'West Midlands' });
    // Leeds is served here too, but is not theirs to read: nothing tells them it is served.
    expect(groups.servedCouncils.map((c) => [c.areaCode, c.administered]).sort()).toEqual([
      [DUDLEY, true],
      [SANDWELL, true],
    ]);
  });

  it.each([
    { regionCode: 'E12999999', why: 'a well-formed code that is no region' },
    { regionCode: 'E08000028', why: "a council's code" },
    { regionCode: 'E13000001', why: "Inner London (DfE's, not a region of England)" },
    { regionCode: 'not a code', why: 'junk' },
  ])('refuses to make a group for $why with a 400 problem, audited, and makes none', async ({ regionCode }) => {
    const before = await auditCount('group.invalid_request');
    const response = await call('admin', 'POST', '/api/groups', { name: `Region ${regionCode}`, regionCode });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(response.json());
    expect(problem.errors?.map((e) => e.path.split(/[./]/).pop())).toContain('regionCode');
    if (regionCode === 'E12999999') expect(problem.errors?.[0]?.message).toBe(NOT_A_REGION);
    expect(await auditCount('group.invalid_request')).toBe(before + 1);
    const [made] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from council_groups where name = ${`Region ${regionCode}`}`,
    );
    expect(made!.n).toBe(0);
  });

  it('takes a council the administrator administers out of a custom group, audited', async () => {
    const created = await call('admin', 'POST', '/api/groups', { name: 'Black Country' });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: number }).id;
    for (const areaCode of [SANDWELL, DUDLEY]) {
      expect((await call('admin', 'POST', `/api/groups/${id}/councils`, { areaCode })).statusCode).toBe(204);
    }
    const before = await auditCount('group.council_removed');
    const removed = await call('admin', 'DELETE', `/api/groups/${id}/councils/${DUDLEY}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await auditCount('group.council_removed')).toBe(before + 1);
    const groups = councilGroupsResponseSchema.parse((await call('admin', 'GET', '/api/groups')).json());
    expect(groups.groups.find((g) => g.id === id)?.councils.map((c) => c.areaCode)).toEqual([SANDWELL]);
    // Not in the group any more: not found.
    expect((await call('admin', 'DELETE', `/api/groups/${id}/councils/${DUDLEY}`)).statusCode).toBe(404);
    // A region's group holds every served council in the region.
    const fromRegion = await call('admin', 'DELETE', `/api/groups/${groupId}/councils/${DUDLEY}`);
    expect(fromRegion.statusCode).toBe(409);
  });

  it("refuses, audited, to take out a council the administrator does not administer, and another council's group is not found", async () => {
    // A group shared by Sandwell and Leeds (made directly: neither administrator could make it alone).
    const [shared] = await queryRows<{ id: number }>(
      t.database.db,
      sql`insert into council_groups (name) values ('Sandwell and Leeds') returning id`,
    );
    const [leedsOnly] = await queryRows<{ id: number }>(
      t.database.db,
      sql`insert into council_groups (name) values ('Leeds alone') returning id`,
    );
    await t.database.db.execute(sql`insert into council_group_members (group_id, organisation_id)
      select ${shared!.id}::int, id from organisations where area_code in (${SANDWELL}, ${LEEDS})
      union all select ${leedsOnly!.id}::int, id from organisations where area_code = ${LEEDS}`);
    const members = async (id: number) =>
      (
        await queryRows<{ n: number }>(
          t.database.db,
          sql`select count(*)::int as n from council_group_members where group_id = ${id}`,
        )
      )[0]!.n;

    const before = await auditCount('group.refused');
    const notMine = await call('admin', 'DELETE', `/api/groups/${shared!.id}/councils/${LEEDS}`);
    expect(notMine.statusCode).toBe(403);
    expect(problemSchema.parse(notMine.json()).detail).toBe(NOT_ADMIN_OF_COUNCIL_TO_REMOVE);
    const elsewhere = await call('admin', 'DELETE', `/api/groups/${leedsOnly!.id}/councils/${LEEDS}`);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain('Leeds');
    expect(await auditCount('group.refused')).toBe(before + 2);
    expect([await members(shared!.id), await members(leedsOnly!.id)]).toEqual([2, 1]);
    // Leeds's administrator may take Leeds out of the group they share.
    expect((await call('leeds.admin', 'DELETE', `/api/groups/${shared!.id}/councils/${LEEDS}`)).statusCode).toBe(204);
    expect(await members(shared!.id)).toBe(1);
  });

  it("flips Dudley's regional pre-release setting, audited, and the analyst sees its unpublished month or not", async () => {
    for (const allow of [true, false]) {
      const before = await auditCount('organisation.regional_pre_release');
      const set = await call('admin', 'PUT', '/api/organisation/regional-pre-release', { allow }, DUDLEY);
      expect(set.statusCode, set.body).toBe(204);
      expect(await auditCount('organisation.regional_pre_release')).toBe(before + 1);
      const [row] = await queryRows<{ organisation_id: number; details: { allow: boolean } }>(
        t.database.db,
        sql`select organisation_id, details from audit_log where action = 'organisation.regional_pre_release' order by id desc limit 1`,
      );
      expect(row).toMatchObject({ organisation_id: dudleyId, details: { allow } });
      cookies['analyst.wm'] = await signInAs(t.app, 'analyst.wm');
      const { cell } = await dudleyCell('analyst.wm');
      expect(cell).toMatchObject({ visible: allow, unpublished: allow });
    }
    // Leeds's administrator may not change Dudley's setting.
    const refused = await call('leeds.admin', 'PUT', '/api/organisation/regional-pre-release', { allow: true }, DUDLEY);
    expect(refused.statusCode).toBe(403);
  });

  it('revokes the role, audited', async () => {
    const response = await call('admin', 'DELETE', `/api/groups/${groupId}/people/${ids['both.ways']}`);
    expect(response.statusCode).toBe(204);
    expect(await auditCount('group.role_revoked')).toBe(1);
  });
});
