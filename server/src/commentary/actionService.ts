import {
  type ActionListResponse,
  actionIsLate,
  type CreateActionRequest,
  dateToMonth,
  type KpiAction,
  monthToDate,
  type UpdateActionRequest,
} from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import { BadRequestError, NotFoundError } from '../errors';
import { listMeetings } from '../publication/meetingRepository';
import { publicationOf, type Reader, readerFrom, Visibility } from '../publication/publication';
import type { IndicatorRow } from '../scorecard/kpiRepository';
import { type ActionRow, findActionRow, insertAction, listActions, updateActionRow } from './actionRepository';

/** "Today" in the UK, as a date, for deciding lateness. */
export function ukToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

export function actionDto(row: ActionRow, code: string, today: string): KpiAction {
  const { action } = row;
  return {
    id: action.id,
    code,
    description: action.description,
    owner: action.owner,
    dueOn: action.dueOn,
    status: action.status,
    late: actionIsLate(action, today),
    months: [...action.months].sort().map(dateToMonth),
    createdBy: row.createdBy,
    createdAt: action.createdAt.toISOString(),
    updatedBy: row.updatedBy,
    updatedAt: action.updatedAt.toISOString(),
  };
}

/** The actions of some KPIs that this reader may see (pre-release rules by linked month). */
export async function visibleActions(
  db: Db,
  reader: Reader,
  indicators: readonly IndicatorRow[],
): Promise<Map<number, KpiAction[]>> {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const rows = await listActions(
    db,
    indicators.map((i) => i.id),
  );
  const organisationId = indicators[0]?.organisationId;
  const result = new Map<number, KpiAction[]>();
  if (organisationId === undefined) return result;
  const publication = publicationOf(await listMeetings(db, organisationId), reader.now);
  const today = ukToday(reader.now);
  for (const row of new Visibility(publication, reader).attached(rows, (r) => r.action.months.map(dateToMonth))) {
    const indicator = byId.get(row.action.indicatorId)!;
    const list = result.get(indicator.id) ?? [];
    list.push(actionDto(row, indicator.code, today));
    result.set(indicator.id, list);
  }
  return result;
}

export async function listKpiActions(db: Db, reader: Reader, indicator: IndicatorRow): Promise<ActionListResponse> {
  const actions = (await visibleActions(db, reader, [indicator])).get(indicator.id) ?? [];
  return { code: indicator.code, actions };
}

function checkMonths(months: readonly string[] | undefined) {
  return months ? [...new Set(months)].sort().map(monthToDate) : undefined;
}

export async function createKpiAction(
  db: Db,
  request: FastifyRequest,
  indicator: IndicatorRow,
  body: CreateActionRequest,
): Promise<KpiAction> {
  const user = request.user!;
  const reader = readerFrom(db, request);
  const fields = {
    description: body.description.trim(),
    owner: body.owner.trim(),
    dueOn: body.dueOn,
    status: body.status ?? 'open',
    months: checkMonths(body.months)!,
  };
  const id = await db.transaction(async (tx) => {
    const created = await insertAction(tx, indicator.id, fields, user.id, reader.now);
    await recordAudit(tx, {
      ...request.context.auditActor(),
      action: 'action.create',
      target: `action ${created} (${indicator.code})`,
      details: { ...fields },
    });
    return created;
  });
  return findVisibleAction(db, reader, indicator, id);
}

export async function updateKpiAction(
  db: Db,
  request: FastifyRequest,
  indicator: IndicatorRow,
  id: number,
  body: UpdateActionRequest,
): Promise<KpiAction> {
  const user = request.user!;
  const reader = readerFrom(db, request);
  const fields = {
    ...(body.description !== undefined ? { description: body.description.trim() } : {}),
    ...(body.owner !== undefined ? { owner: body.owner.trim() } : {}),
    ...(body.dueOn !== undefined ? { dueOn: body.dueOn } : {}),
    ...(body.status !== undefined ? { status: body.status } : {}),
    ...(body.months !== undefined ? { months: checkMonths(body.months)! } : {}),
  };
  if (Object.keys(fields).length === 0) throw new BadRequestError('Nothing to change: send at least one field.');
  await db.transaction(async (tx) => {
    const before = await findActionRow(tx, id);
    if (!before || before.indicatorId !== indicator.id) {
      throw new NotFoundError(`There is no action ${id} for ${indicator.code}.`);
    }
    await updateActionRow(tx, id, indicator.id, fields, user.id, reader.now);
    const changed = Object.fromEntries(
      Object.entries(fields).map(([key, value]) => [key, { from: before[key as keyof typeof before], to: value }]),
    );
    await recordAudit(tx, {
      ...request.context.auditActor(),
      action: 'action.update',
      target: `action ${id} (${indicator.code})`,
      details: changed,
    });
  });
  return findVisibleAction(db, reader, indicator, id);
}

async function findVisibleAction(db: Db, reader: Reader, indicator: IndicatorRow, id: number): Promise<KpiAction> {
  const { actions } = await listKpiActions(db, reader, indicator);
  const found = actions.find((a) => a.id === id);
  if (!found) throw new NotFoundError(`There is no action ${id} for ${indicator.code} that you may see.`);
  return found;
}
