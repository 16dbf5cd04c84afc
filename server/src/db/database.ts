import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import { type ChangeFeed, pgliteChangeFeed, postgresChangeFeed } from './changeFeed';
import { ReadRoutingPool, type StandbyState } from './readRouting';
import * as schema from './schema';
import { ScopedClient, ScopedPool, SystemOutsideWorkClient, withTenantScope } from './tenantScope';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. Repositories take this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction, accepted wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** postgres:// URLs of streaming-replication standbys of databaseUrl, for reads (see readRouting.ts). */
  readUrls?: readonly string[] | undefined;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  dataDir?: string | undefined;
  /** Upper bound on pooled connections to PostgreSQL. */
  poolMax?: number;
  /** Per-statement limit on PostgreSQL, in milliseconds. */
  statementTimeoutMs?: number;
  /**
   * The tenant scope of work that runs outside any scope at all (no request, no withTenantScope).
   * Unset, as in production: such work sees no tenant rows, so a forgotten scope fails closed.
   * `system` is for the test database alone, whose fixtures are written and read outside any
   * request through the application's restricted role (tests/support/testDatabase.ts); a request
   * whose organisation is not yet known still sees nothing. PostgreSQL only (PGlite sends no scope).
   */
  scopeOutsideWork?: 'system';
}

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Applies every pending migration; throws if one fails. */
  migrate(): Promise<void>;
  /** Round-trips a trivial query; throws if the database is unreachable. */
  ping(): Promise<void>;
  /**
   * Starts listening for the change notifications of every process writing to this database (on
   * the primary). With standbys, reads use them only while such a feed is live.
   */
  openChangeFeed(): ChangeFeed;
  /** Each standby's state, in the order of DATABASE_READ_URL; empty without standbys. */
  standbys(): StandbyState[];
  close(): Promise<void>;
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir ?? 'memory://');
}

function openPool(url: string, options: DatabaseOptions, connectionTimeoutMillis: number): pg.Pool {
  const pool = new ScopedPool({
    // Gives each connection the current work's organisations before a statement (tenantScope.ts).
    Client: options.scopeOutsideWork === 'system' ? SystemOutsideWorkClient : ScopedClient,
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    application_name: 'kpi-dashboard',
  });
  // An idle client losing its connection (e.g. a server restart) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const pool = openPool(url, options, 5_000);
  const ping = async () => {
    await pool.query('select 1');
  };
  // Migrations may move any organisation's rows: the system scope, past row-level security.
  const migrate = () =>
    withTenantScope('system', () =>
      migrateNodePg(drizzleNodePg(pool, { schema }), { migrationsFolder: MIGRATIONS_DIR }),
    );
  if (!options.readUrls?.length) {
    const db = drizzleNodePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      migrate,
      ping,
      openChangeFeed: () => postgresChangeFeed(url),
      standbys: () => [],
      close: () => pool.end(),
    };
  }
  // A standby that does not answer within a second is set aside; its reads go to the primary meanwhile.
  const routing = new ReadRoutingPool(
    pool,
    options.readUrls.map((readUrl) => openPool(readUrl, options, 1_000)),
  );
  // drizzle only needs query() and connect() of a pool; it recognises one by its class name.
  const db = drizzleNodePg(routing as unknown as pg.Pool, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    migrate,
    ping,
    openChangeFeed: () => {
      const feed = postgresChangeFeed(url);
      routing.follow(feed);
      return feed;
    },
    standbys: () => routing.state(),
    close: () => routing.end(),
  };
}

/**
 * PGlite's PostgreSQL keeps 128 MB of shared buffers inside the server process's WebAssembly
 * memory, resident from the start. 32 MB holds the demo's working set (its tables and indexes are
 * read through the operating system's file cache anyway) and keeps the whole server near 450 MB
 * instead of 550; scans measured no slower.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

function openPglite(dataDir: string): Database {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir, { startParams: PGLITE_START_PARAMS });
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    openChangeFeed: () => pgliteChangeFeed(client),
    standbys: () => [],
    close: () => client.close(),
  };
}

/** Rows of a raw SQL query; both drivers return `{ rows }`, which the shared Db type cannot express. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
