import {
  addMonths,
  dateToMonth,
  endingsChangedSinceProposed,
  graceEndingWithSet,
  type KpiSetChange,
  type KpiSetProposalInput,
  kpiSetProposalInputSchema,
  monthEndDate,
  monthToDate,
  placeKpiSet,
  type SetEndingDto,
} from '@kpi/shared';
import type { Tx } from '../db/database';
import { BadRequestError, ConflictError } from '../errors';
import { listIndicators, listKpiSets } from '../scorecard/kpiRepository';
import {
  endGraceWithSet,
  endKpiSet,
  findKpiSetByCode,
  listGraceOfSets,
  listSetMembers,
  lockedThrough,
  writeKpiSet,
} from './contractRepository';

type FieldProblem = { path: string; message: string };

/**
 * Turns a proposed KPI set into exactly what approval will write: months as dates, carried-over
 * indicators first, grace periods as date ranges. Every problem with the request is reported at once.
 */
export async function resolveSetChange(
  tx: Tx,
  organisationId: number,
  raw: KpiSetProposalInput,
): Promise<KpiSetChange> {
  const input = kpiSetProposalInputSchema.parse(raw);
  const problems: FieldProblem[] = [];
  const effectiveFrom = monthToDate(input.effectiveFrom);
  const effectiveTo = input.effectiveTo ? monthEndDate(input.effectiveTo) : null;
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom) {
    problems.push({ path: 'body.effectiveTo', message: 'The last month is before the first month.' });
  }
  const codes: string[] = [];
  if (input.carryOverFrom) {
    const earlier = await findKpiSetByCode(tx, organisationId, input.carryOverFrom);
    if (!earlier) problems.push({ path: 'body.carryOverFrom', message: `There is no KPI set ${input.carryOverFrom}.` });
    else codes.push(...(await listSetMembers(tx, earlier.id)).map((m) => m.indicator.code));
  }
  const known = new Set((await listIndicators(tx, organisationId)).map((i) => i.code));
  input.indicatorCodes.forEach((code, index) => {
    if (!known.has(code))
      problems.push({ path: `body.indicatorCodes.${index}`, message: `There is no indicator ${code}.` });
    if (!codes.includes(code)) codes.push(code);
  });
  const grace = input.grace.flatMap((g, index) => {
    if (!codes.includes(g.indicatorCode)) {
      problems.push({ path: `body.grace.${index}.indicatorCode`, message: `${g.indicatorCode} is not in this set.` });
      return [];
    }
    const first = g.fromMonth ?? input.effectiveFrom;
    const last = addMonths(first, g.months - 1);
    if (first < input.effectiveFrom || (input.effectiveTo && last > input.effectiveTo)) {
      problems.push({
        path: `body.grace.${index}.fromMonth`,
        message: `The grace period for ${g.indicatorCode} (${first} to ${last}) falls outside the set's months.`,
      });
      return [];
    }
    return [{ indicatorCode: g.indicatorCode, startsOn: monthToDate(first), endsOn: monthEndDate(last) }];
  });
  if (problems.length > 0) throw new BadRequestError(problems.map((p) => p.message).join(' '), problems);
  const existing = await findKpiSetByCode(tx, organisationId, input.code);
  return {
    code: input.code,
    name: input.name,
    effectiveFrom,
    effectiveTo,
    persistentFailureMonths: input.persistentFailureMonths,
    indicatorCodes: codes,
    grace,
    replaces: existing !== undefined,
    ends: [],
  };
}

/**
 * Refuses a set change that would rewrite months a published meeting has covered (the set's first
 * month cannot move, its last month cannot move from or to one of them, and no indicator can leave it) or that would make
 * two sets rate one month; answers the open-ended sets approving it ends. Checked when the change
 * is proposed and again when it is approved (a meeting may have been published in between).
 */
