import type { IndicatorAdmin, IndicatorInput, IndicatorUpdate } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { audit, auditedChange } from '../audit/auditedChange';
import type { Db, Tx } from '../db/database';
import { ConflictError, NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { findIndicatorByCode, type IndicatorRow, listIndicators } from '../scorecard/kpiRepository';
import { indicatorIdsInUse, insertIndicator, updateIndicator } from './contractRepository';
import { organisationForChange } from './organisationForChange';

/**
 * Fields that decide how a month's figure is rated and shown (`75.0%` vs `75%`, which way is
 * better, how it aggregates). Once an indicator has figures or bands they are fixed: changing them
 * would re-rate and re-print months already reported. A changed definition of that kind is a new
 * indicator with a new code; the old one keeps its history.
 */
const FIXED_ONCE_IN_USE = ['unit', 'precision', 'polarity', 'measureType'] as const;

export function indicatorTarget(code: string): string {
  return `indicator:${code}`;
}

function toAdmin(row: IndicatorRow, inUse: boolean): IndicatorAdmin {
  return {
    code: row.code,
    title: row.title,
    shortTitle: row.shortTitle,
    definition: row.definition,
    whyItMatters: row.whyItMatters,
    theme: row.theme,
    unit: row.unit,
    polarity: row.polarity,
    precision: row.precision,
    measureType: row.measureType,
    numeratorLabel: row.numeratorLabel,
    denominatorLabel: row.denominatorLabel,
    comparatorMeasure: row.comparatorMeasure,
    comparatorDifference: row.comparatorDifference,
    inUse,
  };
}

export async function listIndicatorAdmin(db: Db, context: RequestContext): Promise<IndicatorAdmin[]> {
  const organisation = await organisationForChange(context, db);
  const rows = await listIndicators(db, organisation.id);
  const inUse = await indicatorIdsInUse(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toAdmin(row, inUse.has(row.id)));
}

/** Adds an indicator inside the caller's transaction, audited. */
export async function recordIndicator(
  tx: Tx,
  request: FastifyRequest,
  organisationId: number,
  input: IndicatorInput,
): Promise<IndicatorAdmin> {
  if (await findIndicatorByCode(tx, organisationId, input.code)) {
    throw new ConflictError(`There is already an indicator with the code ${input.code}.`);
  }
  const row = await insertIndicator(tx, {
    organisationId,
    code: input.code,
    title: input.title,
    shortTitle: input.shortTitle ?? null,
    definition: input.definition,
    whyItMatters: input.whyItMatters,
    theme: input.theme,
    unit: input.unit,
    polarity: input.polarity,
    precision: input.precision,
    measureType: input.measureType,
    numeratorLabel: input.numeratorLabel ?? null,
    denominatorLabel: input.denominatorLabel ?? null,
    comparatorMeasure: input.comparatorMeasure ?? null,
    comparatorDifference: input.comparatorDifference || null,
  });
  await audit(request, tx, 'indicator.create', indicatorTarget(input.code), { indicator: toAdmin(row, false) });
  return toAdmin(row, false);
}

export async function createIndicator(db: Db, request: FastifyRequest, input: IndicatorInput): Promise<IndicatorAdmin> {
  return auditedChange(
    db,
    request,
    {
      action: 'indicator.create',
      target: indicatorTarget(input.code),
      duplicate: `There is already an indicator with the code ${input.code}.`,
    },
    async (tx) => recordIndicator(tx, request, (await organisationForChange(request.context, tx)).id, input),
  );
}

/**
 * Edits an indicator. Wording can always change (the audit log keeps what it said before); the
 * fields that decide how past months were rated or shown are refused once the indicator is in use.
 */
export async function editIndicator(
  db: Db,
  request: FastifyRequest,
  code: string,
  changes: IndicatorUpdate,
): Promise<IndicatorAdmin> {
  const target = indicatorTarget(code);
  return auditedChange(db, request, { action: 'indicator.update', target }, async (tx) => {
    const organisation = await organisationForChange(request.context, tx);
    const existing = await findIndicatorByCode(tx, organisation.id, code);
    if (!existing) throw new NotFoundError(`There is no indicator with the code ${code}.`);
    const inUse = (await indicatorIdsInUse(tx, [existing.id])).has(existing.id);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, sent] of Object.entries(changes) as [keyof IndicatorUpdate, unknown][]) {
      if (sent === undefined) continue;
      // An emptied difference is no difference: the monthly figures are compared again.
      const value = key === 'comparatorDifference' && typeof sent === 'string' && sent === '' ? null : sent;
      const old = existing[key] ?? null;
      if ((value ?? null) === old) continue;
      before[key] = old;
      after[key] = value ?? null;
    }
    const fixed = FIXED_ONCE_IN_USE.filter((field) => field in after);
    if (inUse && fixed.length > 0) {
      throw new ConflictError(
        `${code} already has figures or bands, so its ${fixed.join(', ')} cannot change: that would change how months already reported were rated or shown. Add a new indicator with a new code instead, and put it in the next KPI set.`,
        'indicator_in_use',
      );
    }
    if (Object.keys(after).length === 0) return toAdmin(existing, inUse);
    const row = await updateIndicator(tx, existing.id, after);
    await audit(request, tx, 'indicator.update', target, { before, after });
    return toAdmin(row, inUse);
  });
}
