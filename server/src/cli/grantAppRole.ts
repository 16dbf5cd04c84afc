import { loadConfig } from '../config';
import { grantAppRole } from '../db/appRole';
import { openDatabase } from '../db/database';

// Grants an application role its restricted rights (no UPDATE/DELETE/TRUNCATE on the audit log or
// revisions). Connects as the owner: DATABASE_MIGRATION_URL, else DATABASE_URL.
const role = process.argv[2];
if (!role) {
  console.error('Usage: pnpm db:grant-app-role <role>   (runs as DATABASE_MIGRATION_URL, else DATABASE_URL)');
  process.exit(2);
}
const config = loadConfig();
const ownerUrl = config.databaseMigrationUrl ?? config.databaseUrl;
if (!ownerUrl) {
  console.error(
    'Set DATABASE_MIGRATION_URL (or DATABASE_URL) to the PostgreSQL database whose tables the role may use.',
  );
  process.exit(2);
}
const owner = openDatabase({ databaseUrl: ownerUrl, poolMax: 1 });
try {
  await grantAppRole(owner.db, role);
  console.log(
    `Granted ${role}: read/write on ordinary tables; SELECT and INSERT only on audit_log and observation_revisions.`,
  );
} catch (error) {
  console.error(`Could not grant ${role}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await owner.close();
}
