import { loadConfig } from '../config';
import { applyMigrations } from '../db/appRole';
import { openDatabase } from '../db/database';

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const roles = await applyMigrations(database, config.databaseMigrationUrl);
  const grants = roles.migratedAs === roles.appRole ? '' : `; rights granted to ${roles.appRole}`;
  console.log(`Migrations applied (${database.driver}, as ${roles.migratedAs}${grants}).`);
  await database.close();
} catch (error) {
  console.error('Migration failed:', error);
  await database.close().catch(() => {});
  process.exit(1);
}
