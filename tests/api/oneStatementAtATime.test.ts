import { type Database, queryRows, withTenantScope } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/testDatabase';

/**
 * A request reads in parallel (`Promise.all`) through its one transaction's client. node-postgres
 * queues such statements itself only under a deprecation ("Calling client.query() when the client
 * is already executing a query", removed in pg@9), so the application's client
 * (server/src/db/tenantScope.ts) sends one statement at a time, each with its own scope. Counted
 * at pg.Client's own query(), which every statement reaches. PGlite has no pg client: skipped.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('one statement at a time on a connection (postgres)', () => {
  let database: Database;
  const realQuery = pg.Client.prototype.query;
  /** The most statements any one connection was asked to run at once. */
  let mostAtOnce = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const inFlight = new WeakMap<object, number>();
    // biome-ignore lint/suspicious/noExplicitAny: wraps pg.Client.query's overloads to count them.
    pg.Client.prototype.query = function (this: pg.Client, ...args: any[]): any {
      const now = (inFlight.get(this) ?? 0) + 1;
      inFlight.set(this, now);
      mostAtOnce = Math.max(mostAtOnce, now);
      const done = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = (error: Error | null, result: unknown) => {
          done();
          last(error, result);
        };
        return (realQuery as (...a: unknown[]) => unknown).apply(this, args);
      }
      const answer = (realQuery as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      answer.then(done, done);
      return answer;
    } as typeof realQuery;
  });
  afterEach(() => {
    mostAtOnce = 0;
  });
  afterAll(async () => {
    pg.Client.prototype.query = realQuery;
    await database?.close();
  });

  it('runs parallel reads in a transaction one after another, each answered with its own result', async () => {
    const answers = await database.db.transaction(async (tx) =>
      Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          queryRows<{ n: number }>(tx, sql`select ${i}::int as n, pg_sleep(${(12 - i) / 1000})`),
        ),
      ),
    );
    expect(answers.map((rows) => rows[0]?.n)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(mostAtOnce).toBe(1);
  });

  it('gives each queued statement the scope of the work that asked for it', async () => {
    const scopes = await database.db.transaction(async (tx) =>
      Promise.all(
        [[1], [2, 3], 'system', [4]].map((scope) =>
          withTenantScope(scope as number[] | 'system', () =>
            queryRows<{ setting: string }>(tx, sql`select current_setting('app.organisation_ids') as setting`),
          ),
        ),
      ),
    );
    expect(scopes.map((rows) => rows[0]?.setting)).toEqual(['1', '2,3', 'system', '4']);
    expect(mostAtOnce).toBe(1);
  });

  it('after a failed statement, the ones queued behind it fail and the transaction rolls back cleanly', async () => {
    const attempt = database.db.transaction(async (tx) =>
      Promise.all([
        queryRows(tx, sql`select 1 as one`),
        queryRows(tx, sql`select 1 / 0 as broken`),
        queryRows(tx, sql`select 2 as two`),
      ]),
    );
    await expect(attempt).rejects.toThrow(/select 1 \/ 0/);
    // The connection went back to the pool usable: every connection answers again.
    const again = await Promise.all(
      Array.from({ length: 6 }, () => queryRows<{ ok: number }>(database.db, sql`select 1 as ok`)),
    );
    expect(again.every((rows) => rows[0]?.ok === 1)).toBe(true);
  });
});
