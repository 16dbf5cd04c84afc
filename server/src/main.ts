import { ensureDemoAccounts, generateDemoPassword } from './accounts/demoAccounts';
import { buildApp } from './app';
import { loadConfig } from './config';
import { applyMigrations } from './db/appRole';
import { openDatabase } from './db/database';
import { findOrganisation } from './organisations/organisationRepository';
import { seedDemo } from './seedLoader/loadSeed';

// How long to keep serving requests already on the wire after SIGTERM, before closing.
const SHUTDOWN_DRAIN_MS = Number(process.env.SHUTDOWN_DRAIN_MS ?? 1_000);

async function main() {
  const processStarted = performance.now() - process.uptime() * 1000;
  const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
  const config = loadConfig();
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.dbPoolMax,
    readUrls: config.databaseReadUrls,
  });
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
      console.log(`First start in demo mode: seeding from ${config.referenceDir} …`);
      const started = performance.now();
      let report: Awaited<ReturnType<typeof seedDemo>>;
      try {
        report = await seedDemo(database.db, { referenceDir: config.referenceDir });
      } catch (error) {
        // The seed reads every file before it writes, and writes in one transaction: nothing is left half-seeded.
        console.error(`\nCannot seed the demo data. ${error instanceof Error ? error.message : String(error)}\n`);
        await database.close().catch(() => {});
        process.exit(1);
      }
      console.log(
        `Seeded in ${seconds(started)} s (reading the reference files ${(report.loadMs / 1000).toFixed(1)} s, writing ${(report.durationMs / 1000).toFixed(1)} s).`,
      );
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
