import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * The OpenAPI document says what each operation answers: a client generated from it, or an outside
 * tester walking it, must find every status the API gives among the operation's documented
 * responses, with the media type it is sent as. Walked for every GET operation, as every role,
 * with months that are published, unpublished (a meeting still to come) and out of range.
 */
interface DocumentedOperation {
  path: string;
  requestBody?: { content: Record<string, unknown> };
  parameters: { in: string; name: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Doc = { paths: Record<string, Record<string, DocumentedOperation>> };

const ROLES = ['viewer', 'commissioner', 'analyst', 'admin'] as const;
// Single sign-on is not configured in tests: its two routes are a fixed 404 there.
const SKIPPED = new Set(['/api/auth/oidc/login', '/api/auth/oidc/callback']);

describe(`every answer is in the OpenAPI document (${testDriverName()})`, () => {
  let t: TestApp;
  let doc: Doc;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createSeededTestApp();
    // A meeting still to come over the last month with data: a viewer is refused it. (A month a
    // published meeting presented stays public, so the published meetings end before it here.)
    await t.database.db.execute(sql`update meetings set months_to = (select max(month) - interval '1 month' from observations)
      where published_at is not null and months_to >= (select max(month) from observations)`);
    await t.database.db.execute(sql`insert into meetings (organisation_id, board, held_on, months_from, months_to)
      select 1, 'Corporate Parenting Board', '2099-01-05', max(month), max(month) from observations`);
    for (const role of ROLES) cookies[role] = await signInAs(t.app, role);
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  }, 300_000);
  afterAll(() => t?.close());

  it('documents a success answer, with its media type, for every operation', () => {
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^[23]/.test(status));
        if (success.length === 0) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has an unpublished month for the walk below to meet: a viewer is refused it', async () => {
    const [{ latest }] = (await queryRows<{ latest: string }>(
      t.database.db,
      sql`select to_char(max(month), 'YYYY-MM') as latest from observations`,
    )) as [{ latest: string }];
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/scorecard?month=${latest}`,
      headers: { cookie: cookies.viewer! },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('answers every GET operation, as every role, only with documented statuses and media types', async () => {
    const [{ latest } = { latest: '2025-07' }] = await queryRows<{ latest: string }>(
      t.database.db,
      sql`select to_char(max(month), 'YYYY-MM') as latest from observations`,
    );
    const operations = Object.entries(doc.paths)
      .filter(([path, methods]) => methods.get && !SKIPPED.has(path))
      .map(([path, methods]) => ({ ...methods.get!, path }));
    expect(operations.length).toBeGreaterThan(40);
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.constantFrom(...ROLES),
        fc.constantFrom(latest, '2021-03', '2024-04', '2099-01'),
        fc.constantFrom('PI1', 'PI4', 'LTPS-2Y'),
        fc.constantFrom('1', '2', '4'),
        async (operation, role, month, code, id) => {
          const values: Record<string, string> = {
            code,
            id,
            month,
            to: month,
            from: '2020-04',
            kpi: code,
            kpis: code,
            kpiSet: 'CONTRACT-2018',
            measure: 'cpp_rate',
          };
          let url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? '1'));
          const query = new URLSearchParams();
          for (const p of operation.parameters ?? []) {
            if (p.in === 'query' && values[p.name]) query.set(p.name, values[p.name]!);
          }
          if (query.size > 0) url += `?${query}`;
          const response = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies[role]! } });
          const documented = operation.responses?.[String(response.statusCode)];
          const where = `GET ${url} as ${role}: ${response.statusCode}`;
          if (!documented) {
            failures.push(`${where} is not documented`);
            return;
          }
          const mediaType = String(response.headers['content-type'] ?? '').split(';')[0]!;
          const mediaTypes = Object.keys(documented.content ?? {});
          if (response.statusCode !== 304 && mediaTypes.length > 0 && !mediaTypes.includes(mediaType)) {
            failures.push(`${where} sent ${mediaType}, documented ${mediaTypes.join(', ')}`);
          }
        },
      ),
      { numRuns: 600 },
    );
    expect([...new Set(failures)]).toEqual([]);
  }, 300_000);

  // Refusals made before any route runs: another council asked about, a body of the wrong type or
  // too large. Every operation that can give them documents them, as problem+json.
  it('documents the refusals every operation can give before its route runs', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ ...operation, path, method: method.toUpperCase() })),
    );
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.constantFrom(...ROLES),
        fc.constantFrom('organisation', 'organisation twice', 'content type', 'too large'),
        async (operation, role, refusal) => {
          if (!refusal.startsWith('organisation') && !operation.requestBody) return;
          const url = operation.path.replace(/\{(\w+)\}/g, '1');
          const response = await t.app.inject({
            method: operation.method as 'POST',
            url,
            headers: {
              cookie: cookies[role]!,
              ...(refusal === 'organisation' ? { 'x-organisation': 'E09000001' } : {}),
              ...(refusal === 'organisation twice' ? { 'x-organisation': 'E08000028,E09000001' } : {}),
              ...(refusal === 'content type' ? { 'content-type': 'application/x-unknown' } : {}),
              ...(refusal === 'too large' ? { 'content-type': 'application/json' } : {}),
            },
            ...(refusal === 'content type' ? { payload: 'x' } : {}),
            ...(refusal === 'too large' ? { payload: `{"x":"${'a'.repeat(31 * 1024 * 1024)}"}` } : {}),
          });
          if (response.statusCode < 400) return;
          const documented = operation.responses?.[String(response.statusCode)];
          const mediaTypes = Object.keys(documented?.content ?? {});
          if (!documented || !mediaTypes.includes('application/problem+json')) {
            failures.push(`${operation.method} ${url} (${refusal}) as ${role}: ${response.statusCode} not documented`);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect([...new Set(failures)]).toEqual([]);
  }, 300_000);

  // A conditional read: a client holding a body sends its ETag and is answered 304 with no body.
  it('documents 304, with no body, exactly where a GET answers its own ETag with 304', async () => {
    const operations = Object.entries(doc.paths)
      .filter(([path, methods]) => methods.get && !SKIPPED.has(path))
      .map(([path, methods]) => ({ ...methods.get!, path }));
    const failures: string[] = [];
    let answered304 = 0;
    // A session of its own: the refusals walk above may have signed the viewer out (it sends
    // POST /api/auth/logout with a foreign organisation, which is answered, not refused).
    const viewer = await signInAs(t.app, 'viewer');
    for (const operation of operations) {
      const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'code' ? 'PI1' : '1'));
      // A viewer: bodies showing unpublished figures are never shared, so never tagged.
      const headers = { cookie: viewer };
      const first = await t.app.inject({ method: 'GET', url, headers });
      const etag = first.headers.etag;
      const documented = operation.responses?.['304'];
      if (first.statusCode !== 200 || typeof etag !== 'string') {
        if (documented && first.statusCode === 200) failures.push(`GET ${url} documents 304 but sends no ETag`);
        continue;
      }
      const again = await t.app.inject({ method: 'GET', url, headers: { ...headers, 'if-none-match': etag } });
      if (again.statusCode !== 304) continue;
      answered304 += 1;
      if (!documented) failures.push(`GET ${url} answers 304, not documented`);
      else if (documented.content) failures.push(`GET ${url} documents a body for 304`);
    }
    expect(answered304).toBeGreaterThanOrEqual(4);
    expect(failures).toEqual([]);
  }, 300_000);
});
