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
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['cache-control']).toBe('no-store');
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

  it('locks an account for a while after 5 failures, even with the right password next', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('analyst', 'wrong', `10.0.0.${i + 1}`)).statusCode).toBe(401);
    const sixth = await attempt('analyst', TEST_PASSWORD, '10.0.0.99');
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(problemSchema.parse(sixth.json()).detail).toMatch(/Too many failed sign-in attempts/);
    // Other accounts are unaffected.
    expect((await attempt('commissioner', TEST_PASSWORD, '10.0.0.99')).statusCode).toBe(200);
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
