import { randomBytes } from 'node:crypto';
import type { Role } from '@kpi/shared';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Db } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { grantMembership, membershipIn } from '../organisations/membershipRepository';
import { findOrganisation } from '../organisations/organisationRepository';
import { findUserByUsername, upsertLocalUser } from './usersRepository';

export const DEMO_ACCOUNTS: ReadonlyArray<{ username: Role; displayName: string; role: Role }> = [
  { username: 'viewer', displayName: 'Scrutiny councillor (demo)', role: 'viewer' },
  { username: 'commissioner', displayName: 'Commissioning manager (demo)', role: 'commissioner' },
  { username: 'analyst', displayName: 'Trust analyst (demo)', role: 'analyst' },
  { username: 'admin', displayName: 'Administrator (demo)', role: 'admin' },
];

export function generateDemoPassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Makes sure each demo account exists with this password, with its role in the deployment's
 * default organisation (once there is one: the seed gives accounts made before it their role
 * there); returns the usernames.
 */
export async function ensureDemoAccounts(db: Db, password: string): Promise<string[]> {
  const organisation = await findOrganisation(db);
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByUsername(db, account.username);
    const upToDate =
      existing?.passwordHash &&
      existing.role === account.role &&
      !existing.disabledAt &&
      (await verifyPassword(existing.passwordHash, password));
    const user = upToDate
      ? existing
      : await upsertLocalUser(db, { ...account, passwordHash: await hashPassword(password) });
    if (organisation) {
      // Run at start-up, outside any request: the organisation's scope, for row-level security.
      await withTenantScope([organisation.id], async () => {
        const membership = await membershipIn(db, user.id, organisation.id);
        if (membership?.role !== account.role) {
          const preRelease = membership?.preRelease ?? false;
          await grantMembership(db, {
            userId: user.id,
            organisationId: organisation.id,
            role: account.role,
            preRelease,
          });
        }
      });
    }
  }
  return DEMO_ACCOUNTS.map((a) => a.username);
}
