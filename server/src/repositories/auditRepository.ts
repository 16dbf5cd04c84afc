import type { DbOrTx } from '../db/database';
import { auditLog } from '../db/schema';

export interface AuditEntry {
  action: string;
  userId?: number | null;
  username?: string | null;
  target?: string | null;
  outcome?: 'success' | 'failure' | 'refused';
  details?: Record<string, unknown> | null;
  requestId?: string | null;
  ipAddress?: string | null;
}

export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    userId: entry.userId ?? null,
    username: entry.username ?? null,
    target: entry.target ?? null,
    outcome: entry.outcome ?? 'success',
    details: entry.details ?? null,
    requestId: entry.requestId ?? null,
    ipAddress: entry.ipAddress ?? null,
  });
}
