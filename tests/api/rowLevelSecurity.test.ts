import { loadSeedData } from '@kpi/seed';
import { buildApp, ensureDemoAccounts, loadConfig } from '@kpi/server';
import { type Database, grantAppRole, openDatabase, queryRows, withTenantScope } from '@kpi/server/db';
import { regionalKpisResponseSchema, scorecardResponseSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../server/src/audit/auditRepository';
import { hashPassword } from '../../server/src/auth/passwords';
import { listMeetings } from '../../server/src/publication/meetingRepository';
import { applySeed } from '../../server/src/seedLoader/writeSeed';
import { findPostgresBinaries, type PgCluster, startPgCluster } from '../support/pgCluster';
import { concreteUrl, documentedRoutes } from '../support/routeCatalogue';
import { REFERENCE_DIR } from '../support/seededApp';
import { signInAs, TEST_PASSWORD } from '../support/testApp';

/**
 * PostgreSQL's row-level security under the application's own organisation filters
 * (migrations/0014_row_level_security.sql, server/src/db/tenantScope.ts): connected as the
 * application's role (not a superuser, as in production with MIGRATION_DATABASE_URL), statements
 * that forget the organisation still see and change only the organisations in scope, and nothing
 * without a scope; the API still works for two councils. Runs in the PostgreSQL stage of the suite
 * (TEST_DATABASE_URL set), on a cluster of its own; PGlite runs as a superuser, which passes every
 * policy (README, "Tenancy"), so it is skipped there.
 */
const binDir = process.env.TEST_DATABASE_URL ? findPostgresBinaries() : null;

const A = 'E08000028';
const B = 'E08000027';
const APP_ROLE = 'kpi_rls_app';
const TENANT_TABLES = [
  'indicators',
  'kpi_sets',
  'kpi_set_members',
  'threshold_versions',
  'grace_periods',
  'relief_events',
  'relief_event_indicators',
  'meetings',
  'memberships',
  'uploads',
  'proposed_changes',
  'observations',
  'observation_revisions',
  'commentary',
  'commentary_versions',
  'kpi_actions',
  'spc_rebases',
  'audit_log',
];

describe.skipIf(!binDir)('row-level security on the tenant tables (postgres)', () => {
  let cluster: PgCluster | undefined;
  let owner: Database;
  let database: Database;
  let app: FastifyInstance;
  let a: number;
  let b: number;

  /** As the superuser that owns the tables: what is really there. */
  const asOwner = <T>(query: ReturnType<typeof sql>) => queryRows<T>(owner.db, query);
  /** As the application's role, in the current scope. */
  const asApp = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
  const count = async (read: typeof asApp, table: string) =>
    (await read<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

  beforeAll(async () => {
    cluster = await startPgCluster(binDir!);
    owner = openDatabase({ databaseUrl: cluster.url, poolMax: 2 });
    await owner.migrate();
    const data = await loadSeedData(REFERENCE_DIR);
    await applySeed(owner.db, data);
    const codes = new Set(['PI1', 'PI2']);
    await applySeed(owner.db, {
      ...data,
      snNeighbours: [],
      populations: [],
      comparators: [],
      organisation: { ...data.organisation, name: 'Dudley Council', areaCode: B },
      indicators: data.indicators.filter((i) => codes.has(i.code)),
      kpiSets: data.kpiSets.map((s) => ({ ...s, members: s.members.filter((m) => codes.has(m)) })),
      thresholds: data.thresholds.filter((th) => codes.has(th.indicatorCode)),
      gracePeriods: [],
      reliefEvents: [],
      observations: data.observations.filter((o) => codes.has(o.indicatorCode)),
      commentary: data.commentary.filter((c) => codes.has(c.indicatorCode)),
    });
    const ids = await asOwner<{ id: number; area_code: string }>(sql`select id, area_code from organisations`);
    a = ids.find((o) => o.area_code === A)!.id;
    b = ids.find((o) => o.area_code === B)!.id;
    const [dudley] = await asOwner<{ id: number }>(
      sql`insert into users (username, display_name, role, password_hash)
          values ('dudley.admin', 'Dudley admin', 'viewer', ${await hashPassword(TEST_PASSWORD)}) returning id`,
    );
    await owner.db.execute(
      sql`insert into memberships (user_id, organisation_id, role) values (${dudley!.id}, ${b}, 'admin')`,
    );
    await owner.db.execute(sql`create role ${sql.identifier(APP_ROLE)} login`);
    await grantAppRole(owner.db, APP_ROLE);

    const url = new URL(cluster.url);
    url.username = APP_ROLE;
    database = openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
    // Outside any request, as at start-up: the demo accounts' memberships are written in A's scope.
    await ensureDemoAccounts(database.db, TEST_PASSWORD);
    const config = { ...loadConfig({ NODE_ENV: 'test', CLIENT_DIST: '/nonexistent' }), databaseUrl: url.toString() };
    app = await buildApp({ config, database });
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await owner?.close();
    cluster?.stop();
  });

  it('connects as a role that row-level security binds', async () => {
    const [role] = await asApp<{ rolsuper: boolean; rolbypassrls: boolean }>(
      sql`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("with A in scope, statements without an organisation filter see only A's rows", async () => {
    const [owned] = await asOwner<{ all: number; of_a: number }>(
      sql`select count(*)::int as all, (count(*) filter (where i.organisation_id = ${a}))::int as of_a
          from observations o join indicators i on i.id = o.indicator_id`,
    );
    expect(owned!.all).toBeGreaterThan(owned!.of_a);
    await withTenantScope([a], async () => {
      expect(await count(asApp, 'observations')).toBe(owned!.of_a);
      for (const table of ['indicators', 'meetings', 'kpi_sets', 'memberships']) {
        const orgs = await asApp<{ organisation_id: number }>(
          sql`select distinct organisation_id from ${sql.identifier(table)}`,
        );
        expect(orgs, table).toEqual([{ organisation_id: a }]);
      }
      // A repository asked, by mistake, for B's meetings.
      expect(await listMeetings(database.db, b)).toEqual([]);
    });
    // Not because B has none.
    expect((await withTenantScope([b], () => listMeetings(database.db, b))).length).toBeGreaterThan(0);
  });

  it("with A in scope, B's rows cannot be written, nor A's moved to B", async () => {
    const [user] = await asOwner<{ id: number }>(sql`select id from users where username = 'admin'`);
    const [bValue] = await asOwner<{ total: number }>(
      sql`select sum(o.value)::float8 as total from observations o join indicators i on i.id = o.indicator_id
          where i.organisation_id = ${b}`,
    );
    await withTenantScope([a], async () => {
      // An A administrator making themselves an administrator of B.
      await expect(
        database.db.execute(
          sql`insert into memberships (user_id, organisation_id, role) values (${user!.id}, ${b}, 'admin')`,
        ),
      ).rejects.toMatchObject({ cause: { code: '42501' } });
      await expect(
        database.db.execute(sql`update meetings set organisation_id = ${b} where organisation_id = ${a}`),
      ).rejects.toMatchObject({ cause: { code: '42501' } });
      await database.db.execute(
        sql`update observations set value = -1 where indicator_id in
              (select id from indicators where organisation_id = ${b})`,
      );
    });
    const [after] = await asOwner<{ total: number }>(
      sql`select sum(o.value)::float8 as total from observations o join indicators i on i.id = o.indicator_id
          where i.organisation_id = ${b}`,
    );
    expect(after).toEqual(bValue);
    const memberships = await asOwner<{ n: number }>(
      sql`select count(*)::int as n from memberships where user_id = ${user!.id} and organisation_id = ${b}`,
    );
    expect(memberships[0]!.n).toBe(0);
  });

  it('without a scope, every tenant table is empty, and only person-level audit entries are kept', async () => {
    for (const table of TENANT_TABLES) {
      expect(await count(asOwner, table), `${table} as the owner`).toBeGreaterThanOrEqual(0);
      expect(await count(asApp, table), table).toBe(0);
    }
    expect(await count(asOwner, 'observations')).toBeGreaterThan(0);
    // An entry about a person (a sign-in) is written and read whatever the scope; one about an organisation is not.
    await recordAudit(database.db, { action: 'test.no_organisation', outcome: 'success' });
    await expect(
      recordAudit(database.db, { action: 'test.organisation', outcome: 'success', organisationId: b }),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
    const seen = await asApp<{ action: string }>(sql`select action from audit_log where action like 'test.%'`);
    expect(seen).toEqual([{ action: 'test.no_organisation' }]);
  });

  it('a connection whose scope was changed in a transaction that rolled back is given its scope again', async () => {
    // One connection, so each statement below runs on the connection the one before it left.
    const url = new URL(cluster!.url);
    url.username = APP_ROLE;
    const single = openDatabase({ databaseUrl: url.toString(), poolMax: 1 });
    const organisationsSeen = () =>
      queryRows<{ organisation_id: number }>(single.db, sql`select distinct organisation_id from indicators`);
    try {
      expect(await withTenantScope([a], organisationsSeen)).toEqual([{ organisation_id: a }]);
      await withTenantScope([a], () =>
        single.db
          .transaction(async (tx) => {
            // B's scope is set inside the transaction, which then fails and rolls back in A's.
            await withTenantScope([b], () => tx.execute(sql`select 1 / 0`));
          })
          .catch(() => undefined),
      );
      // The rollback put A's scope back on the connection, and the connection is usable: B's work
      // must be given B's scope again, not see A's rows.
      expect(await withTenantScope([b], organisationsSeen)).toEqual([{ organisation_id: b }]);
    } finally {
      await single.close();
    }
  });

  it('the API works for both councils: sign-in, the scorecard, a write, the regional view, onboarding', async () => {
    const asA = await signInAs(app, 'admin');
    const asB = { cookie: await signInAs(app, 'dudley.admin'), 'x-organisation': B };
    const scorecard = async (headers: Record<string, string>) => {
      const response = await app.inject({ method: 'GET', url: '/api/scorecard?month=2021-03', headers });
      expect(response.statusCode, response.body).toBe(200);
      return scorecardResponseSchema.parse(response.json()).items.map((item) => item.code);
    };
    const codesA = await scorecard({ cookie: asA });
    const codesB = await scorecard(asB);
    expect(codesA.length).toBeGreaterThan(2);
    expect([...codesB].sort()).toEqual(['PI1', 'PI2']);

    for (const headers of [{ cookie: asA }, asB]) {
      const action = await app.inject({
        method: 'POST',
        url: '/api/indicators/PI1/actions',
        headers,
        payload: {
          description: 'Chase the late returns',
          owner: 'Team lead',
          dueOn: '2021-06-30',
          months: ['2021-03'],
        },
      });
      expect(action.statusCode, action.body).toBe(201);
    }
    const actions = await asOwner<{ organisation_id: number }>(
      sql`select distinct i.organisation_id from kpi_actions k join indicators i on i.id = k.indicator_id
          where k.description = 'Chase the late returns' order by 1`,
    );
    expect(actions.map((r) => r.organisation_id)).toEqual([a, b].sort((x, y) => x - y));

    const regional = await app.inject({ method: 'GET', url: '/api/regional/table', headers: { cookie: asA } });
    expect(regional.statusCode, regional.body).toBe(200);

    // Adding a council is for an administrator of both (of the whole deployment), not A's alone.
    const onboard = (cookie: string) =>
      app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie },
        payload: { areaCode: 'E08000031', templateFrom: A },
      });
    expect((await onboard(asA)).statusCode).toBe(403);
    const [operator] = await asOwner<{ id: number }>(
      sql`insert into users (username, display_name, role, password_hash)
          values ('operator', 'Deployment administrator', 'viewer', ${await hashPassword(TEST_PASSWORD)}) returning id`,
    );
    await owner.db.execute(
      sql`insert into memberships (user_id, organisation_id, role) values (${operator!.id}, ${a}, 'admin'), (${operator!.id}, ${b}, 'admin')`,
    );
    const asOperator = await signInAs(app, 'operator');
    const onboarded = await onboard(asOperator);
    expect(onboarded.statusCode, onboarded.body).toBe(201);
    const inNew = await scorecard({ cookie: asOperator, 'x-organisation': 'E08000031' });
    expect(inNew.length).toBeGreaterThan(0);
  });

  it('every documented read answers without a server error for each role, connected under the policies', async () => {
    // A system path that forgot its scope shows up here as a 500 (a refused statement), not in production.
    const reads = (await documentedRoutes(app)).filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThan(40);
    const [upload] = await asOwner<{ id: number }>(sql`select min(id)::int as id from uploads`);
    const [meeting] = await asOwner<{ id: number }>(
      sql`select min(id)::int as id from meetings where organisation_id = ${a}`,
    );
    const failures: string[] = [];
    for (const username of ['admin', 'commissioner', 'analyst', 'viewer']) {
      const cookie = await signInAs(app, username);
      for (const route of reads) {
        const id = route.path.includes('meetings') ? String(meeting?.id ?? 1) : String(upload?.id ?? 1);
        const url = concreteUrl(route.path, { id, month: '2021-03' });
        const response = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (response.statusCode >= 500) failures.push(`${username} ${url}: ${response.statusCode} ${response.body}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("a person who may read both councils compares a KPI across them: the one cross-council read runs in both councils' scope", async () => {
    // As last in this file: it makes A's administrator a viewer in B.
    await owner.db.execute(
      sql`insert into memberships (user_id, organisation_id, role)
          select id, ${b}, 'viewer' from users where username = 'admin'`,
    );
    const cookie = await signInAs(app, 'admin');
    const response = await app.inject({
      method: 'GET',
      url: '/api/regional/kpis?code=PI1&month=2021-03',
      headers: { cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    const councils = regionalKpisResponseSchema.parse(response.json()).councils;
    // A and B: not the council onboarded above, whose administrator is the deployment's (A's
    // administrator may not onboard, so is not made one of its members).
    expect(councils.map((c) => c.areaCode).sort()).toEqual([B, A].sort());
    // Both councils' figures come through the policies, not only the council in view's.
    const withFigures = councils.filter((c) => c.value !== null).map((c) => c.areaCode);
    expect(withFigures.sort(), JSON.stringify(councils)).toEqual([B, A].sort());
  });
});
