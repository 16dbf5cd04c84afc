import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concreteUrl, type DocumentedRoute, documentedRoutes } from '../support/routeCatalogue';
import {
  addMembership,
  addPerson,
  bodyForIdRoute,
  type CouncilRecords,
  councilRecords,
  recordIdFor,
  sandwellDeployment,
  seedServedCouncil,
} from '../support/servedCouncils';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * Two councils in one deployment: Sandwell (A, the demo seed, where the demo accounts work) and
 * Dudley (B, a small copy of the seed under its own name, with figures, a meeting, commentary, an
 * upload, an action, a proposal and its own people). Every documented route, asked by a member of
 * A about B (by header, by query, or by B's resource ids with A in view), is refused and shows
 * nothing of B.
 */
const A = 'E08000028';
const B = 'E08000027';
/** Everything written for B carries this mark, so a body showing any of B's data is caught. */
const MARK = 'TENANT-B';
const B_VALUE = 4242.4;

/** Routes about the person or the service, not an organisation: an organisation asked about changes nothing. */
const NOT_ABOUT_AN_ORGANISATION = new Set([
  'GET /api/health',
  'GET /api/ready',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/auth/providers',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
  'GET /api/auth/session',
  'POST /api/auth/session/extend',
  'POST /api/auth/password',
]);

describe(`one council's people against another council (${testDriverName()})`, () => {
  let t: TestApp;
  let routes: DocumentedRoute[];
  let b: CouncilRecords;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const deployment = await sandwellDeployment();
    t = deployment.t;
    b = await seedCouncilB(t, deployment.data);
    for (const who of ['commissioner', 'admin', 'viewer', 'dudley.admin', 'both']) {
      cookies[who] = await signInAs(t.app, who);
    }
    routes = (await documentedRoutes(t.app)).filter((r) => !NOT_ABOUT_AN_ORGANISATION.has(`${r.method} ${r.path}`));
  }, 240_000);
  afterAll(() => t?.close());

  it.each(['commissioner', 'admin'])(
    'refuses %s of A every route asked about B by header or query, and audits it',
    async (who) => {
      const failures: string[] = [];
      for (const route of routes) {
        for (const how of ['header', 'query'] as const) {
          const before = await refusalCount(t);
          const url = concreteUrl(route.path);
          const response = await t.app.inject({
            method: route.method as 'GET',
            url: how === 'query' ? `${url}${url.includes('?') ? '&' : '?'}organisation=${B}` : url,
            headers: { cookie: cookies[who]!, ...(how === 'header' ? { 'x-organisation': B } : {}) },
          });
          const audited = (await refusalCount(t)) === before + 1;
          if (response.statusCode !== 403 || !audited || showsB(response.body)) {
            failures.push(`${route.method} ${route.path} by ${how}: ${response.statusCode}, audited ${audited}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  // Not found, or refused by the role in A before anything is looked up (a commissioner and users).
  it.each(['commissioner', 'admin'])('answers %s of A 404 (or 403) for B resource ids with A in view', async (who) => {
    const failures: string[] = [];
    const withIds = routes.filter((r) => r.path.includes('{id}'));
    expect(withIds.length).toBeGreaterThan(10);
    for (const route of withIds) {
      const id = String(recordIdFor(route.path, b));
      const response = await t.app.inject({
        method: route.method as 'GET',
        // {areaCode}: B's council, in B's group (A's administrator taking it out of B's group).
        url: concreteUrl(route.path, { id, userId: String(b.user), areaCode: B }),
        headers: { cookie: cookies[who]! },
        // A's administrator adding their own council to, or granting themselves a role in, B's group.
        ...(bodyFor(route) ? { payload: bodyFor(route) } : {}),
      });
      if (![403, 404].includes(response.statusCode) || showsB(response.body)) {
        failures.push(
          `${route.method} ${route.path} with B's id ${id}: ${response.statusCode} ${response.body.slice(0, 200)}`,
        );
      }
    }
    expect(failures).toEqual([]);
    // Nothing of B changed.
    const [action] = await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from kpi_actions where id = ${b.action}`,
    );
    expect(action?.status).toBe('open');
    const [proposal] = await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from proposed_changes where id = ${b.proposal}`,
    );
    expect(proposal?.status).toBe('pending');
    const [member] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from council_group_members where group_id = ${b.group}`,
    );
    expect(member?.n).toBe(1);
  });

  it("lists only the organisation in view's people, and never B's figures", async () => {
    const users = await get(t.app, '/api/users', cookies.admin!);
    expect(users.statusCode).toBe(200);
    expect(users.json().users.map((u: { username: string }) => u.username)).not.toContain('dudley.admin');
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${b.user}`,
      headers: { cookie: cookies.admin! },
      payload: { disabled: true },
    });
    expect(promote.statusCode).toBe(404);
    // Asking about B where only the person matters answers for their own organisation instead.
    const me = (await get(t.app, '/api/auth/me', cookies.admin!, B)).json();
    expect(me).toMatchObject({
      user: { organisationInView: A, organisations: [{ areaCode: A }] },
      organisation: { laCode: A },
    });
    for (const url of ['/api/indicators', '/api/scorecard?month=2021-03', '/api/meetings', '/api/overview']) {
      const response = await get(t.app, url, cookies.commissioner!);
      expect(response.statusCode, url).toBe(200);
      expect(showsB(response.body), url).toBe(false);
    }
  });

  it('shows a person in both councils each one only under that organisation, with their role there', async () => {
    const meA = (await get(t.app, '/api/auth/me', cookies.both!)).json();
    expect(meA.user).toMatchObject({ role: 'viewer', organisationInView: A });
    expect(meA.user.organisations.map((o: { areaCode: string; role: string }) => [o.areaCode, o.role])).toEqual([
      [A, 'viewer'],
      [B, 'commissioner'],
    ]);
    const meB = (await get(t.app, '/api/auth/me', cookies.both!, B)).json();
    expect(meB).toMatchObject({ user: { role: 'commissioner', organisationInView: B }, organisation: { laCode: B } });

    // The same cached read, once per organisation: each answer is that council's own.
    for (const url of ['/api/indicators', '/api/scorecard?month=2021-03', '/api/meetings']) {
      const inA = await get(t.app, url, cookies.both!, A);
      const inB = await get(t.app, url, cookies.both!, B);
      const byDefault = await get(t.app, url, cookies.both!);
      expect([inA.statusCode, inB.statusCode, byDefault.statusCode], url).toEqual([200, 200, 200]);
      expect(showsB(inA.body), url).toBe(false);
      expect(showsB(byDefault.body), url).toBe(false);
      expect(showsB(inB.body), url).toBe(true);
    }
    // The role is B's there and A's here: a viewer in A may not see A's returns, a commissioner in B may see B's.
    expect((await get(t.app, '/api/returns/uploads', cookies.both!, A)).statusCode).toBe(403);
    const uploads = await get(t.app, '/api/returns/uploads', cookies.both!, B);
    expect(uploads.statusCode).toBe(200);
    expect(uploads.body).toContain(`${MARK}-return.csv`);
  });

  // A password and the account's being enabled are the person's in every council: B's
  // administrator must not take over, or lock out, someone who also belongs to A.
  it("refuses B's administrator the password and the enabling of a person who also belongs to A", async () => {
    const [person] = await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = 'both'`);
    const asBAdmin = (method: 'POST' | 'PATCH', url: string, payload: object) =>
      t.app.inject({ method, url, headers: { cookie: cookies['dudley.admin']!, 'x-organisation': B }, payload });
    const reset = await asBAdmin('POST', `/api/users/${person!.id}/password`, { password: 'taken over by dudley 9' });
    expect(reset.statusCode, reset.body).toBe(403);
    expect(reset.json().detail).toMatch(/also belongs to another council that you do not administer/);
    const disable = await asBAdmin('PATCH', `/api/users/${person!.id}`, { disabled: true });
    expect(disable.statusCode, disable.body).toBe(403);
    // nothing changed: the person still signs in with their own password, and is audited as refused
    expect(await signInAs(t.app, 'both')).toBeTruthy();
    const [refused] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action in ('user.password_reset', 'user.update') and outcome = 'refused'`,
    );
    expect(refused!.n).toBeGreaterThanOrEqual(2);
    // their role in B is B's to change (and back, for the tests after this one)
    expect((await asBAdmin('PATCH', `/api/users/${person!.id}`, { role: 'viewer' })).statusCode).toBe(200);
    expect((await asBAdmin('PATCH', `/api/users/${person!.id}`, { role: 'commissioner' })).statusCode).toBe(200);
  });

  it('records the organisation on audit rows written in it', async () => {
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/indicators/PI1/actions',
      headers: { cookie: cookies.both!, 'x-organisation': B },
      payload: {
        description: `${MARK} second action`,
        owner: 'Head of service',
        dueOn: '2021-06-30',
        months: ['2021-03'],
      },
    });
    expect(create.statusCode).toBe(201);
    const rows = await queryRows<{ organisation_id: number | null }>(
      t.database.db,
      sql`select organisation_id from audit_log where action = 'action.create' order by id desc limit 1`,
    );
    expect(rows[0]?.organisation_id).toBe(b.organisationId);
    const refusals = await queryRows<{ username: string; outcome: string }>(
      t.database.db,
      sql`select username, outcome from audit_log where action = 'organisation.refused' order by id desc limit 1`,
    );
    expect(refusals[0]).toMatchObject({ outcome: 'refused' });
  });
});

