import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * A live session is remembered in the server process for a few seconds. Ending it, disabling its
 * user or changing the user's role must still take effect on the very next request here, and as
 * soon as the database's notification arrives when another process made the change.
 */
describe(`remembered sessions end when the database says so (${testDriverName()})`, () => {
  let t: TestApp;
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  /** Another process's change arrives by notification, milliseconds after its commit; never later than 2 s here. */
  const eventually = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 2_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('not seen within 2 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    t = await createTestApp({ sessionIdleMs: 1_500 });
  });
  afterAll(() => t.close());

  it('a deleted session row signs the person out', async () => {
    const cookie = await signInAs(t.app, 'viewer');
    expect((await me(cookie)).statusCode).toBe(200);
    await t.database.db.execute(
      sql`delete from sessions where user_id = (select id from users where username = 'viewer')`,
    );
    await eventually(async () => (await me(cookie)).statusCode === 401);
  });

  it('disabling a user ends their remembered sessions, and so does a changed role', async () => {
    const cookie = await signInAs(t.app, 'analyst');
    expect((await me(cookie)).json().user.role).toBe('analyst');
    await t.database.db.execute(sql`update users set role = 'viewer' where username = 'analyst'`);
    await eventually(async () => (await me(cookie)).json().user?.role === 'viewer');
    await t.database.db.execute(sql`update users set disabled_at = now() where username = 'analyst'`);
    await eventually(async () => (await me(cookie)).statusCode === 401);
  });

  it('a write handled by this process is seen by the next request without waiting for a notification', async () => {
    const first = await signInAs(t.app, 'commissioner');
    const second = await signInAs(t.app, 'commissioner');
    expect((await me(first)).statusCode).toBe(200);
    // Signing out is a write request here: the next request with that cookie is refused at once.
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: first } });
    expect(out.statusCode).toBeLessThan(300);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
  });

  it('still ends a session that has been idle too long, whatever was remembered', async () => {
    const cookie = await signInAs(t.app, 'admin');
    expect((await me(cookie)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect((await me(cookie)).statusCode).toBe(401);
  });
});
