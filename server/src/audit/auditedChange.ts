import type { FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/database';
import { AppError, ConflictError } from '../errors';
import { recordAudit } from './auditRepository';

/**
 * Runs a change (to the contract, a council's set-up, its people) in one transaction. A refusal (any AppError, or a
 * unique-key clash, which becomes a 409 with `duplicate`) rolls the change back and is then written
 * to the audit log outside the transaction, so the refusal itself is kept.
 */
export async function auditedChange<T>(
  db: Db,
  request: FastifyRequest,
  refusal: { action: string; target: string; duplicate?: string },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (error) {
    const known =
      error instanceof AppError
        ? error
        : isUniqueViolation(error)
          ? new ConflictError(refusal.duplicate ?? 'That already exists.')
          : null;
    if (!known) throw error;
    await recordAudit(db, {
      ...request.context.auditActor(),
      action: refusal.action,
      target: refusal.target,
      outcome: 'refused',
      details: { status: known.status, reason: known.message, fields: known.fieldErrors?.map((f) => f.path) ?? [] },
    });
    throw known;
  }
}

function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function audit(
  request: FastifyRequest,
  tx: Tx,
  action: string,
  target: string,
  details?: Record<string, unknown>,
) {
  return recordAudit(tx, { ...request.context.auditActor(), action, target, details: details ?? null });
}
