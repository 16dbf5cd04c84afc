import { loadSeedData } from '@kpi/seed';
import { queryRows } from '@kpi/server/db';
import { councilGroupsResponseSchema, problemSchema, regionalTableResponseSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABOUT_THE_SERVICE, ORGANISATION_ASKED_TWICE } from '../../server/src/plugins/requestContext';
import { applySeed } from '../../server/src/seedLoader/loadSeed';
import { readCsv, readXlsx } from '../support/documentReaders';
import { concreteUrl, type DocumentedRoute, documentedRoutes } from '../support/routeCatalogue';
import { REFERENCE_DIR } from '../support/seededApp';
import { addMembership, addPerson, DUDLEY, SANDWELL, seedServedCouncil } from '../support/servedCouncils';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
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
  let sandwell: SandwellIds;
  let routes: DocumentedRoute[];
  const get = (who: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]!, ...headers } });
  const auditCount = async (action: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from audit_log where action = ${action}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await createTestApp();
    const data = await loadSeedData(REFERENCE_DIR);
    await applySeed(t.database.db, data);
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
    const [walsall] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from organisations where area_code = ${WALSALL}`,
    );
    await addMembership(
      t.database.db,
      await addPerson(t.database.db, 'walsall.commissioner'),
      walsall!.id,
      'commissioner',
    );
    for (const who of ['admin', 'viewer', 'walsall.commissioner', ...ROLES.map((r) => `dudley.${r}`)]) {
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
    sandwell = await sandwellRecords(t, cookies.admin!, sandwellGroups[1]!);
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
    const before = await auditCount('prerelease.view');
    for (const url of ['/api/scorecard', '/api/scorecard?month=2021-03', '/api/overview', '/api/indicators']) {
      expect((await get('walsall.commissioner', url)).statusCode, url).toBe(200);
    }
    expect(await auditCount('prerelease.view')).toBe(before);
    // Dudley's unpublished months, with figures, shown to its commissioner: a look, recorded.
    const shown = await get('dudley.commissioner', '/api/scorecard?month=2025-03');
    expect(shown.statusCode).toBe(200);
    expect(await auditCount('prerelease.view')).toBe(before + 1);
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
        id: String(idFor(route.path, sandwell)),
        userId: String(sandwell.user),
        areaCode: SANDWELL,
      });
      const body = BODIES[`${route.method} ${route.path}`];
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
});

/** Everything of Sandwell's made for the walk carries this mark, so an answer showing any of it is caught. */
const MARK = 'SANDWELL-ONLY';

interface SandwellIds {
  meeting: number;
  upload: number;
  scheduleUpload: number;
  action: number;
  proposal: number;
  spcRebase: number;
  user: number;
  group: number;
}

/** A valid body for the routes with an id that need one, so the lookup (not validation) answers. */
const BODIES: Record<string, object> = {
  'PATCH /api/users/{id}': { role: 'viewer' },
  'POST /api/users/{id}/password': { password: 'a-long-enough-new-password-1' },
  'PATCH /api/indicators/{code}/actions/{id}': { status: 'done' },
  'PATCH /api/contract/meetings/{id}': { board: 'Renamed board' },
  'POST /api/returns/uploads/{id}/commit': { confirmWarnings: true, reason: 'Cross-council check' },
  'POST /api/meetings/{id}/publish': {},
  'POST /api/contract/proposals/{id}/approve': {},
  'POST /api/contract/proposals/{id}/reject': {},
  'POST /api/groups/{id}/councils': { areaCode: DUDLEY },
  'POST /api/groups/{id}/people': { username: 'dudley.viewer' },
};

function idFor(path: string, ids: SandwellIds): number {
  if (path.startsWith('/api/users/')) return ids.user;
  if (path.includes('/actions/')) return ids.action;
  if (path.includes('/spc-rebases/')) return ids.spcRebase;
  if (path.startsWith('/api/returns/uploads/')) return ids.upload;
  if (path.startsWith('/api/contract/proposals/')) return ids.proposal;
  if (path.startsWith('/api/contract/schedule/uploads/')) return ids.scheduleUpload;
  if (path.includes('/meetings/')) return ids.meeting;
  if (path.startsWith('/api/groups/')) return ids.group;
  throw new Error(`no Sandwell record for ${path}`);
}

/** Sandwell's own records, marked, made as its people would (an action, a rebase) or directly. */
async function sandwellRecords(t: TestApp, adminCookie: string, group: number): Promise<SandwellIds> {
  const db = t.database.db;
  const inSandwell = { cookie: adminCookie, 'x-organisation': SANDWELL };
  const action = await t.app.inject({
    method: 'POST',
    url: '/api/indicators/PI1/actions',
    headers: inSandwell,
    payload: { description: `${MARK} action`, owner: `${MARK} owner`, dueOn: '2025-06-30', months: ['2025-03'] },
  });
  if (action.statusCode !== 201) throw new Error(`Sandwell's action: ${action.statusCode} ${action.body}`);
  const rebase = await t.app.inject({
    method: 'POST',
    url: '/api/indicators/PI1/spc-rebases',
    headers: inSandwell,
    payload: { month: '2020-04', reason: `${MARK} rebase` },
  });
  if (rebase.statusCode !== 201) throw new Error(`Sandwell's rebase: ${rebase.statusCode} ${rebase.body}`);
  const [ids] = await queryRows<{ organisation: number; admin: number; viewer: number; meeting: number }>(
    db,
    sql`select o.id as organisation, (select id from users where username = 'admin') as admin,
               (select id from users where username = 'viewer') as viewer,
               (select max(m.id) from meetings m where m.organisation_id = o.id) as meeting
          from organisations o where o.area_code = ${SANDWELL}`,
  );
  const upload = async (kind: string, name: string) =>
    (
      await queryRows<{ id: number }>(
        db,
        sql`insert into uploads (organisation_id, kind, file_name, sha256, byte_size, uploaded_by, outcome, summary)
            values (${ids!.organisation}, ${kind}, ${`${MARK}-${name}`}, ${name}, 10, ${ids!.admin}, 'validated', null) returning id`,
      )
    )[0]!.id;
  const [proposal] = await queryRows<{ id: number }>(
    db,
    sql`insert into proposed_changes (organisation_id, kind, title, reason, change, proposed_by, proposed_by_role)
        values (${ids!.organisation}, 'threshold', ${`${MARK} proposal`}, ${`${MARK} reason`}, '{}'::jsonb, ${ids!.admin}, 'admin') returning id`,
  );
  return {
    meeting: ids!.meeting,
    upload: await upload('monthly_return', 'return.csv'),
    scheduleUpload: await upload('contract_schedule', 'schedule.csv'),
    action: (action.json() as { id: number }).id,
    proposal: proposal!.id,
    spcRebase: (rebase.json() as { id: number }).id,
    user: ids!.viewer,
    group,
  };
}
