import { existsSync, readdirSync } from 'node:fs';
import { ensureDemoAccounts, generateDemoPassword } from './accounts/demoAccounts';
import { buildApp } from './app';
import { loadConfig } from './config';
import { applyMigrations } from './db/appRole';
import { type Database, openDatabase } from './db/database';
import { findOrganisation } from './organisations/organisationRepository';
import { seedInChildProcess } from './seedLoader/seedProcess';

// How long to keep serving requests already on the wire after SIGTERM, before closing.
const SHUTDOWN_DRAIN_MS = Number(process.env.SHUTDOWN_DRAIN_MS ?? 1_000);

function isEmptyFolder(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

async function seedOrExit(referenceDir: string, database?: Database): Promise<void> {
  console.log(`First start in demo mode: seeding from ${referenceDir} …`);
  if ((await seedInChildProcess()) === 0) return;
  // The seed process has said why, in one paragraph; it writes in one transaction, so nothing is
  // left half-seeded and the next start seeds again.
  await database?.close().catch(() => {});
  process.exit(1);
}

async function main() {
  const processStarted = performance.now() - process.uptime() * 1000;
  const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
  const config = loadConfig();
  const open = () =>
    openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolMax: config.dbPoolMax,
      readUrls: config.databaseReadUrls,
    });
  // A fresh embedded database is seeded by its own process before this one opens it, so this one
  // never holds the seed's memory (see seedProcess.ts).
  if (config.demoMode && !config.databaseUrl && isEmptyFolder(config.dataDir)) await seedOrExit(config.referenceDir);
  let database = open();
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`Database: ${where}`);
  if (config.databaseReadUrls.length > 0) {
    if (!config.databaseUrl) {
      console.error('DATABASE_READ_URL names standbys of DATABASE_URL; set DATABASE_URL too.');
      process.exit(1);
    }
    console.log(`Reads: ${config.databaseReadUrls.length} standby(s) (DATABASE_READ_URL), writes to the primary.`);
  }

  try {
    const migrationStarted = performance.now();
    const roles = await applyMigrations(database, config.databaseMigrationUrl);
    console.log(`Database opened and migrations applied in ${seconds(migrationStarted)} s.`);
    if (roles.migratedAs !== roles.appRole) {
      console.log(
        `Migrated as ${roles.migratedAs}; the application runs as ${roles.appRole} (no UPDATE/DELETE on the audit log).`,
      );
    }
  } catch (error) {
    console.error('Migration failed; the server will not start.', error);
    await database.close().catch(() => {});
    process.exit(1);
  }

  if (config.demoMode) {
    if (!(await findOrganisation(database.db))) {
      // The embedded database is one process's: this one lets go while the seed process writes.
      if (database.driver === 'pglite') await database.close();
      await seedOrExit(config.referenceDir, database);
      if (database.driver === 'pglite') database = open();
    }
    const password = config.demoPassword ?? generateDemoPassword();
    const usernames = await ensureDemoAccounts(database.db, password);
    console.log(`Demo accounts: ${usernames.join(', ')} — password: ${password}`);
    if (!config.demoPassword) console.log('(A new password is generated at each start; set DEMO_PASSWORD to fix it.)');
  }

  const app = await buildApp({ config, database, logger: { level: config.logLevel }, warmUploadReaders: true });

  let closing = false;
  // From the signal on, every response closes its connection, so keep-alive clients leave as
  // their requests finish instead of sending more on a connection about to be closed.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // Requests already received but not yet read are served during a short drain; close() alone
    // would reset every connection that has no request in progress.
    await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DRAIN_MS));
    // Connections that finish a response after close() began would otherwise linger until the
    // keep-alive timeout: close each one as soon as it is idle.
    const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
    try {
      await app.close();
      clearInterval(sweeper);
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `Children's services KPI dashboard: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/ (ready ${seconds(processStarted)} s after the process started)`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
