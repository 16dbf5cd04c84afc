import { beginRequestScope, type Database, queryRows, withTenantScope } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/testDatabase';

/**
 * The PostgreSQL stage's test database (tests/support/testDatabase.ts) runs the application as a
 * role that row-level security binds, so every API test exercises the policies; a test's own
 * fixtures, outside any scope, run in the system scope, and a request still fails closed until
 * it names its organisation. PGlite runs as its superuser and sends no scope: skipped there.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'the test database connects as a role bound by row-level security (postgres)',
  () => {
    let database: Database;
    let organisationId: number;
    const countIndicators = async () =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from indicators`))[0]!.n;
    /** Runs `work` as a request does before its organisation is known (plugins/tenantScope.ts). */
    const inRequestBeforeItsOrganisation = <T>(work: () => Promise<T>) =>
      new Promise<T>((resolve, reject) => beginRequestScope(() => void work().then(resolve, reject)));

    beforeAll(async () => {
      database = await createTestDatabase();
      await database.db.execute(
        sql`insert into areas (code, name, level) values ('E08000028', 'Sandwell', 'local_authority')`,
      );
      const [organisation] = await queryRows<{ id: number }>(
        database.db,
        sql`insert into organisations (name, area_code) values ('Sandwell', 'E08000028') returning id`,
      );
      organisationId = organisation!.id;
      await database.db.execute(sql`insert into indicators (organisation_id, code, title, definition, why_it_matters, unit, polarity, precision, measure_type, theme)
        values (${organisationId}, 'PI1', 't', 'd', 'w', 'percent', 'higher_is_better', 1, 'flow', 'front_door')`);
    });
    afterAll(() => database?.close());

    it('is neither a superuser nor a role that bypasses row-level security', async () => {
      const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean }>(
        database.db,
        sql`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
      );
      expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    });

    it("sees every organisation's rows in a test's own fixtures, outside any scope", async () => {
      expect(await countIndicators()).toBe(1);
    });

    it('sees nothing in a request whose organisation is not yet known, nor in another organisation', async () => {
      expect(await inRequestBeforeItsOrganisation(countIndicators)).toBe(0);
      expect(await withTenantScope([organisationId + 1], countIndicators)).toBe(0);
      expect(await withTenantScope([organisationId], countIndicators)).toBe(1);
    });

    // The suite's PostgreSQL stage names a hot standby (TEST_DATABASE_READ_URL): the database and its
    // role reach it by replication, and reads there must be bound exactly as on the primary.
    it.skipIf(!process.env.TEST_DATABASE_READ_URL)(
      'reads from the hot standby as the same role, under the same policies',
      async () => {
        // Reads use a standby only while the change feed is live, as in the application.
        const feed = database.openChangeFeed();
        try {
          const deadline = Date.now() + 20_000;
          while ((database.standbys()[0]?.reads ?? 0) < 3) {
            if (Date.now() > deadline) {
              throw new Error(`the standby never answered: ${JSON.stringify(database.standbys())}`);
            }
            expect(await countIndicators()).toBe(1);
            expect(await inRequestBeforeItsOrganisation(countIndicators)).toBe(0);
            expect(await withTenantScope([organisationId + 1], countIndicators)).toBe(0);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        } finally {
          await feed.close();
        }
      },
    );
  },
);
