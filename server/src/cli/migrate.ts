import { loadConfig } from '../config';
import { openDatabase } from '../db/database';

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await database.migrate();
  console.log(`Migrations applied (${database.driver}).`);
  await database.close();
} catch (error) {
  console.error('Migration failed:', error);
  await database.close().catch(() => {});
  process.exit(1);
}
