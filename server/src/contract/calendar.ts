import {
  formatDate,
  formatMonth,
  type KpiSetAdmin,
  type MeetingDto,
  type MeetingInput,
  type MeetingUpdate,
  monthEndDate,
  monthToDate,
  type ReliefEventDto,
  type ReliefEventInput,
} from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { audit, auditedChange } from '../audit/auditedChange';
import type { Db } from '../db/database';
import { BadRequestError, ConflictError, NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { meetingDto } from '../meetings/briefingService';
import { findMeeting } from '../publication/meetingRepository';
import { listIndicators, listKpiSets } from '../scorecard/kpiRepository';
import {
  insertMeeting,
  insertReliefEvent,
  listGraceOfSets,
  listReliefEvents,
  listSetMembers,
  updateMeeting,
} from './contractRepository';
import { organisationForChange } from './organisationForChange';

/** KPI sets with their indicators in order and each indicator's grace periods in the set. */
export async function listKpiSetAdmin(db: Db, context: RequestContext): Promise<KpiSetAdmin[]> {
  const organisation = await organisationForChange(context, db);
  const sets = await listKpiSets(db, organisation.id);
  const grace = await listGraceOfSets(
    db,
    sets.map((s) => s.id),
  );
  return Promise.all(
    sets.map(async (set) => ({
      code: set.code,
      name: set.name,
      effectiveFrom: set.effectiveFrom,
      effectiveTo: set.effectiveTo,
      persistentFailureMonths: set.persistentFailureMonths,
      indicators: (await listSetMembers(db, set.id)).map((m) => ({
        code: m.indicator.code,
        title: m.indicator.title,
        theme: m.indicator.theme,
        position: m.position,
        grace: grace
          .filter((g) => g.kpiSetId === set.id && g.indicatorId === m.indicator.id)
          .map((g) => ({ startsOn: g.startsOn, endsOn: g.endsOn, reason: g.reason })),
      })),
    })),
  );
}

export async function listReliefEventDtos(db: Db, context: RequestContext): Promise<ReliefEventDto[]> {
  const organisation = await organisationForChange(context, db);
  return (await listReliefEvents(db, organisation.id)).map((e) => ({
    id: e.id,
    name: e.name,
    reason: e.reason,
    agreedOn: e.agreedOn,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    indicatorCodes: e.indicatorCodes,
  }));
}

/**
 * Records an agreed relief event. It lifts consequences (not ratings) for the named KPIs over its
 * months, so it is recorded directly by a commissioner or administrator, with its reason, and audited.
 */
export async function createReliefEvent(
  db: Db,
  request: FastifyRequest,
  input: ReliefEventInput,
): Promise<ReliefEventDto> {
  return auditedChange(db, request, { action: 'relief_event.create', target: `relief:${input.name}` }, async (tx) => {
    const organisation = await organisationForChange(request.context, tx);
    const problems: { path: string; message: string }[] = [];
    if (input.toMonth < input.fromMonth)
      problems.push({ path: 'body.toMonth', message: 'The last month is before the first month.' });
    const indicators = await listIndicators(tx, organisation.id);
    const ids = input.indicatorCodes.flatMap((code, index) => {
      const found = indicators.find((i) => i.code === code);
      if (!found) problems.push({ path: `body.indicatorCodes.${index}`, message: `There is no indicator ${code}.` });
      return found ? [found.id] : [];
    });
    if (problems.length > 0) throw new BadRequestError(problems.map((p) => p.message).join(' '), problems);
    const row = await insertReliefEvent(
      tx,
      {
        organisationId: organisation.id,
        name: input.name,
        reason: input.reason,
        agreedOn: input.agreedOn,
        startsOn: monthToDate(input.fromMonth),
        endsOn: monthEndDate(input.toMonth),
      },
      [...new Set(ids)],
    );
    await audit(request, tx, 'relief_event.create', `relief:${row.id}`, { ...input });
    return {
      id: row.id,
      name: row.name,
      reason: row.reason,
      agreedOn: row.agreedOn,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      indicatorCodes: [...new Set(input.indicatorCodes)],
    };
  });
}

function checkMonths(from: string, to: string) {
  if (to < from) {
    throw new BadRequestError('The last month covered is before the first.', [
      { path: 'body.monthsTo', message: 'The last month covered is before the first.' },
    ]);
  }
}

/**
 * A meeting receives months that have ended by the day it is held: a meeting on 10 January 2026
 * cannot present September 2026, and publishing it would make months public before they exist.
 */
function checkHeldAfterMonths(heldOn: string, to: string) {
  if (heldOn <= monthEndDate(to)) {
    const message = `The meeting is on ${formatDate(heldOn)}, before ${formatMonth(to)} (the last month it receives) has ended: a meeting receives months that have ended.`;
    throw new BadRequestError(message, [{ path: 'body.heldOn', message }]);
  }
}

export async function createMeeting(db: Db, request: FastifyRequest, input: MeetingInput): Promise<MeetingDto> {
  return auditedChange(db, request, { action: 'meeting.create', target: `meeting:${input.heldOn}` }, async (tx) => {
    const organisation = await organisationForChange(request.context, tx);
    checkMonths(input.monthsFrom, input.monthsTo);
    checkHeldAfterMonths(input.heldOn, input.monthsTo);
    const row = await insertMeeting(tx, {
      organisationId: organisation.id,
      board: input.board,
      heldOn: input.heldOn,
      monthsFrom: monthToDate(input.monthsFrom),
      monthsTo: monthToDate(input.monthsTo),
    });
    await audit(request, tx, 'meeting.create', `meeting ${row.id} (${row.heldOn})`, { ...input });
    return meetingDto(row);
  });
}

/** A meeting can be rescheduled or its months changed until it is published, which locks it. */
export async function editMeeting(
  db: Db,
  request: FastifyRequest,
  id: number,
  changes: MeetingUpdate,
): Promise<MeetingDto> {
  return auditedChange(db, request, { action: 'meeting.update', target: `meeting ${id}` }, async (tx) => {
    const organisation = await organisationForChange(request.context, tx);
    const meeting = await findMeeting(tx, organisation.id, id);
    if (!meeting) throw new NotFoundError(`There is no meeting with id ${id}.`);
    if (meeting.lockedAt) {
      throw new ConflictError(
        'This meeting is published and its months are locked: what was presented cannot change.',
        'meeting_locked',
      );
    }
    const current = meetingDto(meeting);
    const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    checkMonths(next.monthsFrom, next.monthsTo);
    checkHeldAfterMonths(next.heldOn, next.monthsTo);
    const row = await updateMeeting(tx, id, {
      board: next.board,
      heldOn: next.heldOn,
      monthsFrom: monthToDate(next.monthsFrom),
      monthsTo: monthToDate(next.monthsTo),
    });
    await audit(request, tx, 'meeting.update', `meeting ${id} (${row.heldOn})`, {
      before: {
        board: current.board,
        heldOn: current.heldOn,
        monthsFrom: current.monthsFrom,
        monthsTo: current.monthsTo,
      },
      after: changes,
    });
    return meetingDto(row);
  });
}
