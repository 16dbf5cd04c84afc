import { createHash } from 'node:crypto';
import { queryRows } from '@kpi/server/db';
import { meResponseSchema, problemSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, TEST_PASSWORD, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

describe(`sign-in and sessions (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each(['viewer', 'commissioner', 'analyst', 'admin'] as const)(
    '%s signs in and is told their role',
    async (role) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: role, password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      expect(meResponseSchema.parse(response.json()).user.role).toBe(role);
    },
  );

  it('sets an HttpOnly, SameSite=Lax session cookie, not Secure over plain HTTP', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: TEST_PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === 'kpi_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value.length).toBeGreaterThanOrEqual(43);
  });

  it('stores only a hash of the session token', async () => {
    const cookie = await signInAs(t.app, 'analyst');
    const token = cookie.split('=')[1]!;
    const stored = await queryRows<{ token_hash: string }>(t.database.db, sql`select token_hash from sessions`);
    const hashes = stored.map((r) => r.token_hash);
    expect(hashes).not.toContain(token);
    expect(hashes).toContain(createHash('sha256').update(token).digest('hex'));
  });

  it('GET /api/auth/me needs a session', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(problemSchema.parse(anonymous.json()).title).toBe('Not signed in');

    const cookie = await signInAs(t.app, 'commissioner');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'commissioner', role: 'commissioner' } });
  });

  it('usernames are case-insensitive', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'Viewer', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
  });

  it('a wrong password and an unknown user get the same answer, and both are audited', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: 'not-the-password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(problemSchema.parse(wrong.json()).detail).toBe('The username or password is not correct.');
    expect(problemSchema.parse(unknown.json()).detail).toBe(problemSchema.parse(wrong.json()).detail);
    const audited = await queryRows<{ username: string }>(
      t.database.db,
      sql`select username from audit_log where action = 'auth.login' and outcome = 'failure' order by id`,
    );
    expect(audited.map((r) => r.username)).toEqual(expect.arrayContaining(['viewer', 'nobody-here']));
  });

  it('rejects a malformed sign-in body with field errors in the problem shape', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(response.statusCode).toBe(400);
    const problem = problemSchema.parse(response.json());
    expect(problem.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });

  it('rejects malformed JSON with a 400 problem, not a 500', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "viewer", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('issues a new session at sign-in and ends the one the browser had', async () => {
    const first = await signInAs(t.app, 'viewer');
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first },
      payload: { username: 'viewer', password: TEST_PASSWORD },
    });
    const newCookie = second.cookies.find((c) => c.name === 'kpi_session');
    expect(newCookie?.value).toBeDefined();
    expect(`kpi_session=${newCookie?.value}`).not.toBe(first);
    const old = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } });
    expect(old.statusCode).toBe(401);
  });

  it('sign-out ends the session on the server', async () => {
    const cookie = await signInAs(t.app, 'admin');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('a session idle for longer than the limit no longer works', async () => {
    const cookie = await signInAs(t.app, 'viewer');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes'`);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('a disabled user is refused at once, even with a live session', async () => {
    const cookie = await signInAs(t.app, 'analyst');
    await t.database.db.execute(sql`update users set disabled_at = now() where username = 'analyst'`);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    await t.database.db.execute(sql`update users set disabled_at = null where username = 'analyst'`);
  });

  it('stores passwords as argon2id hashes with the OWASP parameters', async () => {
    const rows = await queryRows<{ password_hash: string }>(
      t.database.db,
      sql`select password_hash from users where username = 'viewer'`,
    );
    const [, algorithm, version, parameters] = rows[0]!.password_hash.split('$');
    expect(algorithm).toBe('argon2id');
    expect(version).toBe('v=19');
    expect(Object.fromEntries(parameters!.split(',').map((p) => p.split('=')))).toEqual({ m: '19456', t: '2', p: '1' });
  });
});
