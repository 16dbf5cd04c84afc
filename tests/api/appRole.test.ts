import { randomBytes } from 'node:crypto';
import { buildApp, ensureDemoAccounts, loadConfig } from '@kpi/server';
import { applyMigrations, type Database, openDatabase, queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, TEST_PASSWORD } from '../support/testApp';

/**
 * The audit log's last line of defence on a real PostgreSQL server: migrations run as an owner
 * role, the application connects as a role of its own, and that role is refused UPDATE, DELETE and
 * TRUNCATE on the append-only tables by privilege (42501 "permission denied"), not only by trigger.
 * Roles need a server: on PGlite (no TEST_DATABASE_URL) this file is skipped.
 */
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('the application database role (postgres)', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `kpi_owner_${suffix}`;
  const appRole = `kpi_app_${suffix}`;
  const dbName = `kpi_roles_${suffix}`;
  let database: Database;
  let app: FastifyInstance;
  let migrated: { migratedAs: string; appRole: string };

  const urlAs = (role: string) => {
    const url = new URL(serverUrl!);
    url.username = role;
    url.pathname = `/${dbName}`;
    return url.toString();
  };
  async function asSuperuser(statements: string[]) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  }
  /** Runs one statement as the given role; resolves to the SQLSTATE and message it failed with, or 'ok'. */
  async function attempt(role: string, statement: string): Promise<string> {
    const client = new pg.Client({ connectionString: urlAs(role) });
    await client.connect();
    try {
      await client.query(statement);
      return 'ok';
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      return `${code}: ${message}`;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await asSuperuser([
      `create role ${owner} login`,
      `create role ${appRole} login`,
      `create database ${dbName} owner ${owner}`,
    ]);
    database = openDatabase({ databaseUrl: urlAs(appRole), poolMax: 4 });
    migrated = await applyMigrations(database, urlAs(owner));
    await ensureDemoAccounts(database.db, TEST_PASSWORD);
    const config = { ...loadConfig({ NODE_ENV: 'test', CLIENT_DIST: '/nonexistent' }), databaseUrl: urlAs(appRole) };
    app = await buildApp({ config, database });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await asSuperuser([
      `drop database if exists ${dbName} with (force)`,
      `drop role if exists ${appRole}`,
      `drop role if exists ${owner}`,
    ]);
  });

  it('migrates as the owner and runs as the application role', async () => {
    expect(migrated).toEqual({ migratedAs: owner, appRole });
    const [row] = await queryRows<{ tableowner: string }>(
      database.db,
      sql`select tableowner from pg_tables where tablename = 'audit_log'`,
    );
    expect(row!.tableowner).toBe(owner);
  });

  it('works normally as the application role: sign-in writes audit rows, sessions are created and ended', async () => {
    const cookie = await signInAs(app, 'admin');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: {
        username: 'role.check',
        displayName: 'Role check',
        role: 'viewer',
        password: 'a long enough passphrase',
      },
    });
    expect(created.statusCode).toBe(201);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const audit = await queryRows<{ action: string }>(
      database.db,
      sql`select action from audit_log where username = 'admin' order by id`,
    );
    expect(audit.map((r) => r.action)).toEqual(['auth.login', 'user.create', 'auth.logout']);
  });

  it.each(['audit_log', 'observation_revisions', 'commentary_versions'])(
    'the application role is refused UPDATE, DELETE and TRUNCATE on %s by privilege (42501)',
    async (table) => {
      for (const statement of [`update ${table} set id = id`, `delete from ${table}`, `truncate ${table}`]) {
        expect(await attempt(appRole, statement)).toBe(`42501: permission denied for table ${table}`);
      }
    },
  );

  it('the application role can still add to the audit log and read it', async () => {
    expect(await attempt(appRole, `insert into audit_log (action, outcome) values ('role.test', 'success')`)).toBe(
      'ok',
    );
    expect(await attempt(appRole, 'select count(*) from audit_log')).toBe('ok');
  });

  it('the application role cannot drop the trigger or the table, or alter them', async () => {
    expect(await attempt(appRole, 'drop trigger audit_log_append_only on audit_log')).toMatch(/^42501: must be owner/);
    expect(await attempt(appRole, 'alter table audit_log disable trigger all')).toMatch(/^42501: must be owner/);
    expect(await attempt(appRole, 'drop table audit_log')).toMatch(/^42501: must be owner/);
  });

  it('even the owner, who has the privilege, is stopped by the append-only trigger', async () => {
    expect(await attempt(owner, "delete from audit_log where action = 'role.test'")).toMatch(
      /^42501: audit_log is append-only: DELETE refused/,
    );
  });
});
