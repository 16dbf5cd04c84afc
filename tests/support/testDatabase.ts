import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyMigrations, type Database, type Db, openDatabase } from '@kpi/server/db';
import pg from 'pg';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
 *
 * On PostgreSQL the migrations run as TEST_DATABASE_URL's role (the cluster's superuser, owning
 * the tables), and the application connects as a role of its own, made for this database and
 * granted what production's is (applyMigrations → grantAppRole): neither SUPERUSER nor BYPASSRLS,
 * so row-level security (migrations/0014) binds every request every API test makes. A test's
 * fixtures, written and read through the same `db` outside any request, run in the system scope
 * (`scopeOutsideWork`); a request still sees only the organisations it names.
 *
 * With TEST_DATABASE_READ_URL (a hot standby of TEST_DATABASE_URL's cluster, as the suite's
 * PostgreSQL stage starts) the application also reads from the standby, as the same role in the
 * same database: both are made on the primary and reach the standby by replication, and until it
 * has replayed them the read router must send every read to the primary. On close each database
 * writes how many reads its standby answered to TEST_STANDBY_READS_DIR (vitest runs files in
 * worker processes), so the stage can show the standby was used.
 */
/** The tables' owner's URL of each PostgreSQL test database, for asTablesOwner. */
const ownerUrls = new WeakMap<Database, string>();

export async function createTestDatabase(): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return database;
  }
  const name = `kpi_test_${randomBytes(6).toString('hex')}`;
  // Roles belong to the cluster: one per database, so files running at once never share one.
  const appRole = `${name}_app`;
  await asAdmin(adminUrl, [`create database ${name}`, `create role ${appRole} login`]);
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = appRole;
  const readUrl = process.env.TEST_DATABASE_READ_URL;
  const database = openDatabase({
    databaseUrl: appUrl.toString(),
    readUrls: readUrl ? [sameDatabaseAndRole(readUrl, appUrl)] : undefined,
    poolMax: 4,
    scopeOutsideWork: 'system',
  });
  await applyMigrations(database, ownerUrl.toString());
  ownerUrls.set(database, ownerUrl.toString());
  const close = database.close;
  database.close = async () => {
    const readsDir = process.env.TEST_STANDBY_READS_DIR;
    if (readUrl && readsDir) {
      const reads = database.standbys().reduce((n, standby) => n + standby.reads, 0);
      writeFileSync(path.join(readsDir, name), `${reads}\n`);
    }
    await close();
    await asAdmin(adminUrl, [`drop database if exists ${name} with (force)`, `drop role if exists ${appRole}`]);
  };
  return database;
}

/** The standby's URL, pointed at the application's database and role on the primary. */
function sameDatabaseAndRole(standbyUrl: string, appUrl: URL): string {
  const url = new URL(standbyUrl);
  url.pathname = appUrl.pathname;
  url.username = appUrl.username;
  return url.toString();
}

/**
 * Runs `work` as the tables' owner, for what the application's role may not do (a test's own
 * trigger or function): on PostgreSQL a short-lived connection as TEST_DATABASE_URL's role; on
 * PGlite the one connection, already the owner.
 */
export async function asTablesOwner<T>(database: Database, work: (db: Db) => Promise<T>): Promise<T> {
  const url = ownerUrls.get(database);
  if (!url) return work(database.db);
  const owner = openDatabase({ databaseUrl: url, poolMax: 1 });
  try {
    return await work(owner.db);
  } finally {
    await owner.close();
  }
}

async function asAdmin(adminUrl: string, statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export function testDriverName(): 'pglite' | 'postgres' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}
