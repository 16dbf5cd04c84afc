import { queryRows } from '@kpi/server/db';
import { problemSchema, sessionStatusSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, signInAs, TEST_PASSWORD, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const NEW_PASSWORD = 'tea at the town hall, 4pm';

describe(`changing your own password (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const change = (cookie: string, currentPassword: string, newPassword: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword, newPassword },
    });
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const outcomes = async () =>
    (
      await queryRows<{ outcome: string }>(
        t.database.db,
        sql`select outcome from audit_log where action = 'auth.password_change' order by id`,
      )
    ).map((r) => r.outcome);

  it('needs the current password, ends other sessions and replaces the current one', async () => {
    const elsewhere = await signInAs(t.app, 'commissioner');
    const here = await signInAs(t.app, 'commissioner');

    const response = await change(here, TEST_PASSWORD, NEW_PASSWORD);
    expect(response.statusCode).toBe(204);
    const rotated = response.cookies.find((c) => c.name === 'kpi_session');
    expect(rotated?.value).toBeDefined();
    const newCookie = `kpi_session=${rotated!.value}`;
    expect(newCookie).not.toBe(here);

    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await me(here)).statusCode).toBe(401);
    expect((await me(newCookie)).statusCode).toBe(200);
    await signInAs(t.app, 'commissioner', NEW_PASSWORD);
    expect(await outcomes()).toEqual(['success']);
  });

  it('refuses a wrong current password, and counts it', async () => {
    const cookie = await signInAs(t.app, 'viewer');
    const response = await change(cookie, 'not my password', NEW_PASSWORD);
    expect(response.statusCode).toBe(400);
    expect(problemSchema.parse(response.json()).errors).toEqual([
      { path: 'body.currentPassword', message: 'Your current password is not correct.' },
    ]);
    expect((await me(cookie)).statusCode).toBe(200);
    await signInAs(t.app, 'viewer', TEST_PASSWORD);
    expect((await outcomes()).at(-1)).toBe('failure');
  });

  it.each([
    ['7 characters', 'abc def', /at least 8/],
    ['a common password', 'iloveyou', /commonly used/],
    ['one containing the username', 'analyst-of-the-year', /username/],
  ])('refuses %s with the reason, and audits the refusal', async (_label, newPassword, reason) => {
    const cookie = await signInAs(t.app, 'analyst');
    const response = await change(cookie, TEST_PASSWORD, newPassword);
    expect(response.statusCode).toBe(400);
    expect(problemSchema.parse(response.json()).errors?.[0]).toMatchObject({
      path: 'body.newPassword',
      message: expect.stringMatching(reason),
    });
    expect((await outcomes()).at(-1)).toBe('refused');
    await signInAs(t.app, 'analyst', TEST_PASSWORD);
  });

  it('stops guessing the current password through a borrowed session after 5 tries', async () => {
    const cookie = await signInAs(t.app, 'admin');
    for (let i = 0; i < 5; i++) expect((await change(cookie, `guess ${i}`, NEW_PASSWORD)).statusCode).toBe(400);
    const blocked = await change(cookie, TEST_PASSWORD, NEW_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    await signInAs(t.app, 'admin', TEST_PASSWORD);
  });

  it('is refused without a session', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe(`session status for the idle warning (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const lastSeen = async () =>
    (await queryRows<{ last_seen_at: string }>(t.database.db, sql`select last_seen_at::text from sessions`))[0]!
      .last_seen_at;

  it('reports the idle and absolute limits without extending the session', async () => {
    const cookie = await signInAs(t.app, 'viewer');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '20 minutes'`);
    const before = await lastSeen();

    const response = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const status = sessionStatusSchema.parse(response.json());
    expect(status).toMatchObject({ idleMinutes: 30, absoluteHours: 12 });
    const minutesLeft = (Date.parse(status.idleExpiresAt) - Date.parse(status.serverTime)) / 60_000;
    expect(minutesLeft).toBeGreaterThan(9.5);
    expect(minutesLeft).toBeLessThanOrEqual(10);
    const hoursLeft = (Date.parse(status.absoluteExpiresAt) - Date.parse(status.serverTime)) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(11.9);
    expect(await lastSeen()).toBe(before);

    // Any other request counts as activity and does move the idle limit.
    await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(await lastSeen()).not.toBe(before);
  });

  it('a session that has gone idle stays ended, however often its status is asked', async () => {
    const cookie = await signInAs(t.app, 'viewer');
    const ask = () => t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    const status = async () => (await ask()).statusCode;
    // Moving the clock back in the database: naming expires_at too makes the sessions trigger tell
    // the server's session cache, as a real change would (only the routine touch stays silent).
    await t.database.db.execute(
      sql`update sessions set last_seen_at = now() - interval '29 minutes 55 seconds', expires_at = expires_at`,
    );
    await vi.waitFor(async () => {
      const idleEndsIn = Date.parse(sessionStatusSchema.parse((await ask()).json()).idleExpiresAt) - Date.now();
      expect(idleEndsIn).toBeLessThan(10_000);
    });
    for (let i = 0; i < 3; i++) expect(await status()).toBe(200);
    await t.database.db.execute(
      sql`update sessions set last_seen_at = last_seen_at - interval '10 seconds', expires_at = expires_at`,
    );
    // Notifications arrive within milliseconds on PostgreSQL, synchronously on PGlite.
    await vi.waitFor(async () => expect(await status()).toBe(401), { timeout: 2_000, interval: 20 });
  });

  it('"Stay signed in" restarts the idle limit but not the absolute one', async () => {
    const cookie = await signInAs(t.app, 'analyst');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '28 minutes'`);
    const before = sessionStatusSchema.parse(
      (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json(),
    );
    const extended = await t.app.inject({ method: 'POST', url: '/api/auth/session/extend', headers: { cookie } });
    expect(extended.statusCode).toBe(200);
    const after = sessionStatusSchema.parse(extended.json());
    expect(Date.parse(after.idleExpiresAt) - Date.parse(before.idleExpiresAt)).toBeGreaterThan(27 * 60_000);
    expect(after.absoluteExpiresAt).toBe(before.absoluteExpiresAt);
  });
});
