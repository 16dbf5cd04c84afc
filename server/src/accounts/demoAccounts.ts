import { randomBytes } from 'node:crypto';
import type { Role } from '@kpi/shared';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Db } from '../db/database';
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

/** Makes sure each demo account exists with this password; returns the usernames. */
export async function ensureDemoAccounts(db: Db, password: string): Promise<string[]> {
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByUsername(db, account.username);
    const upToDate =
      existing?.passwordHash &&
      existing.role === account.role &&
      !existing.disabledAt &&
      (await verifyPassword(existing.passwordHash, password));
    if (!upToDate) await upsertLocalUser(db, { ...account, passwordHash: await hashPassword(password) });
  }
  return DEMO_ACCOUNTS.map((a) => a.username);
}
