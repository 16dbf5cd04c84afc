import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concreteUrl, type DocumentedRoute, documentedRoutes } from '../support/routeCatalogue';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const HOSTILE_VALUES = [
  "' OR 1=1 --",
  '"; DROP TABLE observations; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as a literal string.
  '${7*7}{{7*7}}',
  '\u0000',
  '%00',
  'x'.repeat(10_000),
  '😀\u202e',
  '-1',
  '1e309',
  '2021-13',
  '0',
  // Months and dates outside the supported years or the calendar, ids in hex. (Lone surrogates
  // cannot travel in an address; in bodies they are tests/api/inputBounds.test.ts.)
  '0000-01',
  '9999-12',
  '2025-02-30',
  '0000-00-00',
  '0x10',
];

/** What must never reach a client: stack traces, file paths, SQL or driver messages. */
const LEAKS =
  /\bat [\w.]+ \(|node_modules|\/src\/|\.ts:\d+|select .* from|syntax error at|drizzle|postgres|pglite|stack/i;

interface Case {
  label: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

function casesFor(route: DocumentedRoute): Case[] {
  const cases: Case[] = [];
  const base = concreteUrl(route.path);
  for (const value of HOSTILE_VALUES) {
    if (route.path.includes('{')) {
      cases.push({
        label: `path parameter ${JSON.stringify(value.slice(0, 20))}`,
        method: route.method,
        url: concreteUrl(route.path, { code: value, id: value }),
      });
    }
    for (const name of route.queryParameters) {
      cases.push({
        label: `query ${name}=${JSON.stringify(value.slice(0, 20))}`,
        method: route.method,
        url: `${base}?${new URLSearchParams({ [name]: value })}`,
      });
    }
  }
  if (route.path.includes('{')) {
    const raw = route.path.replace(/\{\w+\}/g, '%E0%A4%A');
    cases.push({ label: 'malformed percent-encoding', method: route.method, url: raw });
  }
  cases.push({
    label: 'repeated query parameters',
    method: route.method,
    url: `${base}?month=2021-03&month=2021-04&from=a&from=b`,
  });
  if (route.method !== 'GET') {
    const json = { 'content-type': 'application/json' };
    cases.push({
      label: 'malformed JSON',
      method: route.method,
      url: base,
      headers: json,
      payload: '{"username": "a", ',
    });
    cases.push({
      label: 'JSON that is not an object',
      method: route.method,
      url: base,
      headers: json,
      payload: '"just a string"',
    });
    cases.push({
      label: 'prototype pollution',
      method: route.method,
      url: base,
      headers: json,
      payload: '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}',
    });
    cases.push({
      label: 'oversized body',
      method: route.method,
      url: base,
      headers: json,
      payload: `{"x": "${'a'.repeat(6 * 1024 * 1024)}"}`,
    });
    cases.push({
      label: 'wrong content type',
      method: route.method,
      url: base,
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    cases.push({
      label: 'deeply nested JSON',
      method: route.method,
      url: base,
      headers: json,
      payload: `${'['.repeat(5000)}${']'.repeat(5000)}`,
    });
  }
  return cases;
}

describe(`hostile input to every route (${testDriverName()})`, () => {
  let t: TestApp;
  let cookie: string;
  let routes: DocumentedRoute[];
  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: 1_000_000 });
    cookie = await signInAs(t.app, 'admin');
    routes = (await documentedRoutes(t.app)).filter((r) => r.path !== '/api/auth/logout');
  });
  afterAll(() => t.close());

  it('never answers 5xx and never shows internals', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const route of routes) {
      for (const c of casesFor(route)) {
        for (const who of ['anonymous', 'admin'] as const) {
          tried += 1;
          const response = await t.app.inject({
            method: c.method as 'GET',
            url: c.url,
            headers: { ...(c.headers ?? {}), ...(who === 'admin' ? { cookie } : {}) },
            ...(c.payload !== undefined ? { payload: c.payload } : {}),
          });
          const where = `${route.method} ${route.path} (${c.label}, ${who})`;
          if (response.statusCode >= 500)
            failures.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          else if (response.statusCode >= 400) {
            if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
              failures.push(`${where}: error without problem+json (${response.headers['content-type']})`);
            }
            if (LEAKS.test(response.body)) failures.push(`${where}: leaks internals: ${response.body.slice(0, 300)}`);
          }
        }
      }
    }
    console.log(`hostile-input cases tried: ${tried}`);
    expect(tried).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  });
});
