import { queryRows } from '@kpi/server/db';
import { councilGroupsResponseSchema, problemSchema, regionalTableResponseSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_NAME_TAKEN, REGIONAL_ROLE_REFUSED } from '../../server/src/groups/groupService';
import { ONBOARDING_IS_FOR_THE_DEPLOYMENT } from '../../server/src/organisations/councilSight';
import { ABOUT_THE_SERVICE, ORGANISATION_ASKED_TWICE } from '../../server/src/plugins/requestContext';
import { readCsv, readXlsx } from '../support/documentReaders';
import { concreteUrl, type DocumentedRoute, documentedRoutes } from '../support/routeCatalogue';
import {
  addMembership,
  addPerson,
  auditCount,
  bodyForIdRoute,
  type CouncilRecords,
  councilRecords,
  DUDLEY,
  recordIdFor,
  SANDWELL,
  sandwellDeployment,
  seedServedCouncil,
  WEST_MIDLANDS,
} from '../support/servedCouncils';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * One deployment serving Sandwell (the demo seed) and Dudley, and Walsall set up with nothing in
 * it yet. Dudley's people, in every role, must not learn that Sandwell is served here, see the
 * groups Sandwell's administrators make, or have an ambiguous request answered for a council
 * they did not mean; the service's own checks answer whatever organisation is named; and a look
 * at a council with nothing in it is not recorded as a pre-release look.
 */
const WALSALL = 'E08000030';
const ROLES = ['admin', 'commissioner', 'analyst', 'viewer'] as const;
/** Sandwell's organisation name: the area's name ("Sandwell") is DfE's and public, this is the deployment's. */
const SANDWELL_ORGANISATION = 'Sandwell Metropolitan Borough Council';
const SANDWELL_GROUPS = ['Sandwell planning alliance', 'Sandwell and friends'];

