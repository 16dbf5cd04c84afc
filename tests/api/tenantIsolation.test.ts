import { loadSeedData } from '@kpi/seed';
import { queryRows } from '@kpi/server/db';
import { councilGroupsResponseSchema, problemSchema, regionalTableResponseSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISATION_ASKED_TWICE } from '../../server/src/plugins/requestContext';
import { applySeed } from '../../server/src/seedLoader/loadSeed';
import { readCsv, readXlsx } from '../support/documentReaders';
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
  }, 300_000);
  afterAll(() => t?.close());

  const showsSandwell = (text: string) =>
    text.includes(SANDWELL_ORGANISATION) || SANDWELL_GROUPS.some((name) => text.includes(name));

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
});
