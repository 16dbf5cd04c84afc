import { formatMonth, monthToDate, type SpcRebaseCreate, type SpcRebaseDto } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import { ConflictError, NotFoundError } from '../errors';
import { findIndicatorForOrganisation } from '../scorecard/indicatorService';
import {
  deleteSpcRebase,
  findSpcRebase,
  findSpcRebaseByMonth,
  insertSpcRebase,
  listSpcRebases,
} from './spcRebaseRepository';
import { rebaseDto } from './spcService';

/** Records that an indicator's SPC limits start afresh from a month, with the reason; audited. */
export async function createSpcRebase(
  db: Db,
  request: FastifyRequest,
  code: string,
  input: SpcRebaseCreate,
): Promise<SpcRebaseDto> {
  const indicator = await findIndicatorForOrganisation(db, request.context, code);
  const month = monthToDate(input.month);
  return db.transaction(async (tx) => {
    if (await findSpcRebaseByMonth(tx, indicator.id, month)) {
      throw new ConflictError(
        `${indicator.code} already has its limits recalculated from ${formatMonth(input.month)}.`,
      );
    }
    const id = await insertSpcRebase(tx, {
      indicatorId: indicator.id,
      month,
      reason: input.reason,
      createdBy: request.user?.id ?? null,
    });
    await recordAudit(tx, {
      ...request.context.auditActor(),
      action: 'spc.rebase.create',
      target: `indicator ${indicator.code} from ${input.month}`,
      details: { reason: input.reason },
    });
    const row = (await listSpcRebases(tx, [indicator.id])).find((r) => r.id === id)!;
    return rebaseDto(row);
  });
}

/** Withdraws a rebase point (the limits then run on across it); audited with the reason it had. */
export async function withdrawSpcRebase(db: Db, request: FastifyRequest, code: string, id: number): Promise<void> {
  const indicator = await findIndicatorForOrganisation(db, request.context, code);
  await db.transaction(async (tx) => {
    const row = await findSpcRebase(tx, indicator.id, id);
    if (!row) throw new NotFoundError(`${indicator.code} has no rebase point with id ${id}.`);
    await deleteSpcRebase(tx, row.id);
    await recordAudit(tx, {
      ...request.context.auditActor(),
      action: 'spc.rebase.withdraw',
      target: `indicator ${indicator.code} from ${row.month.slice(0, 7)}`,
      details: { reason: row.reason },
    });
  });
}
