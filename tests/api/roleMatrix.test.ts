import { queryRows } from '@kpi/server/db';
import type { Role } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concreteUrl, type DocumentedRoute, documentedRoutes } from '../support/routeCatalogue';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

type Audience = 'public' | 'signed_in' | Role[];

/**
 * Who may call each route. Every documented route must be listed: a new route without a line
 * here fails the test, so nobody adds an endpoint without deciding who may use it.
 */
const POLICY: Record<string, Audience> = {
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'signed_in',
  // Single sign-on: the sign-in page needs to know about it before anyone is signed in.
  'GET /api/auth/providers': 'public',
  'GET /api/auth/oidc/login': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'GET /api/auth/session': 'signed_in',
  'POST /api/auth/session/extend': 'signed_in',
  'POST /api/auth/password': 'signed_in',
  // User administration: only administrators.
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'POST /api/users/memberships': ['admin'],
  'PATCH /api/users/{id}': ['admin'],
  'POST /api/users/{id}/password': ['admin'],
  // The record of changes: those who administer the council's people or its contract.
  'GET /api/audit': ['commissioner', 'admin'],
  'GET /api/audit.csv': ['commissioner', 'admin'],
  'GET /api/overview': 'signed_in',
  'GET /api/scorecard': 'signed_in',
  'GET /api/indicators': 'signed_in',
  'GET /api/indicators/{code}': 'signed_in',
  'GET /api/indicators/{code}/series': 'signed_in',
  // Recalculating SPC limits changes what every reader is told about a KPI: those who own its interpretation.
  'POST /api/indicators/{code}/spc-rebases': ['commissioner', 'admin'],
  'DELETE /api/indicators/{code}/spc-rebases/{id}': ['commissioner', 'admin'],
  'GET /api/meetings': 'signed_in',
  'GET /api/meetings/{id}/briefing': 'signed_in',
  'POST /api/meetings/{id}/publish': ['commissioner', 'admin'],
  'GET /api/meetings/{id}/exceptions': 'signed_in',
  // Commentary: everyone reads (viewers only agreed text); the Trust and commissioners write and
  // submit; only commissioners agree or send back. Administrators may do everything.
  'GET /api/indicators/{code}/commentary/{month}': 'signed_in',
  'POST /api/indicators/{code}/commentary/{month}/draft': ['commissioner', 'analyst', 'admin'],
  'POST /api/indicators/{code}/commentary/{month}/submit': ['commissioner', 'analyst', 'admin'],
  'POST /api/indicators/{code}/commentary/{month}/agree': ['commissioner', 'admin'],
  'POST /api/indicators/{code}/commentary/{month}/send-back': ['commissioner', 'admin'],
  'GET /api/indicators/{code}/actions': 'signed_in',
  'POST /api/indicators/{code}/actions': ['commissioner', 'analyst', 'admin'],
  'PATCH /api/indicators/{code}/actions/{id}': ['commissioner', 'analyst', 'admin'],
  'GET /api/returns/template': ['commissioner', 'analyst', 'admin'],
  'POST /api/returns/uploads': ['commissioner', 'analyst', 'admin'],
  'GET /api/returns/uploads': ['commissioner', 'analyst', 'admin'],
  'GET /api/returns/uploads/{id}': ['commissioner', 'analyst', 'admin'],
  'GET /api/returns/uploads/{id}/report.csv': ['commissioner', 'analyst', 'admin'],
  // Analysts may commit only uploads they made themselves (shared/src/domain/returnRights.ts;
  // tests/api/returnsCommit.test.ts): a return a commissioner uploaded is the council's to load.
  'POST /api/returns/uploads/{id}/commit': ['commissioner', 'analyst', 'admin'],
  'POST /api/returns/uploads/{id}/abandon': ['commissioner', 'analyst', 'admin'],
  'GET /api/returns/history': ['commissioner', 'analyst', 'admin'],
  'POST /api/benchmarks/dfe/preview': ['commissioner', 'analyst', 'admin'],
  'POST /api/benchmarks/dfe/import': ['commissioner', 'analyst', 'admin'],
  'POST /api/benchmarks/populations': ['commissioner', 'analyst', 'admin'],
  'POST /api/benchmarks/sn-models': ['commissioner', 'analyst', 'admin'],
  'GET /api/benchmarks/sn-models': 'signed_in',
  'GET /api/benchmarks/sources': 'signed_in',
  // Choosing the comparator group changes every KPI's neighbour line for everyone.
  'PUT /api/organisation/sn-model': ['admin'],
  // Exports: any signed-in role, viewers included (councillors export for their own notes).
  'GET /api/exports/scorecard.csv': 'signed_in',
  'GET /api/exports/scorecard.xlsx': 'signed_in',
  'GET /api/exports/indicators/{code}/series.csv': 'signed_in',
  'GET /api/exports/indicators/{code}/series.xlsx': 'signed_in',
  'GET /api/exports/meetings/{id}/briefing.csv': 'signed_in',
  'GET /api/exports/meetings/{id}/briefing.xlsx': 'signed_in',
  'POST /api/exports/indicators/{code}/chart': 'signed_in',
  'GET /api/exports/board-pack/data': 'signed_in',
  'POST /api/exports/board-pack': 'signed_in',
  // The regional view: DfE's published figures for a region's councils, readable by every role.
  'GET /api/regional/table': 'signed_in',
  'GET /api/regional/trend': 'signed_in',
  'GET /api/regional/exceptions': 'signed_in',
  'GET /api/regional/table.csv': 'signed_in',
  'GET /api/regional/table.xlsx': 'signed_in',
  'GET /api/regional/exceptions.csv': 'signed_in',
  'GET /api/regional/exceptions.xlsx': 'signed_in',
  // Councils' own KPIs side by side: any signed-in person, shown only the councils they may read.
  'GET /api/regional/kpis': 'signed_in',
  'GET /api/regional/kpis.csv': 'signed_in',
  'GET /api/regional/kpis.xlsx': 'signed_in',
  'GET /api/regional/kpi-rug': 'signed_in',
  'GET /api/regional/kpi-rug.csv': 'signed_in',
  'GET /api/regional/kpi-rug.xlsx': 'signed_in',
  'GET /api/regional/kpi-exceptions': 'signed_in',
  'GET /api/regional/kpi-exceptions.csv': 'signed_in',
  'GET /api/regional/kpi-exceptions.xlsx': 'signed_in',
  // Groups of councils and the regional role: administrators (and, per group, of every council in it).
  'GET /api/groups': ['admin'],
  'POST /api/groups': ['admin'],
  'POST /api/groups/{id}/councils': ['admin'],
  'DELETE /api/groups/{id}/councils/{areaCode}': ['admin'],
  'POST /api/groups/{id}/people': ['admin'],
  'DELETE /api/groups/{id}/people/{userId}': ['admin'],
  'PUT /api/organisation/regional-pre-release': ['admin'],
  // The contract: anyone may read it; commissioners and administrators change it. Changes to how
  // performance is rated are proposals that a second person, in the other role, approves.
  'GET /api/contract/indicators': 'signed_in',
  'POST /api/contract/indicators': ['commissioner', 'admin'],
  'PATCH /api/contract/indicators/{code}': ['commissioner', 'admin'],
  'GET /api/contract/indicators/{code}/bands': 'signed_in',
  'GET /api/contract/kpi-sets': 'signed_in',
  'GET /api/contract/proposals': ['commissioner', 'admin'],
  'POST /api/contract/proposals/kpi-set': ['commissioner', 'admin'],
  'POST /api/contract/proposals/threshold': ['commissioner', 'admin'],
  'POST /api/contract/proposals/{id}/approve': ['commissioner', 'admin'],
  'POST /api/contract/proposals/{id}/reject': ['commissioner', 'admin'],
  'GET /api/contract/relief-events': 'signed_in',
  'POST /api/contract/relief-events': ['commissioner', 'admin'],
  'POST /api/contract/meetings': ['commissioner', 'admin'],
  'PATCH /api/contract/meetings/{id}': ['commissioner', 'admin'],
  // The schedule as a file: anyone may download it; uploading proposes changes.
  'GET /api/contract/schedule.csv': 'signed_in',
  'GET /api/contract/schedule.xlsx': 'signed_in',
  'POST /api/contract/schedule/uploads': ['commissioner', 'admin'],
  'GET /api/contract/schedule/uploads/{id}': ['commissioner', 'admin'],
  'POST /api/contract/schedule/uploads/{id}/confirm': ['commissioner', 'admin'],
  // Setting up a new installation: administrators only.
  'GET /api/setup': ['admin'],
  'POST /api/setup/reference-data': ['admin'],
  'POST /api/setup/organisation': ['admin'],
  // Onboarding another council into the deployment: administrators only.
  'GET /api/organisations/candidates': ['admin'],
  'POST /api/organisations': ['admin'],
  'PUT /api/organisation/name': ['admin'],
};

