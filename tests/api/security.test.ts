import { problemSchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

describe(`security headers, CSRF and CORS (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('sends HSTS only on HTTPS responses', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const behindProxy = await createTestApp({ trustProxy: true });
    try {
      const secure = await behindProxy.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(secure.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await behindProxy.close();
    }
  });

  it('compares the scheme, host and port of Origin with the request, not the host alone', async () => {
    const login = { username: 'viewer', password: TEST_PASSWORD };
    for (const origin of ['https://localhost', 'http://localhost:8080', 'http://localhost.evil.example', 'null']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin, host: 'localhost' },
        payload: login,
      });
      expect(response.statusCode, origin).toBe(403);
    }
  });

  it('compares Origin with PUBLIC_URL when it is set', async () => {
    const configured = await createTestApp({ publicOrigin: 'https://kpi.example.gov.uk' });
    try {
      const post = (origin: string) =>
        configured.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { origin, host: 'kpi.example.gov.uk' },
          payload: { username: 'viewer', password: TEST_PASSWORD },
        });
      expect((await post('https://kpi.example.gov.uk')).statusCode).toBe(200);
      expect((await post('https://kpi.example.gov.uk:443')).statusCode).toBe(200);
      expect((await post('http://kpi.example.gov.uk')).statusCode).toBe(403);
      expect((await post('https://kpi.example.gov.uk:8443')).statusCode).toBe(403);
    } finally {
      await configured.close();
    }
  });

  it('refuses a state-changing request that a browser says came from another site', async () => {
    const login = { username: 'viewer', password: TEST_PASSWORD };
    const crossOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: login,
    });
    expect(crossOrigin.statusCode).toBe(403);
    expect(problemSchema.parse(crossOrigin.json()).detail).toMatch(/another site/);

    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);

    const sameOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' },
      payload: login,
    });
    expect(sameOrigin.statusCode).toBe(200);
  });

  // The router decodes the path, so every guard decides on the routed path, never the raw URL:
  // percent-encoding a letter of /api/ must not slip past the origin check, the organisation
  // check or the no-store cache header.
  const ENCODED = ['/%61pi', '/a%70i', '/ap%69', '/%61%70%69', '/%61p%69'];
  it.each(ENCODED)('%s/… is guarded as /api/…', async (prefix) => {
    const crossSite = await t.app.inject({
      method: 'POST',
      url: `${prefix}/auth/login`,
      headers: { origin: 'https://evil.example' },
      payload: { username: 'viewer', password: TEST_PASSWORD },
    });
    expect(crossSite.statusCode, crossSite.body).toBe(403);
    expect(crossSite.json().detail).toMatch(/another site/);

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: TEST_PASSWORD },
    });
    const cookie = `kpi_session=${login.cookies.find((c) => c.name === 'kpi_session')!.value}`;
    const otherCouncil = await t.app.inject({
      method: 'GET',
      url: `${prefix}/scorecard?organisation=E09999999`,
      headers: { cookie },
    });
    expect(otherCouncil.statusCode, otherCouncil.body).toBe(403);
    expect(otherCouncil.json().detail).toBe('You are not a member of that organisation.');

    const anonymous = await t.app.inject({ method: 'GET', url: `${prefix}/auth/me` });
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it('does not refuse reads from another site, but gives them no CORS permission to read', async () => {
    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/auth/me',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe(`sign-in throttling (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const attempt = (username: string, password: string, remoteAddress: string, forwardedFor?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
      payload: { username, password },
    });

  it('slows guessing from one address with growing delays, but never locks the account out', async () => {
    // The attack: someone who knows the username fails five times from their address...
    for (let i = 0; i < 5; i++) expect((await attempt('analyst', 'wrong', '10.0.0.1')).statusCode).toBe(401);
    // ...and is made to wait before trying again from there, whatever they send.
    const sixth = await attempt('analyst', TEST_PASSWORD, '10.0.0.1');
    expect(sixth.statusCode).toBe(429);
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(problemSchema.parse(sixth.json()).detail).toMatch(/Too many failed sign-in attempts from this address/);
    // The legitimate sign-in from the councillor's own machine goes through.
    const started = Date.now();
    expect((await attempt('analyst', TEST_PASSWORD, '10.0.0.99')).statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Other accounts are unaffected.
    expect((await attempt('commissioner', TEST_PASSWORD, '10.0.0.1')).statusCode).toBe(200);
  });

  it('a guesser spread over many addresses does not lock the account either', async () => {
    for (let i = 0; i < 8; i++) expect((await attempt('viewer', 'wrong', `10.2.0.${i + 1}`)).statusCode).toBe(401);
    expect((await attempt('viewer', TEST_PASSWORD, '10.2.1.1')).statusCode).toBe(200);
  });

  it('a successful sign-in clears the account count', async () => {
    for (let i = 0; i < 4; i++) await attempt('admin', 'wrong', '10.1.0.1');
    expect((await attempt('admin', TEST_PASSWORD, '10.1.0.1')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('admin', 'wrong', '10.1.0.1')).statusCode).toBe(401);
  });

  it('throttles an address after 20 failures, and a forged X-Forwarded-For does not dodge it', async () => {
    for (let i = 0; i < 20; i++) {
      const response = await attempt(`nobody-${i}`, 'wrong', '192.0.2.7', `198.51.100.${i}`);
      expect(response.statusCode).toBe(401);
    }
    const next = await attempt('viewer', TEST_PASSWORD, '192.0.2.7', '203.0.113.1');
    expect(next.statusCode).toBe(429);
    expect((await attempt('viewer', TEST_PASSWORD, '192.0.2.8')).statusCode).toBe(200);
  });
});
