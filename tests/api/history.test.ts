import { type Database, queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDriverName } from '../support/testDatabase';

/** drizzle wraps driver errors as "Failed query: …"; the database's own message is the cause. */
async function databaseError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? String(error);
  }
  throw new Error('the statement was expected to fail but succeeded');
}

/**
 * On PGlite the connection is the tables' owner, which the append-only triggers stop. On PostgreSQL
 * it is the application's role, refused UPDATE, DELETE and TRUNCATE by privilege before any trigger
 * runs (grantAppRole); tests/api/appRole.test.ts shows the trigger stopping the owner there.
 */
const refused = (table: string, statement: string) =>
  testDriverName() === 'postgres'
    ? new RegExp(`^permission denied for table ${table}$`)
    : new RegExp(`${table} is append-only: ${statement} refused`);

describe(`append-only history (${testDriverName()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('the audit log accepts new entries but refuses changes and deletions', async () => {
    await database.db.execute(sql`insert into audit_log (action, outcome) values ('test.entry', 'success')`);
    expect(await databaseError(database.db.execute(sql`update audit_log set action = 'tampered'`))).toMatch(
      refused('audit_log', 'UPDATE'),
    );
    expect(await databaseError(database.db.execute(sql`delete from audit_log`))).toMatch(
      refused('audit_log', 'DELETE'),
    );
    const rows = await queryRows(database.db, sql`select action from audit_log`);
    expect(rows).toEqual([{ action: 'test.entry' }]);
  });

  it('observation revisions refuse changes and deletions', async () => {
    const db = database.db;
    await db.execute(sql`insert into areas (code, name, level) values ('E08000028', 'Sandwell', 'local_authority')`);
    await db.execute(sql`insert into organisations (name, area_code) values ('Sandwell', 'E08000028')`);
    await db.execute(sql`insert into indicators (organisation_id, code, title, definition, why_it_matters, unit, polarity, precision, measure_type, theme)
        values (1, 'PI1', 't', 'd', 'w', 'percent', 'higher_is_better', 1, 'flow', 'front_door')`);
    await db.execute(
      sql`insert into observations (indicator_id, month, value, provenance) values (1, '2021-03-01', 70, 'uploaded_return')`,
    );
    await db.execute(sql`insert into observation_revisions (observation_id, indicator_id, month, old_value, new_value, reason)
        values (1, 1, '2021-03-01', null, 70, 'first upload')`);
    expect(await databaseError(db.execute(sql`update observation_revisions set new_value = 99`))).toMatch(
      refused('observation_revisions', 'UPDATE'),
    );
    expect(await databaseError(db.execute(sql`delete from observation_revisions`))).toMatch(
      refused('observation_revisions', 'DELETE'),
    );
    expect(await databaseError(db.execute(sql`truncate observation_revisions`))).toMatch(
      refused('observation_revisions', 'TRUNCATE'),
    );
    const rows = await queryRows(db, sql`select new_value from observation_revisions`);
    expect(rows).toEqual([{ new_value: '70' }]);
  });

  it('an observation month must be the first of the month', async () => {
    expect(
      await databaseError(
        database.db.execute(
          sql`insert into observations (indicator_id, month, value, provenance) values (1, '2021-04-15', 1, 'illustrative')`,
        ),
      ),
    ).toMatch(/observations_month_first_ck/);
  });
});
