import { loadConfig } from '../config';
import { applyMigrations } from '../db/appRole';
import { openDatabase } from '../db/database';
import { seedDemo } from '../seedLoader/loadSeed';

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await applyMigrations(database, config.databaseMigrationUrl);
  const started = Date.now();
  const report = await seedDemo(database.db, { referenceDir: config.referenceDir });
  console.log(report);
  console.log(`Seeded (${database.driver}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  await database.close();
} catch (error) {
  console.error('Seed failed:', error);
  await database.close().catch(() => {});
  process.exit(1);
}
