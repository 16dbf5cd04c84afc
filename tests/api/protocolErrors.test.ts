import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { problemSchema } from '@kpi/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes } from '../support/routeCatalogue';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * Requests the router never sees, or sees with a method a route does not take, are answered in
 * the one problem+json shape too: a wrong method is 405 with Allow; what Node cannot parse (an
 * unknown method, a control character in a header, an over-long address, no Host) is 400 or 431.
 */

/** Sends raw bytes over a socket and returns everything the server wrote before closing. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e) => (chunks.length > 0 ? resolve(Buffer.concat(chunks).toString('latin1')) : reject(e)));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.setTimeout(10_000, () => socket.destroy());
    socket.write(request, 'latin1');
  });
}

function parse(response: string) {
  const [head = '', ...rest] = response.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

describe(`protocol-level errors are problem+json (${testDriverName()})`, () => {
  let t: TestApp;
  let port: number;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: 1_000_000 });
    cookie = await signInAs(t.app, 'admin');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t?.close());

  it.each([
    ['DELETE', '/api/users', 'GET, HEAD, POST'],
    ['OPTIONS', '/api/scorecard', 'GET, HEAD'],
    ['PUT', '/api/scorecard', 'GET, HEAD'],
    ['GET', '/api/auth/login', 'POST'],
    ['POST', '/api/indicators/PI1/series', 'GET, HEAD'],
  ])('%s %s is 405 with Allow: %s', async (method, url, allow) => {
    const response = await t.app.inject({ method: method as 'GET', url, headers: { cookie } });
    expect(response.statusCode, response.body).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 405, title: 'Method not allowed', instance: url });
  });

  // The router refuses an address it cannot read (malformed percent-encoding, a part longer than
  // it takes) before any hook runs: those answers must still carry the security headers, the
  // request id the body names, and no-store, like every other error.
  it('answers an address the router refuses with the same headers as any other error', async () => {
    const withParameters = (await documentedRoutes(t.app)).filter((r) => r.path.includes('{'));
    expect(withParameters.length).toBeGreaterThan(10);
    const badPart = fc.oneof(
      fc.constantFrom('%E0%A4%A', '%', '%zz', '%C0%AF'),
      fc.integer({ min: 101, max: 4000 }).map((n) => 'x'.repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withParameters),
        badPart,
        fc.constantFrom('anonymous', 'admin'),
        async (route, part, who) => {
          const url = route.path.replace(/\{\w+\}/g, part);
          const response = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers: who === 'admin' ? { cookie } : {},
          });
          expect([400, 414]).toContain(response.statusCode);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          const body = problemSchema.parse(response.json());
          expect(body.status).toBe(response.statusCode);
          expect(response.headers['x-request-id']).toBe(body.requestId);
          expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
          expect(response.headers['x-content-type-options']).toBe('nosniff');
          expect(response.headers['x-frame-options']).toBeDefined();
          expect(response.headers['cache-control']).toBe('no-store');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an unknown address is still 404, whatever the method', async () => {
    for (const method of ['GET', 'DELETE', 'OPTIONS'] as const) {
      const response = await t.app.inject({ method, url: '/api/nothing-here', headers: { cookie } });
      expect(response.statusCode).toBe(404);
    }
  });

  const host = 'Host: 127.0.0.1\r\n';
  it.each([
    ['an unknown method', `FOO /api/health HTTP/1.1\r\n${host}\r\n`, 400],
    ['a control character in a header', `GET /api/health HTTP/1.1\r\n${host}X-Test: a\u0001b\r\n\r\n`, 400],
    ['an address over 16 KB', `GET /api/health?q=${'a'.repeat(20_000)} HTTP/1.1\r\n${host}\r\n`, 431],
    ['headers over 16 KB', `GET /api/health HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['no Host header', 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
    ['not HTTP at all', 'hello\r\n\r\n', 400],
  ])('%s → %i problem+json', async (_label, request, status) => {
    const response = parse(await raw(port, request));
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ type: 'about:blank', status, requestId: expect.any(String) });
    expect(body.title).toMatch(/^[A-Z][a-z ]+$/);
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  });

  it('a well-formed request on the same server is answered normally', async () => {
    const response = parse(await raw(port, `GET /api/health HTTP/1.1\r\n${host}Connection: close\r\n\r\n`));
    expect(response.status).toBe(200);
  });
});
