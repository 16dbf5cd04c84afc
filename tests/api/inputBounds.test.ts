import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../server/src/audit/auditRepository';
import { concreteUrl } from '../support/routeCatalogue';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * What a request says is bounded at the one place that decides, for every route in the OpenAPI
 * document: months and dates (supported years, real calendar dates), text (no lone surrogates),
 * and the organisation asked about (any text at all is answered 403, never 500).
 */

type JsonSchema = {
  type?: string | string[];
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};
interface Field {
  in: 'path' | 'query' | 'body';
  /** The field's path: its name, then for a body any object keys and 0 for array items. */
  path: (string | number)[];
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  fields: Field[];
  json: boolean;
}

const ROLES = ['admin', 'commissioner', 'analyst', 'viewer'] as const;

function variants(schema: JsonSchema): JsonSchema[] {
  return [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
}

/** Every leaf of a JSON body schema, down through objects and arrays (3 levels). */
function bodyFields(schema: JsonSchema, path: (string | number)[] = [], depth = 0): Field[] {
  if (depth > 3) return [];
  return variants(schema).flatMap((s) => {
    if (s.properties)
      return Object.entries(s.properties).flatMap(([name, child]) => bodyFields(child, [...path, name], depth + 1));
    if (s.items) return bodyFields(s.items, [...path, 0], depth + 1);
    return path.length > 0 && s !== schema ? [] : path.length > 0 ? [{ in: 'body' as const, path, schema }] : [];
  });
}

function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content;
      const json = content?.['application/json']?.schema;
      const parameters = ((op.parameters as { in: string; name: string; schema: JsonSchema }[] | undefined) ?? [])
        .filter((p) => p.in === 'path' || p.in === 'query')
        .map((p) => ({ in: p.in as 'path' | 'query', path: [p.name], schema: p.schema }));
      return {
        method: method.toUpperCase(),
        path,
        fields: [...parameters, ...(json ? bodyFields(json) : [])],
        json: !!json,
      };
    }),
  );
}