describe(`what one council's people may know of another (${testDriverName()})`, () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let sandwellGroups: number[] = [];
  let sandwell: CouncilRecords;
  let routes: DocumentedRoute[];
  const get = (who: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]!, ...headers } });
  beforeAll(async () => {
    const deployment = await sandwellDeployment();
    t = deployment.t;
    const data = deployment.data;
    const dudleyId = await seedServedCouncil(t.database.db, data, {
      areaCode: DUDLEY,
      name: 'Dudley',
      codes: ['PI1', 'PI4'],
      factor: 0.9,
      unpublishedFrom: '2024-01',
    });
    for (const role of ROLES) {
      const id = await addPerson(t.database.db, `dudley.${role}`);
      await addMembership(t.database.db, id, dudleyId, role);
    }
    await t.database.db.execute(sql`insert into organisations (name, area_code) values ('Walsall', ${WALSALL})`);
    const [walsall, sandwellOrganisation] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from organisations where area_code in (${WALSALL}, ${SANDWELL}) order by area_code = ${SANDWELL}`,
    );
    const sandwellId = sandwellOrganisation!.id;
    await addMembership(
      t.database.db,
      await addPerson(t.database.db, 'walsall.commissioner'),
      walsall!.id,
      'commissioner',
    );
    // The deployment's administrator: an administrator of every council it serves.
    const operator = await addPerson(t.database.db, 'operator');
    for (const id of [dudleyId, walsall!.id, sandwellId]) await addMembership(t.database.db, operator, id, 'admin');
    for (const who of ['admin', 'viewer', 'walsall.commissioner', 'operator', ...ROLES.map((r) => `dudley.${r}`)]) {
      cookies[who] = await signInAs(t.app, who);
    }
    // Sandwell's administrator makes a group and leaves it empty, and another holding Sandwell.
    sandwellGroups = [];
    for (const name of SANDWELL_GROUPS) {
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/groups',
        headers: { cookie: cookies.admin! },
        payload: { name },
      });
      expect(made.statusCode, made.body).toBe(201);
      sandwellGroups.push((made.json() as { id: number }).id);
    }
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/groups/${sandwellGroups[1]}/councils`,
      headers: { cookie: cookies.admin! },
      payload: { areaCode: SANDWELL },
    });
    expect(added.statusCode, added.body).toBe(204);
    const [viewer] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from users where username = 'viewer'`,
    );
    sandwell = await councilRecords(t, {
      areaCode: SANDWELL,
      adminCookie: cookies.admin!,
      mark: MARK,
      user: viewer!.id,
      group: sandwellGroups[1]!,
    });
    routes = await documentedRoutes(t.app);
  }, 300_000);
  afterAll(() => t?.close());

  const showsSandwell = (text: string) =>
    text.includes(SANDWELL_ORGANISATION) || text.includes(MARK) || SANDWELL_GROUPS.some((name) => text.includes(name));
  /** The body and every header (a download's file name among them). */
  const answerShowsSandwell = (response: { body: string; headers: Record<string, unknown> }) =>
    showsSandwell(response.body) || showsSandwell(JSON.stringify(response.headers));

  it("shows Sandwell's administrator their own groups, the empty one included", async () => {
    const groups = councilGroupsResponseSchema.parse((await get('admin', '/api/groups')).json());
    expect(groups.groups.map((g) => g.name).sort()).toEqual([...SANDWELL_GROUPS].sort());
    expect(groups.servedCouncils.map((c) => c.areaCode)).toEqual([SANDWELL]);
  });

  it("never shows Dudley's administrator Sandwell's groups, nor that Sandwell is served here", async () => {
    const response = await get('dudley.admin', '/api/groups');
    expect(response.statusCode).toBe(200);
    const groups = councilGroupsResponseSchema.parse(response.json());
    expect(groups.groups).toEqual([]);
    expect(groups.servedCouncils.map((c) => c.areaCode)).toEqual([DUDLEY]);
    expect(showsSandwell(response.body)).toBe(false);
    // Sandwell's groups are not found by id, and nothing in them changes.
    for (const id of sandwellGroups) {
      const asked = [
        ['POST', `/api/groups/${id}/councils`, { areaCode: DUDLEY }],
        ['POST', `/api/groups/${id}/people`, { username: 'dudley.viewer' }],
        ['DELETE', `/api/groups/${id}/councils/${SANDWELL}`, undefined],
      ] as const;
      for (const [method, url, payload] of asked) {
        const refused = await t.app.inject({
          method,
          url,
          headers: { cookie: cookies['dudley.admin']! },
          ...(payload ? { payload } : {}),
        });
        expect(refused.statusCode, `${method} ${url}`).toBe(404);
        expect(showsSandwell(refused.body)).toBe(false);
      }
    }
    const [members] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from council_group_members`,
    );
    expect(members!.n).toBe(1);
  });

  it.each(ROLES)(
    "answers Dudley's %s that Sandwell's groups are not found in the regional comparisons",
    async (role) => {
      for (const id of sandwellGroups) {
        for (const url of [`/api/regional/kpis?code=PI4&group=${id}`, `/api/regional/kpi-rug?group=${id}`]) {
          const response = await get(`dudley.${role}`, url);
          expect(response.statusCode, url).toBe(404);
          expect(showsSandwell(response.body), url).toBe(false);
        }
        const csv = await get(`dudley.${role}`, `/api/regional/kpi-rug.csv?group=${id}`);
        expect(csv.statusCode).toBe(404);
        expect(showsSandwell(JSON.stringify(csv.headers)) || showsSandwell(csv.body)).toBe(false);
      }
    },
  );

  it.each(ROLES)("marks only Dudley 'served here' for Dudley's %s, in the table and its downloads", async (role) => {
    const who = `dudley.${role}`;
    for (const path of ['/api/regional/table', '/api/regional/trend?measure=re_referral_pct']) {
      const response = await get(who, path);
      expect(response.statusCode, response.body).toBe(200);
      const rows: Array<{ areaCode: string; servedHere: boolean }> = response.json().rows ?? response.json().councils;
      expect(
        rows.filter((r) => r.servedHere).map((r) => r.areaCode),
        path,
      ).toEqual([DUDLEY]);
    }
    const table = regionalTableResponseSchema.parse((await get(who, '/api/regional/table')).json());
    expect(table.rows.map((r) => r.areaCode)).toContain(SANDWELL);
    const csv = readCsv((await get(who, '/api/regional/table.csv?table=table')).rawPayload);
    const servedColumn = csv.rows[0]!.findIndex((h) => /served/i.test(h));
    expect(servedColumn).toBeGreaterThanOrEqual(0);
    const servedNames = new Set(
      csv.rows
        .slice(1)
        .filter((r) => r[servedColumn] === 'Yes')
        .map((r) => r[0]),
    );
    expect([...servedNames]).toEqual(['Dudley']);
    const workbook = await readXlsx((await get(who, '/api/regional/table.xlsx')).rawPayload);
    const servedInXlsx = new Set<string>();
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        const values = (row.values as unknown[]).map(String);
        if (values.includes('Yes')) servedInXlsx.add(values[1]!);
      }),
    );
    expect([...servedInXlsx]).toEqual(['Dudley']);
  });

  it("marks Sandwell 'served here' for Sandwell's own people", async () => {
    const table = regionalTableResponseSchema.parse((await get('viewer', '/api/regional/table')).json());
    expect(table.rows.filter((r) => r.servedHere).map((r) => r.areaCode)).toEqual([SANDWELL]);
  });

  it("refuses every council's administrator but the deployment's the councils to add, and adding any, alike", async () => {
    // Served here (Sandwell, Dudley, Walsall) or not (Wolverhampton, Coventry, Hartlepool): the same refusal.
    const areaCodes = fc.constantFrom(SANDWELL, DUDLEY, WALSALL, 'E08000031', 'E08000026', 'E06000001');
    const refusals = new Set<string>();
    let asked = 0;
    for (const who of ['admin', 'dudley.admin']) {
      const list = await get(who, '/api/organisations/candidates');
      expect(list.statusCode, list.body).toBe(403);
      expect(showsSandwell(list.body)).toBe(false);
      refusals.add(JSON.stringify([list.statusCode, problemSchema.parse(list.json()).detail]));
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('admin', 'dudley.admin'),
        areaCodes,
        fc.boolean(),
        async (who, areaCode, named) => {
          asked += 1;
          const response = await t.app.inject({
            method: 'POST',
            url: '/api/organisations',
            headers: { cookie: cookies[who]! },
            payload: { areaCode, ...(named ? { name: 'Sandwell Metropolitan Borough Council' } : {}) },
          });
          const problem = problemSchema.parse(response.json());
          refusals.add(JSON.stringify([response.statusCode, problem.detail]));
          expect(problem.code, areaCode).toBeUndefined();
          expect(response.body).not.toMatch(/Dudley|Walsall|Sandwell/);
        },
      ),
      { numRuns: 40 },
    );
    expect(asked).toBe(40);
    expect([...refusals]).toEqual([JSON.stringify([403, ONBOARDING_IS_FOR_THE_DEPLOYMENT])]);
    const [organisations] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from organisations`,
    );
    expect(organisations!.n).toBe(3);
    // The set-up page offers "Add a council" to the deployment's administrator only.
    for (const who of ['admin', 'dudley.admin', 'operator']) {
      const setup = await get(who, '/api/setup');
      expect(setup.statusCode, setup.body).toBe(200);
      expect((setup.json() as { mayAddCouncils: boolean }).mayAddCouncils, who).toBe(who === 'operator');
    }
    // The deployment's administrator sees which councils are served: they administer them all.
    const list = await get('operator', '/api/organisations/candidates');
    expect(list.statusCode, list.body).toBe(200);
    const offered = (list.json() as { localAuthorities: { code: string }[] }).localAuthorities.map((la) => la.code);
    expect(offered).toContain('E08000031');
    for (const served of [SANDWELL, DUDLEY, WALSALL]) expect(offered).not.toContain(served);
  });

  it('refuses an organisation asked twice, or two ways, with a 400 naming it; the same one twice is fine', async () => {
    const codes = fc.constantFrom(SANDWELL, DUDLEY, SANDWELL.toLowerCase(), 'E09999999', ' ');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROLES),
        codes,
        codes,
        fc.constantFrom('query twice', 'header and query', 'header twice'),
        async (role, first, second, how) => {
          const url =
            how === 'query twice'
              ? `/api/indicators?organisation=${encodeURIComponent(first)}&organisation=${encodeURIComponent(second)}`
              : how === 'header and query'
                ? `/api/indicators?organisation=${encodeURIComponent(second)}`
                : '/api/indicators';
          const headers: Record<string, string> =
            how === 'query twice' ? {} : { 'x-organisation': how === 'header twice' ? `${first},${second}` : first };
          const response = await get(`dudley.${role}`, url, headers);
          const [a, b] = [first.trim().toUpperCase(), second.trim().toUpperCase()];
          // Repeated is refused even when alike; header and query only when both name one, differently.
          const ambiguous = how !== 'header and query' || (a !== '' && b !== '' && a !== b);
          if (ambiguous) {
            expect(response.statusCode, `${how} ${first}|${second}`).toBe(400);
            const problem = problemSchema.parse(response.json());
            expect(problem.detail).toBe(ORGANISATION_ASKED_TWICE);
            const named = how === 'header twice' ? 'header.x-organisation' : 'querystring.organisation';
            expect(problem.errors?.map((e) => e.path)).toContain(named);
            expect(showsSandwell(response.body)).toBe(false);
          } else {
            expect(response.statusCode, `${how} ${first}|${second}`).not.toBe(400);
          }
        },
      ),
      { numRuns: 60 },
    );
    // One council, asked once either way or both ways alike, is answered as before.
    for (const headers of [{}, { 'x-organisation': DUDLEY }] as Record<string, string>[]) {
      const response = await get('dudley.viewer', `/api/indicators?organisation=${DUDLEY.toLowerCase()}`, headers);
      expect(response.statusCode).toBe(200);
    }
  });

  it('answers the health and readiness checks whatever organisation a signed-in caller names', async () => {
    for (const url of ['/api/health', '/api/ready']) {
      for (const organisation of [SANDWELL, 'E09999999', `${SANDWELL},${DUDLEY}`]) {
        const response = await get('dudley.viewer', url, { 'x-organisation': organisation });
        expect(response.statusCode, `${url} ${organisation}`).toBe(200);
        const byQuery = await get('dudley.viewer', `${url}?organisation=${SANDWELL}&organisation=${DUDLEY}`);
        expect(byQuery.statusCode).toBe(200);
      }
    }
  });

  it('records no pre-release look when a council with nothing in it is browsed', async () => {
    const before = await auditCount(t.database.db, 'prerelease.view');
    for (const url of ['/api/scorecard', '/api/scorecard?month=2021-03', '/api/overview', '/api/indicators']) {
      expect((await get('walsall.commissioner', url)).statusCode, url).toBe(200);
    }
    expect(await auditCount(t.database.db, 'prerelease.view')).toBe(before);
    // Dudley's unpublished months, with figures, shown to its commissioner: a look, recorded.
    const shown = await get('dudley.commissioner', '/api/scorecard?month=2025-03');
    expect(shown.statusCode).toBe(200);
    expect(await auditCount(t.database.db, 'prerelease.view')).toBe(before + 1);
  });

  // The wider walk: every documented route, as each of Dudley's roles.
  const aboutAnOrganisation = (r: DocumentedRoute) =>
    !r.path.startsWith('/api/auth/') && !ABOUT_THE_SERVICE.has(r.path);

  it.each(ROLES)(
    "refuses Dudley's %s every route asked about Sandwell, by header or parameter, showing nothing of it",
    async (role) => {
      const failures: string[] = [];
      for (const route of routes.filter(aboutAnOrganisation)) {
        for (const how of ['header', 'query'] as const) {
          const url = concreteUrl(route.path);
          const response = await t.app.inject({
            method: route.method as 'GET',
            url: how === 'query' ? `${url}${url.includes('?') ? '&' : '?'}organisation=${SANDWELL}` : url,
            headers: {
              cookie: cookies[`dudley.${role}`]!,
              ...(how === 'header' ? { 'x-organisation': SANDWELL } : {}),
            },
          });
          if (response.statusCode !== 403 || answerShowsSandwell(response)) {
            failures.push(`${route.method} ${route.path} by ${how}: ${response.statusCode}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it.each(ROLES)("answers Dudley's %s 404 (or 403) for Sandwell's records by id, changing nothing", async (role) => {
    const withIds = routes.filter((r) => /\{(id|userId|areaCode)\}/.test(r.path));
    expect(withIds.length).toBeGreaterThan(15);
    const failures: string[] = [];
    for (const route of withIds) {
      const url = concreteUrl(route.path, {
        id: String(recordIdFor(route.path, sandwell)),
        userId: String(sandwell.user),
        areaCode: SANDWELL,
      });
      const body = bodyForIdRoute(route, { areaCode: DUDLEY, username: 'dudley.viewer' });
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers: { cookie: cookies[`dudley.${role}`]! },
        ...(body ? { payload: body } : {}),
      });
      if (![403, 404].includes(response.statusCode) || answerShowsSandwell(response)) {
        failures.push(`${route.method} ${url}: ${response.statusCode} ${response.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    const [unchanged] = await queryRows<{ action: string; proposal: string; members: number }>(
      t.database.db,
      sql`select (select status::text from kpi_actions where id = ${sandwell.action}) as action,
                 (select status::text from proposed_changes where id = ${sandwell.proposal}) as proposal,
                 (select count(*)::int from council_group_members where group_id = ${sandwell.group}) as members`,
    );
    expect(unchanged).toEqual({ action: 'open', proposal: 'pending', members: 1 });
  });

  it.each(ROLES)("shows Dudley's %s nothing of Sandwell on any page or download of Dudley's own", async (role) => {
    const failures: string[] = [];
    const reads = routes.filter((r) => r.method === 'GET' && aboutAnOrganisation(r));
    expect(reads.length).toBeGreaterThan(40);
    for (const route of reads) {
      const url = concreteUrl(route.path, { month: '2025-03' });
      const response = await get(`dudley.${role}`, url);
      if (response.statusCode >= 500 || answerShowsSandwell(response)) {
        failures.push(`GET ${url}: ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("lets Dudley's administrator name a group as Sandwell's are named: names are unique within a council", async () => {
    const create = (who: string, payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: cookies[who]! }, payload });
    // A region's group that Sandwell's administrator made, holding no council Dudley's people read.
    const yorkshire = { name: 'Yorkshire councils', regionCode: 'E12000003' };
    expect((await create('admin', yorkshire)).statusCode).toBe(201);
    for (const payload of [
      { name: SANDWELL_GROUPS[0]!.toUpperCase() },
      { name: ` ${SANDWELL_GROUPS[1]!.toLowerCase()}` },
      yorkshire,
    ]) {
      const made = await create('dudley.admin', payload);
      expect(made.statusCode, `${JSON.stringify(payload)}: ${made.body}`).toBe(201);
      // Twice in one council is refused, saying only that this council has one.
      const again = await create('dudley.admin', payload);
      expect(again.statusCode).toBe(409);
      expect(problemSchema.parse(again.json()).detail).toBe(GROUP_NAME_TAKEN);
    }
    const listed = councilGroupsResponseSchema.parse((await get('dudley.admin', '/api/groups')).json());
    expect(listed.groups.map((g) => g.name).sort()).toEqual(
      ['SANDWELL PLANNING ALLIANCE', 'Yorkshire councils', 'sandwell and friends'].sort(),
    );
    // Sandwell's administrator still sees only Sandwell's own.
    const theirs = councilGroupsResponseSchema.parse((await get('admin', '/api/groups')).json());
    expect(theirs.groups.map((g) => g.name).sort()).toEqual([...SANDWELL_GROUPS, 'Yorkshire councils'].sort());
  });

  it("refuses Dudley's administrator the regional role in words that say nothing of councils they cannot read", async () => {
    const as = (who: string, method: 'POST' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
    // The West Midlands' group holds Sandwell, Walsall and Dudley; Dudley's administrator is shown Dudley alone.
    const region = await as('operator', 'POST', '/api/groups', {
      name: 'West Midlands councils',
      regionCode: WEST_MIDLANDS,
    });
    expect(region.statusCode, region.body).toBe(201);
    const regionId = (region.json() as { id: number }).id;
    const shown = councilGroupsResponseSchema.parse((await get('dudley.admin', '/api/groups')).json());
    expect(shown.groups.find((g) => g.id === regionId)?.councils.map((c) => c.areaCode)).toEqual([DUDLEY]);
    // A group of Dudley's own with no council in it yet: refused for a reason that involves no other council.
    const empty = await as('dudley.admin', 'POST', '/api/groups', { name: 'Dudley alone' });
    const emptyId = (empty.json() as { id: number }).id;
    const [viewer] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from users where username = 'dudley.viewer'`,
    );
    const answers = new Set<string>();
    for (const id of [regionId, emptyId]) {
      for (const [method, url, payload] of [
        ['POST', `/api/groups/${id}/people`, { username: 'dudley.viewer' }],
        ['DELETE', `/api/groups/${id}/people/${viewer!.id}`, undefined],
      ] as const) {
        const refused = await as('dudley.admin', method, url, payload);
        const { detail } = problemSchema.parse(refused.json());
        expect(refused.statusCode, `${method} ${url}`).toBe(403);
        expect(detail).toBe(REGIONAL_ROLE_REFUSED);
        expect(detail).not.toMatch(/council|every|other/i);
        answers.add(`${refused.statusCode} ${detail}`);
      }
    }
    expect(answers.size).toBe(1);
    const [held] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from group_memberships where group_id in (${regionId}, ${emptyId})`,
    );
    expect(held!.n).toBe(0);
  });

  // "Exists but not yours" must read exactly as "does not exist": the same status, problem detail,
  // code and field errors, for every documented route that takes an id or a code.
  it.each(ROLES)(
    "answers Dudley's %s for Sandwell's ids and codes exactly as for ones that never existed",
    async (role) => {
      const NEVER = 2_000_000_000;
      const withKeys = routes.filter((r) => /\{(id|userId|areaCode|code)\}/.test(r.path));
      const answer = async (route: DocumentedRoute, values: Record<string, string>) => {
        const body = bodyForIdRoute(route, { areaCode: DUDLEY, username: 'dudley.viewer' });
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.path, values),
          headers: { cookie: cookies[`dudley.${role}`]! },
          ...(body ? { payload: body } : {}),
        });
        const json = response.headers['content-type']?.toString().includes('json') ? response.json() : {};
        // The detail may echo what was asked ("There is no meeting with id 4."): that tells nothing.
        const asked = Object.values(values).filter((v) => v.length > 0);
        const echoless = (text: string) =>
          asked.reduce((out, v) => out.replace(new RegExp(`(?<![\\w-])${v}(?![\\w-])`, 'g'), '…'), text);
        return echoless(
          JSON.stringify([response.statusCode, json.detail ?? null, json.code ?? null, json.errors ?? null]),
        );
      };
      const differences: string[] = [];
      let compared = 0;
      for (const route of withKeys) {
        // Sandwell's record against no record; a KPI only Sandwell has (PI2) against no KPI.
        const pairs: Array<[Record<string, string>, Record<string, string>]> = [];
        if (/\{(id|userId)\}/.test(route.path)) {
          const id = String(recordIdFor(route.path, sandwell));
          pairs.push([
            { id, userId: String(sandwell.user), areaCode: SANDWELL },
            { id: String(NEVER), userId: String(NEVER), areaCode: SANDWELL },
          ]);
        }
        if (route.path.includes('{code}'))
          pairs.push([
            { code: 'PI2', id: '1' },
            { code: 'NO-SUCH-KPI', id: '1' },
          ]);
        if (route.path.includes('{areaCode}') && !route.path.includes('{id}'))
          pairs.push([{ areaCode: SANDWELL }, { areaCode: 'E08000031' }]);
        for (const [theirs, none] of pairs) {
          compared += 1;
          const [a, b] = [await answer(route, theirs), await answer(route, none)];
          if (a !== b) differences.push(`${route.method} ${route.path}: theirs ${a} / none ${b}`);
        }
      }
      expect(compared).toBeGreaterThan(20);
      expect(differences).toEqual([]);
    },
  );
});

/** Everything of Sandwell's made for the walk carries this mark, so an answer showing any of it is caught. */
const MARK = 'SANDWELL-ONLY';
