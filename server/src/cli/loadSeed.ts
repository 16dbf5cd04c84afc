/**
 * `pnpm db:seed`, and the server's first start in demo mode (see seedLoader/seedProcess.ts):
 * applies the migrations, writes the demo data set, and says in one paragraph what went wrong if
 * it could not (a missing reference file names the file and REFERENCE_DIR; no stack trace).
 * The seed writes in one transaction, so a failure leaves nothing half-seeded.
 */
import { loadConfig } from '../config';
import { applyMigrations } from '../db/appRole';
import { openDatabase } from '../db/database';
import { seedDemo } from '../seedLoader/loadSeed';

const seconds = (ms: number) => (ms / 1000).toFixed(1);

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const started = performance.now();
try {
  await applyMigrations(database, config.databaseMigrationUrl);
  const report = await seedDemo(database.db, { referenceDir: config.referenceDir });
  await database.close();
  console.log(
    `Seeded in ${seconds(performance.now() - started)} s (reading the reference files ${seconds(report.loadMs)} s, writing ${seconds(report.durationMs)} s).`,
  );
} catch (error) {
  console.error(`\nCannot seed the demo data. ${error instanceof Error ? error.message : String(error)}\n`);
  await database.close().catch(() => {});
  process.exit(1);
}
