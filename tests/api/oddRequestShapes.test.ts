import { problemSchema } from '@kpi/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concreteUrl, type DocumentedRoute, documentedRoutes } from '../support/routeCatalogue';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * Request shapes the other walks do not send (badInput.test.ts sends hostile values, fuzzOpenApi
 * random ones): query keys that are object or array syntax or name Object.prototype, parameters
 * with no value or malformed percent-encoding, numbers in full-width or Arabic-Indic digits, HEAD
 * and OPTIONS on every route, conditional and range headers, and bodies in every content type a
 * client might wrongly send. Whatever the shape, the answer is never 5xx, and every refusal is the
 * one problem+json shape with its status in the body (a HEAD refusal has no body).
 */
const ODD_KEYS = [
  '__proto__=1',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  'hasOwnProperty=1',
  '=x',
  '&&&',
  '%ZZ=1',
];
const ODD_VALUES = [
  '',
  '%ZZ',
  '%',
  '+1',
  '%201',
  '0x1',
  '-0',
  'Infinity',
  '1e309',
  '__proto__',
  'toString',
  '%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%91-%EF%BC%90%EF%BC%93', // full-width 2021-03
  '%D9%A2%D9%A0%D9%A2%D9%A1-%D9%A0%D9%A3', // Arabic-Indic 2021-03
];
const BODIES: [string, Record<string, string>, string][] = [
  ['empty JSON', { 'content-type': 'application/json' }, ''],
  ['JSON null', { 'content-type': 'application/json' }, 'null'],
  ['duplicate keys', { 'content-type': 'application/json' }, '{"a":1,"a":2}'],
  ['byte-order mark', { 'content-type': 'application/json' }, '\uFEFF{}'],
  ['huge numbers', { 'content-type': 'application/json' }, '{"value":1e400,"id":-1e400,"month":1e309}'],
  ['JSON in UTF-16', { 'content-type': 'application/json; charset=utf-16' }, '{}'],
  ['merge-patch', { 'content-type': 'application/merge-patch+json' }, '{}'],
  ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'],
  [
    'multipart',
    { 'content-type': 'multipart/form-data; boundary=X' },
    '--X\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nkpi_code,month,value\r\n--X--\r\n',
  ],
  ['multipart without boundary', { 'content-type': 'multipart/form-data' }, 'x'],
  ['no content type', {}, '{}'],
  ['unparseable content type', { 'content-type': ';;;' }, 'abc'],
  ['gzip-encoded', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, '{}'],
];
const HEADERS: Record<string, string>[] = [
  { 'if-none-match': '*' },
  { 'if-none-match': 'garbage, W/"x", "' },
  { 'if-modified-since': 'garbage' },
  { range: 'bytes=0-5' },
  { accept: 'application/xml' },
  { 'accept-encoding': 'gzip;q=0, identity;q=0, *;q=0' },
  { 'accept-encoding': 'zstd, gzip;q=2' },
];

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

function requests(route: DocumentedRoute): fc.Arbitrary<Sent> {
  const base = concreteUrl(route.path);
  const names = route.queryParameters.length > 0 ? route.queryParameters : ['x'];
  const query = fc.oneof(
    fc.constantFrom(...ODD_KEYS),
    fc
      .tuple(fc.constantFrom(...names), fc.constantFrom('', '[]', '[a]'), fc.constantFrom(...ODD_VALUES))
      .map(([name, suffix, value]) => `${name}${suffix}=${value}`),
    fc.constantFrom(...names).map((name) => `${name}&${name}=1&${name}=1`),
  );
  const fileName = route.queryParameters.includes('fileName') ? 'fileName=a.csv&' : '';
  if (route.method === 'GET') {
    return fc.oneof(
      query.map((q) => ({ method: 'GET', url: `${base}?${q}`, headers: {} })),
      fc.constantFrom(...HEADERS).map((headers) => ({ method: 'GET', url: base, headers })),
      fc.constantFrom('HEAD', 'OPTIONS').map((method) => ({ method, url: base, headers: {} })),
    );
  }
  return fc.oneof(
    fc.constantFrom(...BODIES).map(([, headers, payload]) => ({
      method: route.method,
      url: `${base}?${fileName}`,
      headers,
      payload,
    })),
    fc.constant({ method: 'OPTIONS', url: base, headers: {} }),
  );
}

describe(`odd request shapes on every documented route (${testDriverName()})`, () => {
  let t: TestApp;
  const cookies: Record<string, string> = { nobody: '' };
  let routes: DocumentedRoute[];
  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: 1_000_000 });
    for (const role of ['viewer', 'commissioner', 'analyst', 'admin']) cookies[role] = await signInAs(t.app, role);
    routes = (await documentedRoutes(t.app)).filter(
      (r) => r.path !== '/api/auth/logout' && r.path !== '/api/exports/board-pack',
    );
  });
  afterAll(() => t.close());

  it('never answers 5xx, and refuses only in the one problem+json shape', { timeout: 300_000 }, async () => {
    expect(routes.length).toBeGreaterThan(90);
    let sent = 0;
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...Object.keys(cookies)), requests(route), async (who, request) => {
          const response = await t.app.inject({
            method: request.method as 'GET',
            url: request.url,
            headers: { ...request.headers, ...(cookies[who] ? { cookie: cookies[who]! } : {}) },
            ...(request.payload !== undefined ? { payload: request.payload } : {}),
          });
          sent += 1;
          const where = `${request.method} ${request.url} as ${who}`;
          expect(response.statusCode, `${where}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.statusCode < 400) return;
          if (request.method === 'HEAD') {
            expect(response.body, where).toBe('');
            return;
          }
          expect(String(response.headers['content-type']), where).toMatch(/^application\/problem\+json/);
          const problem = problemSchema.parse(response.json());
          expect(problem.status, where).toBe(response.statusCode);
          expect(response.headers['x-request-id'], where).toBe(problem.requestId);
        }),
        { numRuns: 8, seed: 2026 },
      );
    }
    console.log(`odd request shapes: ${sent} requests over ${routes.length} routes`);
  });
});