function patternOf(schema: JsonSchema): string | undefined {
  return variants(schema).find((s) => s.pattern)?.pattern;
}
function isString(schema: JsonSchema): boolean {
  return variants(schema).some((s) => s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string')));
}
function kindOf(field: Field): 'date' | 'month' | null {
  const pattern = patternOf(field.schema);
  if (!pattern?.includes('\\d{4}-')) return null;
  return pattern.includes('-\\d{2}-\\d{2}') ? 'date' : 'month';
}

/** A body holding only `value` at the field's path. */
function bodyWith(path: (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  const inner = rest.length === 0 ? value : bodyWith(rest, value);
  return typeof head === 'number' ? [inner] : { [head!]: inner };
}

/** The problem's name for a field: how the error handler joins the validation context and path. */
function problemPath(field: Field): string {
  const context = { path: 'params', query: 'querystring', body: 'body' }[field.in];
  return [context, ...field.path].join('.');
}

const BAD = {
  month: ['0000-01', '0001-12', '1999-12', '9999-12', '2025-13'],
  date: ['2025-02-30', '2025-02-31', '2025-13-45', '0000-00-00', '0000-01-01', '9999-12-31', '1999-12-31'],
};

describe(`request bounds on every documented route (${testDriverName()})`, () => {
  let t: TestApp;
  let ops: Operation[];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: 1_000_000 });
    for (const role of ROLES) cookies[role] = await signInAs(t.app, role);
    ops = operations((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()).filter(
      (op) => op.path !== '/api/auth/logout',
    );
  }, 120_000);
  afterAll(() => t?.close());

  /** The field set to `value`, sent as each role until one is not refused before validation. */
  async function send(op: Operation, field: Field, value: string) {
    const params: Record<string, string> = field.in === 'path' ? { [String(field.path[0])]: value } : {};
    let url = concreteUrl(op.path, params);
    if (field.in === 'query') url += `?${new URLSearchParams({ [String(field.path[0])]: value })}`;
    let response!: Awaited<ReturnType<typeof t.app.inject>>;
    for (const role of ROLES) {
      response = await t.app.inject({
        method: op.method as 'GET',
        url,
        headers: { cookie: cookies[role]!, ...(op.json ? { 'content-type': 'application/json' } : {}) },
        ...(op.json ? { payload: JSON.stringify(field.in === 'body' ? bodyWith(field.path, value) : {}) } : {}),
      });
      if (response.statusCode !== 401 && response.statusCode !== 403) break;
    }
    return response;
  }

  it('refuses every month and date outside the supported years or the calendar with 400, naming the field', async () => {
    const fields = ops.flatMap((op) => op.fields.flatMap((field) => (kindOf(field) ? [{ op, field }] : [])));
    // Commentary and actions, SPC rebases, meetings, relief events, KPI sets, bands, scorecard, exports …
    expect(fields.length).toBeGreaterThan(15);
    const failures: string[] = [];
    let tried = 0;
    for (const { op, field } of fields) {
      for (const value of BAD[kindOf(field)!]) {
        tried += 1;
        const response = await send(op, field, value);
        const where = `${op.method} ${op.path} ${problemPath(field)}=${value}`;
        if (response.statusCode !== 400) {
          failures.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          continue;
        }
        const paths = ((response.json().errors ?? []) as { path: string }[]).map((e) => e.path);
        if (!paths.includes(problemPath(field))) failures.push(`${where}: 400 without the field (${paths.join(', ')})`);
      }
    }
    console.log(`bad months and dates tried: ${tried} over ${fields.length} fields`);
    expect(failures).toEqual([]);
  });

  it('refuses a lone surrogate in any string of a JSON body with 400, naming the field', async () => {
    const fields = ops.flatMap((op) =>
      op.fields.flatMap((field) => (field.in === 'body' && isString(field.schema) ? [{ op, field }] : [])),
    );
    expect(fields.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const { op, field } of fields) {
      for (const value of ['\uD800', 'a\uDFFFb', `${'a'.repeat(39)}\uD83D`]) {
        const response = await send(op, field, value);
        const where = `${op.method} ${op.path} ${problemPath(field)}=${JSON.stringify(value)}`;
        if (response.statusCode !== 400) {
          failures.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          continue;
        }
        const body = response.json();
        if (!body.errors?.some((e: { path: string }) => e.path === problemPath(field)))
          failures.push(`${where}: 400 without the field (${JSON.stringify(body.errors)})`);
        else if (!/broken character/.test(body.detail)) failures.push(`${where}: ${body.detail}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a bidi override or other hidden character in any string of a JSON body with 400, naming the field (passwords apart)', async () => {
    const fields = ops.flatMap((op) =>
      op.fields.flatMap((field) =>
        field.in === 'body' && isString(field.schema) && !/password/i.test(String(field.path.at(-1)))
          ? [{ op, field }]
          : [],
      ),
    );
    expect(fields.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const { op, field } of fields) {
      for (const value of ['Agreed \u202Edeifirev ton\u202C', 'a\u2066b\u2069', 'x\u200By']) {
        const response = await send(op, field, value);
        const where = `${op.method} ${op.path} ${problemPath(field)}=${JSON.stringify(value)}`;
        if (response.statusCode !== 400) {
          failures.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          continue;
        }
        const body = response.json();
        if (!body.errors?.some((e: { path: string }) => e.path === problemPath(field)))
          failures.push(`${where}: 400 without the field (${JSON.stringify(body.errors)})`);
        else if (!/hidden formatting character/.test(body.detail)) failures.push(`${where}: ${body.detail}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps emoji with joiners and the flag of England, and does not look for hidden characters in a password', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/indicators/PI2/actions',
      headers: { cookie: cookies.admin!, 'content-type': 'application/json' },
      payload: JSON.stringify({ owner: '👩‍👧 🏴󠁧󠁢󠁥󠁮󠁧󠁿', description: 'x', dueOn: '2030-06-30', months: [] }),
    });
    expect(response.json().errors ?? []).not.toContainEqual(expect.objectContaining({ path: 'body.owner' }));
    expect(response.body).not.toMatch(/hidden formatting/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'admin', password: 'not\u200Bit' }),
    });
    expect(login.statusCode).toBe(401);
  });

  // The reported cases, by name, so each stays covered however the document changes.
  it.each([
    ['POST', '/api/indicators/PI2/actions', { owner: '\uD800' }, 'body.owner'],
    ['PATCH', '/api/indicators/PI2/actions/1', { owner: 'x\uDC00' }, 'body.owner'],
    ['PATCH', '/api/contract/indicators/PI1', { title: '\uD800' }, 'body.title'],
    ['PATCH', '/api/contract/indicators/PI1', { shortTitle: '\uD800' }, 'body.shortTitle'],
    ['PATCH', '/api/contract/indicators/PI1', { definition: '\uD800' }, 'body.definition'],
    ['POST', '/api/contract/meetings', { board: '\uD800' }, 'body.board'],
    ['POST', '/api/contract/relief-events', { name: '\uD800' }, 'body.name'],
    ['POST', '/api/indicators/PI2/spc-rebases', { month: '2021-01', reason: 'because \uD800' }, 'body.reason'],
    ['POST', '/api/organisations', { name: '\uD800' }, 'body.name'],
  ])('%s %s with a lone surrogate → 400 at %s', async (method, url, payload, path) => {
    const response = await t.app.inject({
      method: method as 'POST',
      url,
      headers: { cookie: cookies.admin!, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([{ path, message: expect.stringMatching(/broken character U\+D[89A-F]/) }]);
  });

  it.each([
    [{ board: 'x', heldOn: '2025-02-30', monthsFrom: '2025-01', monthsTo: '2025-02' }, 'body.heldOn', /real date/],
    [{ board: 'x', heldOn: '2025-13-45', monthsFrom: '2025-01', monthsTo: '2025-02' }, 'body.heldOn', /real date/],
    [{ board: 'x', heldOn: '0000-00-00', monthsFrom: '2025-01', monthsTo: '2025-02' }, 'body.heldOn', /real date/],
    [
      { board: 'x', heldOn: '2025-03-31', monthsFrom: '0000-01', monthsTo: '2025-02' },
      'body.monthsFrom',
      /January 2000/,
    ],
    [{ board: 'x', heldOn: '2025-03-31', monthsFrom: '2025-01', monthsTo: '9999-12' }, 'body.monthsTo', /January 2000/],
  ])('a meeting %j is refused at %s, and nothing is stored', async (payload, path, message) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/contract/meetings',
      headers: { cookie: cookies.admin!, 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toContainEqual({ path, message: expect.stringMatching(message) });
    expect(await queryRows(t.database.db, sql`select id from meetings`)).toEqual([]);
  });

  it('GET /api/indicators/PI2/commentary/0000-01 is a 400 for everyone', async () => {
    for (const role of ROLES) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/indicators/PI2/commentary/0000-01',
        headers: { cookie: cookies[role]! },
      });
      expect(response.statusCode, `${role}: ${response.body}`).toBe(400);
    }
  });

  it.each(['0x10', '1e2', ' 1', '+1', '01.0'])('an id of %j is not a number this API reads (400)', async (id) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/returns/uploads/${encodeURIComponent(id)}`,
      headers: { cookie: cookies.admin! },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors[0].path).toBe('params.id');
  });

  it('the audit writer stores any text: lone surrogates become U+FFFD, NULs are dropped (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.constantFrom('\uD800', '\uDFFF', '\u0000', '😀', ''),
        async (text, odd) => {
          const value = `${text}${odd}`;
          await recordAudit(t.database.db, {
            action: 'test.audit_text',
            username: value,
            target: value,
            outcome: 'refused',
            details: { asked: value, [`k${odd}`]: [value, { deeper: value }] },
          });
          const [row] = await queryRows<{ username: string; details: { asked: string } }>(
            t.database.db,
            sql`select username, details from audit_log where action = 'test.audit_text' order by id desc limit 1`,
          );
          const expected = value.replaceAll('\u0000', '').replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => {
            const code = c.charCodeAt(0);
            const paired =
              code < 0xdc00 ? /[\uDC00-\uDFFF]/.test(all[i + 1] ?? '') : /[\uD800-\uDBFF]/.test(all[i - 1] ?? '');
            return paired ? c : '\uFFFD';
          });
          expect(row!.details.asked).toBe(expected);
          expect(row!.username).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('the organisation a request asks about', () => {
    const NOT_A_MEMBER = 'You are not a member of that organisation.';

    it.each([38, 39, 40, 41])('%i letters and an emoji: refused (403), and audited whole characters', async (n) => {
      const asked = `${'a'.repeat(n)}😀`;
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/indicators?organisation=${encodeURIComponent(asked)}`,
        headers: { cookie: cookies.viewer! },
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().detail).toBe(NOT_A_MEMBER);
      const [row] = await queryRows<{ details: { asked: string } }>(
        t.database.db,
        sql`select details from audit_log where action = 'organisation.refused' order by id desc limit 1`,
      );
      expect(row!.details.asked).toBe([...asked].slice(0, 40).join(''));
    });

    it('any text at all is answered 403 (or as the person’s own), never 500 (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
            fc.tuple(fc.nat(45), fc.constantFrom('😀', '👩‍👩‍👧', '𝔘', 'é')).map(([n, c]) => `${'a'.repeat(n)}${c}`),
          ),
          fc.constantFrom(...ROLES),
          async (asked, role) => {
            const response = await t.app.inject({
              method: 'GET',
              url: `/api/indicators?organisation=${encodeURIComponent(asked)}`,
              headers: { cookie: cookies[role]! },
            });
            expect(response.statusCode, `${JSON.stringify(asked)}: ${response.body}`).toBeLessThan(500);
            if (response.statusCode === 403) expect(response.json().detail).toBe(NOT_A_MEMBER);
          },
        ),
        { numRuns: 150 },
      );
    });
  });
});
