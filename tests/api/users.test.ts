import { queryRows } from '@kpi/server/db';
import { problemSchema, userListResponseSchema, userSummarySchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, TEST_PASSWORD, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const NEW_PASSWORD = 'a kettle on the river 51';

describe(`user administration (${testDriverName()})`, () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t.app, 'admin');
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  async function auditRows(action: string) {
    return queryRows<{ username: string | null; target: string | null; outcome: string; details: unknown }>(
      t.database.db,
      sql`select username, target, outcome, details from audit_log where action = ${action} order by id`,
    );
  }

  async function idOf(username: string): Promise<number> {
    const list = userListResponseSchema.parse((await call('GET', '/api/users', admin)).json());
    const user = list.users.find((u) => u.username === username);
    if (!user) throw new Error(`no user ${username}`);
    return user.id;
  }

  async function liveSessions(username: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.username = ${username}`,
    );
    return row!.n;
  }

  it('lists every account with role, sign-in method, pre-release, disabled and last sign-in', async () => {
    await t.database.db.execute(
      sql`insert into users (username, display_name, role, sso_issuer, sso_subject)
          values ('sso.person', 'Single sign-on person', 'viewer', 'https://login.example', 'abc-123')`,
    );
    const response = await call('GET', '/api/users', admin);
    expect(response.statusCode).toBe(200);
    const { users } = userListResponseSchema.parse(response.json());
    expect(users.map((u) => u.username)).toEqual(['admin', 'analyst', 'commissioner', 'sso.person', 'viewer']);
    const byName = Object.fromEntries(users.map((u) => [u.username, u]));
    expect(byName.admin).toMatchObject({ role: 'admin', signInMethod: 'local', disabledAt: null });
    expect(byName.admin!.lastSignInAt).not.toBeNull();
    expect(byName['sso.person']).toMatchObject({ signInMethod: 'sso', lastSignInAt: null });
  });

  it('creates a local account that can sign in, and audits it', async () => {
    const response = await call('POST', '/api/users', admin, {
      username: 'cllr.jones',
      displayName: 'Councillor Jones',
      role: 'viewer',
      preRelease: true,
      password: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(201);
    expect(userSummarySchema.parse(response.json())).toMatchObject({
      username: 'cllr.jones',
      role: 'viewer',
      preRelease: true,
      signInMethod: 'local',
    });
    const cookie = await signInAs(t.app, 'cllr.jones', NEW_PASSWORD);
    const me = await call('GET', '/api/auth/me', cookie);
    expect(me.json()).toMatchObject({ user: { username: 'cllr.jones', preRelease: true } });
    expect((await auditRows('user.create')).at(-1)).toMatchObject({
      username: 'admin',
      target: 'user:cllr.jones',
      outcome: 'success',
    });
  });

  it.each([
    ['too short', 'seven77', /at least 8 characters/],
    ['too long', 'x'.repeat(65), /64 characters or fewer/],
    ['common', 'Password123', /commonly used/],
    ['the username', 'new.person-2024', /must not contain the username/],
  ])('refuses an initial password that is %s, says why, and audits the refusal', async (_label, password, reason) => {
    const before = (await auditRows('user.create')).length;
    const response = await call('POST', '/api/users', admin, {
      username: 'new.person',
      displayName: 'New Person',
      role: 'viewer',
      password,
    });
    expect(response.statusCode).toBe(400);
    const problem = problemSchema.parse(response.json());
    expect(problem.errors?.[0]).toMatchObject({ path: 'body.password', message: expect.stringMatching(reason) });
    const audit = await auditRows('user.create');
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)).toMatchObject({ outcome: 'refused', target: 'user:new.person' });
    const [exists] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from users where username = 'new.person'`,
    );
    expect(exists!.n).toBe(0);
  });

  it('refuses a username already taken, whatever its case', async () => {
    const response = await call('POST', '/api/users', admin, {
      username: 'Cllr.Jones',
      displayName: 'Someone else',
      role: 'viewer',
      password: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(409);
    expect((await auditRows('user.create')).at(-1)).toMatchObject({ outcome: 'refused', target: 'user:Cllr.Jones' });
  });

  it('changes a role and the pre-release list, auditing each', async () => {
    const id = await idOf('cllr.jones');
    const response = await call('PATCH', `/api/users/${id}`, admin, { role: 'analyst', preRelease: false });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ role: 'analyst', preRelease: false });
    expect((await auditRows('user.role_change')).at(-1)).toMatchObject({ details: { from: 'viewer', to: 'analyst' } });
    expect((await auditRows('user.pre_release')).at(-1)).toMatchObject({ details: { from: true, to: false } });
    const cookie = await signInAs(t.app, 'cllr.jones', NEW_PASSWORD);
    expect((await call('GET', '/api/returns/template', cookie)).statusCode).not.toBe(403);
  });

  it('disabling ends every session at once; the person cannot sign in until re-enabled', async () => {
    const first = await signInAs(t.app, 'cllr.jones', NEW_PASSWORD);
    const second = await signInAs(t.app, 'cllr.jones', NEW_PASSWORD);
    expect(await liveSessions('cllr.jones')).toBeGreaterThanOrEqual(2);
    const id = await idOf('cllr.jones');

    const disabled = await call('PATCH', `/api/users/${id}`, admin, { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabledAt).not.toBeNull();
    expect(await liveSessions('cllr.jones')).toBe(0);
    for (const cookie of [first, second]) expect((await call('GET', '/api/auth/me', cookie)).statusCode).toBe(401);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'cllr.jones', password: NEW_PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);
    expect((await auditRows('user.disable')).at(-1)).toMatchObject({ target: 'user:cllr.jones' });

    const enabled = await call('PATCH', `/api/users/${id}`, admin, { disabled: false });
    expect(enabled.json().disabledAt).toBeNull();
    await signInAs(t.app, 'cllr.jones', NEW_PASSWORD);
    expect((await auditRows('user.enable')).length).toBe(1);
  });

  it('the last active administrator cannot be demoted or disabled; with a second one they can', async () => {
    const adminId = await idOf('admin');
    for (const change of [{ role: 'viewer' }, { disabled: true }]) {
      const response = await call('PATCH', `/api/users/${adminId}`, admin, change);
      expect(response.statusCode).toBe(409);
      expect(problemSchema.parse(response.json()).detail).toMatch(/last active administrator/);
    }
    expect((await auditRows('user.update')).filter((r) => r.outcome === 'refused')).toHaveLength(2);
    expect((await call('GET', '/api/auth/me', admin)).json()).toMatchObject({ user: { role: 'admin' } });

    // A disabled administrator does not count as someone who can still manage the service.
    const jonesId = await idOf('cllr.jones');
    await call('PATCH', `/api/users/${jonesId}`, admin, { role: 'admin', disabled: true });
    expect((await call('PATCH', `/api/users/${adminId}`, admin, { role: 'viewer' })).statusCode).toBe(409);

    await call('PATCH', `/api/users/${jonesId}`, admin, { disabled: false });
    const demoted = await call('PATCH', `/api/users/${adminId}`, admin, { role: 'viewer' });
    expect(demoted.statusCode).toBe(200);
    // The change applies to the session already open: no more administration.
    expect((await call('GET', '/api/users', admin)).statusCode).toBe(403);
    const jones = await signInAs(t.app, 'cllr.jones', NEW_PASSWORD);
    await call('PATCH', `/api/users/${adminId}`, jones, { role: 'admin' });
    admin = await signInAs(t.app, 'admin');
    expect((await call('GET', '/api/users', admin)).statusCode).toBe(200);
  });

  it('resets a local password: the new one works, the old one and every session do not', async () => {
    const cookie = await signInAs(t.app, 'viewer');
    const id = await idOf('viewer');
    const reset = await call('POST', `/api/users/${id}/password`, admin, { password: NEW_PASSWORD });
    expect(reset.statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', cookie)).statusCode).toBe(401);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: TEST_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    await signInAs(t.app, 'viewer', NEW_PASSWORD);
    expect((await auditRows('user.password_reset')).at(-1)).toMatchObject({
      target: 'user:viewer',
      outcome: 'success',
      details: { sessionsEnded: 1 },
    });
  });

  it('a reset unlocks an account locked by failed sign-ins, as the lock-out message says', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'viewer', password: 'wrong' },
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: NEW_PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    const id = await idOf('viewer');
    await call('POST', `/api/users/${id}/password`, admin, { password: TEST_PASSWORD });
    await signInAs(t.app, 'viewer', TEST_PASSWORD);
  });

  it('refuses a weak reset password, and any reset for a single sign-on account', async () => {
    const weak = await call('POST', `/api/users/${await idOf('viewer')}/password`, admin, { password: 'viewer12345' });
    expect(weak.statusCode).toBe(400);
    expect(problemSchema.parse(weak.json()).errors?.[0]?.message).toMatch(/must not contain the username/);

    const sso = await call('POST', `/api/users/${await idOf('sso.person')}/password`, admin, {
      password: NEW_PASSWORD,
    });
    expect(sso.statusCode).toBe(409);
    expect(problemSchema.parse(sso.json()).detail).toMatch(/single sign-on/);
    const refusals = (await auditRows('user.password_reset')).filter((r) => r.outcome === 'refused');
    expect(refusals.map((r) => r.target)).toEqual(['user:viewer', 'user:sso.person']);
  });

  it('answers 404 for a user that does not exist, and audits it', async () => {
    const response = await call('PATCH', '/api/users/999999', admin, { role: 'viewer' });
    expect(response.statusCode).toBe(404);
    expect((await auditRows('user.update')).at(-1)).toMatchObject({ outcome: 'refused', target: 'user:#999999' });
  });

  it('refuses an empty change and an unknown role with field errors, and audits both', async () => {
    const id = await idOf('viewer');
    expect((await call('PATCH', `/api/users/${id}`, admin, {})).statusCode).toBe(400);
    const badRole = await call('PATCH', `/api/users/${id}`, admin, { role: 'superuser' });
    expect(badRole.statusCode).toBe(400);
    expect(problemSchema.parse(badRole.json()).errors?.[0]?.path).toBe('body.role');
    const refusals = await auditRows('user.invalid_request');
    expect(refusals).toHaveLength(2);
    expect(refusals[1]).toMatchObject({
      username: 'admin',
      target: 'PATCH /api/users/:id',
      details: { fields: ['/role'] },
    });
  });

  it('audits a malformed new user without recording the password it carried', async () => {
    const response = await call('POST', '/api/users', admin, {
      username: 'has spaces',
      displayName: 'X',
      role: 'viewer',
      password: 'secret-never-logged',
    });
    expect(response.statusCode).toBe(400);
    const [row] = await queryRows<{ details: string }>(
      t.database.db,
      sql`select details::text as details from audit_log where action = 'user.invalid_request' order by id desc limit 1`,
    );
    expect(row!.details).toContain('/username');
    expect(row!.details).not.toContain('secret-never-logged');
  });

  it('is for administrators only, and the refusal is audited', async () => {
    const analyst = await signInAs(t.app, 'analyst');
    const before = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'access.refused' and username = 'analyst'`,
    );
    const response = await call('POST', '/api/users', analyst, {
      username: 'sneaky',
      displayName: 'Sneaky',
      role: 'admin',
      password: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(403);
    const after = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'access.refused' and username = 'analyst'`,
    );
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });
});