const ROLES: Role[] = ['viewer', 'commissioner', 'analyst', 'admin'];

describe(`every role against every route (${testDriverName()})`, () => {
  let t: TestApp;
  let routes: DocumentedRoute[];
  const cookies = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    routes = await documentedRoutes(t.app);
    for (const role of ROLES) cookies[role] = await signInAs(t.app, role);
  });
  afterAll(() => t.close());

  it('has a decision for every documented route, and no decision for a route that does not exist', () => {
    const documented = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(documented).toEqual(Object.keys(POLICY).sort());
  });

  it('answers each role exactly as the policy allows', async () => {
    const outcomes: string[] = [];
    // Signing out ends the session the other checks use, so it goes last.
    const ordered = [...routes].sort(
      (a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'),
    );
    for (const route of ordered) {
      const audience = POLICY[`${route.method} ${route.path}`];
      for (const who of ['anonymous', ...ROLES] as const) {
        const headers = who === 'anonymous' ? {} : { cookie: cookies[who] };
        const response = await t.app.inject({ method: route.method as 'GET', url: concreteUrl(route.path), headers });
        const allowed =
          audience === 'public' ||
          (audience === 'signed_in' && who !== 'anonymous') ||
          (Array.isArray(audience) && who !== 'anonymous' && audience.includes(who));
        const refusedWith = who === 'anonymous' ? 401 : 403;
        const ok = allowed ? ![401, 403].includes(response.statusCode) : response.statusCode === refusedWith;
        if (!ok) outcomes.push(`${route.method} ${route.path} as ${who}: ${response.statusCode}`);
        expect(response.statusCode, `${route.method} ${route.path} as ${who}`).toBeLessThan(500);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('writes every refusal of a signed-in person to the audit log', async () => {
    const before = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'access.refused'`,
    );
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/returns/uploads',
      headers: { cookie: await signInAs(t.app, 'viewer') },
    });
    expect(refused.statusCode).toBe(403);
    const after = await queryRows<{ n: number; username: string }>(
      t.database.db,
      sql`select count(*)::int as n, max(username) as username from audit_log where action = 'access.refused'`,
    );
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    expect(after[0]!.username).toBe('viewer');
  });
});
