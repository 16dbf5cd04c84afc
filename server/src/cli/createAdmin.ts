import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { codePointLength, PASSWORD_RECOMMENDED_LENGTH, passwordProblems } from '@kpi/shared';
import { countAdmins, insertLocalUser } from '../accounts/usersRepository';
import { hashPassword } from '../auth/passwords';
import { loadConfig } from '../config';
import { applyMigrations } from '../db/appRole';
import { openDatabase } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { grantMembership } from '../organisations/membershipRepository';
import { findOrganisation } from '../organisations/organisationRepository';

// One-time: creates the first administrator of a production install, and refuses once one exists.
const { values } = parseArgs({
  options: { username: { type: 'string' }, name: { type: 'string' } },
});
if (!values.username) {
  console.error(
    'Usage: pnpm create-admin --username <name> [--name "Display Name"]  (password from ADMIN_PASSWORD or prompt)',
  );
  process.exit(2);
}

const password = process.env.ADMIN_PASSWORD ?? (await prompt('Password for the new administrator: '));
const problems = passwordProblems(password, { username: values.username });
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(2);
}
if (codePointLength(password) < PASSWORD_RECOMMENDED_LENGTH) {
  console.warn(`Accepted, but ${PASSWORD_RECOMMENDED_LENGTH} or more characters is recommended for an administrator.`);
}

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await applyMigrations(database, config.databaseMigrationUrl);
  if ((await countAdmins(database.db)) > 0) {
    console.error('An administrator already exists; this command only creates the first one.');
    process.exitCode = 1;
  } else {
    const admin = await insertLocalUser(database.db, {
      username: values.username,
      displayName: values.name ?? values.username,
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
    // Before any organisation exists they administer the installation; setting one up makes them its administrator.
    const organisation = await findOrganisation(database.db);
    if (organisation) {
      await withTenantScope([organisation.id], () =>
        grantMembership(database.db, { userId: admin.id, organisationId: organisation.id, role: 'admin' }),
      );
    }
    console.log(`Administrator "${values.username}" created.`);
  }
} finally {
  await database.close();
}

async function prompt(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}
