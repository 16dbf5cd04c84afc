import { createHash } from 'node:crypto';
import type { ScheduleProblem, ScheduleUpload } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { audit, auditedChange } from '../../audit/auditedChange';
import type { Db } from '../../db/database';
import { ConflictError, NotFoundError } from '../../errors';
import type { RequestContext } from '../../http/requestContext';
import { findScheduleUpload, insertScheduleUpload, markScheduleConfirmed } from '../contractRepository';
import { recordIndicator } from '../indicatorAdmin';
import { organisationForChange } from '../organisationForChange';
import { recordSetProposal, recordThresholdProposal, whoIsAsking } from '../proposals';
import { type PlannedSchedule, planSchedule } from './planSchedule';
import { readScheduleFile } from './readSchedule';

type Stored = PlannedSchedule & { problems: ScheduleProblem[] };

function toDto(row: NonNullable<Awaited<ReturnType<typeof findScheduleUpload>>>): ScheduleUpload {
  const summary = row.summary as Stored | null;
  const commit = row.commit as { proposalIds?: number[] } | null;
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.outcome === 'committed' ? 'confirmed' : row.outcome === 'validated' ? 'ready' : 'rejected',
    problems: summary?.problems ?? [],
    plan: summary?.plan ?? null,
    proposalIds: commit?.proposalIds ?? [],
  };
}

const REASON = (fileName: string) => `Contract schedule uploaded as ${fileName}`;

/**
 * Reads and checks a contract schedule and stores what confirming it would do. Nothing else is
 * written: the library, the sets and the bands are unchanged until the upload is confirmed, and
 * even then set and band changes wait for a second person's approval.
 */
export async function previewSchedule(
  db: Db,
  request: FastifyRequest,
  file: { fileName: string; bytes: Buffer },
): Promise<ScheduleUpload> {
  const user = whoIsAsking(request);
  const organisation = await organisationForChange(request.context, db);
  const read = await readScheduleFile(file.bytes);
  const planned =
    read.rows.length > 0
      ? await db.transaction((tx) => planSchedule(tx, organisation.id, read.rows, REASON(file.fileName)))
      : null;
  const problems = [...read.problems, ...(planned?.problems ?? [])];
  const ok = problems.length === 0 && planned !== null;
  const row = await db.transaction(async (tx) => {
    const inserted = await insertScheduleUpload(tx, {
      organisationId: organisation.id,
      fileName: file.fileName,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      byteSize: file.bytes.length,
      uploadedBy: user.id,
      outcome: ok ? 'validated' : 'rejected',
      summary: { problems, plan: planned?.plan ?? null, apply: planned?.apply ?? null },
    });
    await audit(request, tx, 'schedule.upload', `schedule_upload:${inserted.id}`, {
      fileName: file.fileName,
      outcome: inserted.outcome,
      problems: problems.length,
    });
    return inserted;
  });
  return toDto(row);
}

export async function getScheduleUpload(db: Db, context: RequestContext, id: number): Promise<ScheduleUpload> {
  const organisation = await organisationForChange(context, db);
  const row = await findScheduleUpload(db, organisation.id, id);
  if (!row) throw new NotFoundError(`There is no schedule upload ${id}.`);
  return toDto(row);
}

/**
 * Adds the new indicators and records the set and band proposals, in one transaction. The plan is
 * checked again first: if anything changed since the preview, nothing is written and the upload
 * must be checked again.
 */
export async function confirmSchedule(db: Db, request: FastifyRequest, id: number): Promise<ScheduleUpload> {
  const user = whoIsAsking(request);
  return auditedChange(db, request, { action: 'schedule.confirm', target: `schedule_upload:${id}` }, async (tx) => {
    const organisation = await organisationForChange(request.context, tx);
    const row = await findScheduleUpload(tx, organisation.id, id, true);
    if (!row) throw new NotFoundError(`There is no schedule upload ${id}.`);
    if (row.outcome === 'committed')
      throw new ConflictError('This schedule was already confirmed.', 'already_confirmed');
    const stored = row.summary as Stored | null;
    if (row.outcome !== 'validated' || !stored?.apply) {
      throw new ConflictError('This schedule has problems: correct the file and upload it again.', 'has_problems');
    }
    for (const indicator of stored.apply.indicators) await recordIndicator(tx, request, organisation.id, indicator);
    const proposalIds: number[] = [];
    for (const set of stored.apply.sets)
      proposalIds.push(await recordSetProposal(tx, request, user, organisation.id, set));
    for (const band of stored.apply.bands) {
      proposalIds.push(await recordThresholdProposal(tx, request, user, organisation.id, band));
    }
    await markScheduleConfirmed(tx, id, { proposalIds, confirmedBy: user.id, confirmedAt: new Date().toISOString() });
    await audit(request, tx, 'schedule.confirm', `schedule_upload:${id}`, {
      indicatorsAdded: stored.apply.indicators.map((i) => i.code),
      proposalIds,
    });
    return toDto((await findScheduleUpload(tx, organisation.id, id))!);
  });
}