export async function checkSetChange(tx: Tx, organisationId: number, change: KpiSetChange): Promise<SetEndingDto[]> {
  const lockedDate = await lockedThrough(tx, organisationId);
  const locked = lockedDate ? dateToMonth(lockedDate) : null;
  const held = await listKpiSets(tx, organisationId);
  const placed = placeKpiSet(
    held.map((set) => ({
      code: set.code,
      name: set.name,
      from: dateToMonth(set.effectiveFrom),
      to: set.effectiveTo ? dateToMonth(set.effectiveTo) : null,
    })),
    {
      code: change.code,
      name: change.name,
      from: dateToMonth(change.effectiveFrom),
      to: change.effectiveTo ? dateToMonth(change.effectiveTo) : null,
    },
    locked,
  );
  if (!placed.ok) throw new ConflictError(placed.message, placed.code);
  const ends = await withGraceTrims(
    tx,
    organisationId,
    held,
    placed.ends.map((e) => ({ code: e.code, name: e.name, effectiveTo: monthEndDate(e.lastMonth) })),
  );
  const existing = held.find((set) => set.code === change.code);
  if (!existing || !locked || locked < dateToMonth(existing.effectiveFrom)) return ends;
  const reasons: string[] = [];
  if (change.effectiveFrom !== existing.effectiveFrom) reasons.push('its first month cannot move');
  // Its last month may move only among months no published meeting has covered: from one, or to one,
  // would change which set rated a month the board received. Kept as it is, it may be any month.
  const lastMonths = [change.effectiveTo, existing.effectiveTo].map((d) => (d ? dateToMonth(d) : null));
  if (lastMonths[0] !== lastMonths[1] && lastMonths.some((m) => m !== null && m < locked))
    reasons.push(
      `its last month cannot move from ${lastMonths[1] ?? 'open-ended'} to ${lastMonths[0] ?? 'open-ended'}`,
    );
  const members = await listSetMembers(tx, existing.id);
  const dropped = members.map((m) => m.indicator.code).filter((code) => !change.indicatorCodes.includes(code));
  if (dropped.length > 0) reasons.push(`${dropped.join(', ')} cannot leave it`);
  if (reasons.length > 0) {
    throw new ConflictError(
      `A published meeting has covered ${change.code}'s months up to ${locked}, so ${reasons.join('; ')}. Start a new set from a later month instead.`,
      'months_published',
    );
  }
  return ends;
}

/** The ended sets with the grace periods that ending them cuts short (their grace ends with them). */
async function withGraceTrims(
  tx: Tx,
  organisationId: number,
  held: Awaited<ReturnType<typeof listKpiSets>>,
  ends: Omit<SetEndingDto, 'graceTrimmed'>[],
): Promise<SetEndingDto[]> {
  if (ends.length === 0) return [];
  const codeOf = new Map((await listIndicators(tx, organisationId)).map((i) => [i.id, i.code]));
  const result: SetEndingDto[] = [];
  for (const end of ends) {
    const set = held.find((s) => s.code === end.code)!;
    const grace = (await listGraceOfSets(tx, [set.id])).map((g) => ({
      indicatorCode: codeOf.get(g.indicatorId) ?? String(g.indicatorId),
      startsOn: g.startsOn,
      endsOn: g.endsOn,
    }));
    result.push({ ...end, graceTrimmed: graceEndingWithSet(grace, end.effectiveTo) });
  }
  return result;
}

/**
 * Writes the set and ends the open-ended sets it follows; answers the set and those it ended.
 * `saidEnds`: what the proposal said approving it would end (absent from proposals made before it
 * said so); approval is refused when that is no longer what it would do.
 */
export async function applySetChange(
  tx: Tx,
  organisationId: number,
  change: KpiSetChange,
  reason: string,
  saidEnds?: readonly SetEndingDto[],
) {
  const ends = await checkSetChange(tx, organisationId, change);
  const changed = saidEnds ? endingsChangedSinceProposed(saidEnds, ends) : null;
  if (changed) throw new ConflictError(changed, 'proposal_outdated');
  const indicators = await listIndicators(tx, organisationId);
  const idOf = (code: string) => {
    const found = indicators.find((i) => i.code === code);
    if (!found) throw new ConflictError(`The indicator ${code} no longer exists.`);
    return found.id;
  };
  const set = await writeKpiSet(tx, {
    organisationId,
    code: change.code,
    name: change.name,
    effectiveFrom: change.effectiveFrom,
    effectiveTo: change.effectiveTo,
    persistentFailureMonths: change.persistentFailureMonths,
    indicatorIds: change.indicatorCodes.map(idOf),
    grace: change.grace.map((g) => ({
      indicatorId: idOf(g.indicatorCode),
      startsOn: g.startsOn,
      endsOn: g.endsOn,
      reason: `Grace period in ${change.code}: ${reason}`,
    })),
  });
  for (const end of ends) {
    await endKpiSet(tx, organisationId, end.code, end.effectiveTo);
    // Its grace was granted by the set: it ends with it (the audit entry lists each one, in `ends`).
    const ended = await findKpiSetByCode(tx, organisationId, end.code);
    if (ended) await endGraceWithSet(tx, ended.id, end.effectiveTo);
  }
  return { set, ends };
}
