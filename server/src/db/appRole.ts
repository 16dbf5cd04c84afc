import { sql } from 'drizzle-orm';
import { type Database, type DbOrTx, openDatabase, queryRows } from './database';

/** Evidence tables: the application may read and add rows, never change or remove them. */
export const APPEND_ONLY_TABLES = ['audit_log', 'observation_revisions', 'commentary_versions'] as const;

const ROLE_NAME = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

export async function currentRole(db: DbOrTx): Promise<string> {
  const [row] = await queryRows<{ role: string }>(db, sql`select current_user::text as role`);
  if (!row) throw new Error('could not read the current database role');
  return row.role;
}

/**
 * Gives the application's role what it needs and no more: read and write on ordinary tables, but
 * only SELECT and INSERT on the append-only tables, so the database itself (not just a trigger,
 * which the owner could drop) refuses UPDATE, DELETE and TRUNCATE there with SQLSTATE 42501.
 * Run as the tables' owner after every migration, so tables added later are covered too.
 */
export async function grantAppRole(ownerDb: DbOrTx, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a plain PostgreSQL role name`);
  const appRole = sql.identifier(role);
  if ((await currentRole(ownerDb)) === role) {
    throw new Error(`"${role}" is the role running the migrations; the application needs a role of its own`);
  }
  const appendOnly = sql.join(
    APPEND_ONLY_TABLES.map((table) => sql.identifier(table)),
    sql`, `,
  );
  await ownerDb.execute(sql`grant usage on schema public to ${appRole}`);
  await ownerDb.execute(sql`grant select, insert, update, delete on all tables in schema public to ${appRole}`);
  await ownerDb.execute(sql`revoke update, delete, truncate on ${appendOnly} from ${appRole}`);
  await ownerDb.execute(sql`revoke update, delete, truncate on ${appendOnly} from public`);
  // INSERT into a table with a serial key calls nextval(): USAGE on its sequence, nothing more.
  await ownerDb.execute(sql`grant usage, select on all sequences in schema public to ${appRole}`);
}

/**
 * Applies pending migrations. With a separate migration URL they run as that (owner) role and the
 * application's own role, whoever `database` connects as, is then granted its restricted rights;
 * without one the application's connection migrates, as in development.
 */
export async function applyMigrations(
  database: Database,
  migrationUrl: string | undefined,
): Promise<{ migratedAs: string; appRole: string }> {
  if (!migrationUrl || database.driver !== 'postgres') {
    await database.migrate();
    const role = await currentRole(database.db);
    return { migratedAs: role, appRole: role };
  }
  const owner = openDatabase({ databaseUrl: migrationUrl, poolMax: 1 });
  try {
    await owner.migrate();
    const appRole = await currentRole(database.db);
    await grantAppRole(owner.db, appRole);
    return { migratedAs: await currentRole(owner.db), appRole };
  } finally {
    await owner.close();
  }
}