function showsB(body: string): boolean {
  return body.includes(MARK) || body.includes(String(B_VALUE));
}

function get(app: FastifyInstance, url: string, cookie: string, organisation?: string) {
  return app.inject({
    method: 'GET',
    url,
    headers: { cookie, ...(organisation ? { 'x-organisation': organisation } : {}) },
  });
}

async function refusalCount(t: TestApp): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from audit_log where action = 'organisation.refused'`,
  );
  return row!.n;
}

const bodyFor = (route: DocumentedRoute) => bodyForIdRoute(route, { areaCode: A, username: 'admin' });

/** Dudley: a few of the seed's KPIs under B's mark, their figures, its meetings, and B's own records and people. */
async function seedCouncilB(t: TestApp, data: Parameters<typeof seedServedCouncil>[1]): Promise<CouncilRecords> {
  const db = t.database.db;
  const organisationId = await seedServedCouncil(db, data, {
    areaCode: B,
    name: `${MARK} Dudley Council`,
    codes: ['PI1', 'PI2'],
    factor: 1,
    unpublishedFrom: '9999-12',
    mark: MARK,
    value: B_VALUE,
  });
  const dudleyAdmin = await addPerson(db, 'dudley.admin', `${MARK} dudley.admin`);
  const both = await addPerson(db, 'both', `${MARK} both`);
  const [sandwell] = await queryRows<{ id: number }>(db, sql`select id from organisations where area_code = ${A}`);
  await addMembership(db, dudleyAdmin, organisationId, 'admin');
  await addMembership(db, both, sandwell!.id, 'viewer');
  await addMembership(db, both, organisationId, 'commissioner');
  const [group] = await queryRows<{ id: number }>(
    db,
    sql`insert into council_groups (name) values (${`${MARK} alliance`}) returning id`,
  );
  await db.execute(
    sql`insert into council_group_members (group_id, organisation_id) values (${group!.id}, ${organisationId})`,
  );
  // B's own records, the action and rebase made through the API by B's administrator, as B's people would.
  return councilRecords(t, {
    areaCode: B,
    adminCookie: await signInAs(t.app, 'dudley.admin'),
    mark: MARK,
    user: dudleyAdmin,
    group: group!.id,
  });
}
