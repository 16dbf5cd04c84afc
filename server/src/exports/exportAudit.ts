import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';

/** Every export is written to the audit log as `export.*`: what, by whom, from which request. */
export async function auditExport(
  db: Db,
  request: FastifyRequest,
  action: string,
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(db, { ...request.context.auditActor(), action, target, details });
}
