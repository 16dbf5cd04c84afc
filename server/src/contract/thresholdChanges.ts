import {
  bandChangeRefusal,
  bandPhrase,
  dateToMonth,
  firstChangeableMonth,
  type IndicatorBands,
  monthToDate,
  parseBands,
  planBandChange,
  type ThresholdChange,
  type ThresholdProposalInput,
  thresholdInWords,
  withBandLabel,
} from '@kpi/shared';
import type { Db, Tx } from '../db/database';
import { BadRequestError, ConflictError, NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { findIndicatorByCode, loadIndicatorRules } from '../scorecard/kpiRepository';
import { applyBandChangePlan, findKpiSetByCode, lockBandVersions, lockedThrough } from './contractRepository';
import { organisationForChange } from './organisationForChange';
import { pendingSetCodes } from './proposalRepository';

/**
 * Reads the bands as the contract words them and resolves what approval will add. The set named
 * may be one still waiting for approval; the link to it is a label, as the rating goes by month.
 */
export async function resolveThresholdChange(
  tx: Tx,
  organisationId: number,
  input: ThresholdProposalInput,
): Promise<ThresholdChange> {
  const indicator = await findIndicatorByCode(tx, organisationId, input.indicatorCode);
  if (!indicator) {
    throw new BadRequestError(`There is no indicator ${input.indicatorCode}.`, [
      { path: 'body.indicatorCode', message: `There is no indicator ${input.indicatorCode}.` },
    ]);
  }
  const parsed = parseBands(input.target, input.failure, indicator.unit, indicator.polarity);
  if (!parsed.ok) {
    const problems = parsed.problems.map((p) => ({ path: `body.${p.field}`, message: p.message }));
    throw new BadRequestError(problems.map((p) => p.message).join(' '), problems);
  }
  const setKnown = async (code: string) =>
    (await findKpiSetByCode(tx, organisationId, code)) !== undefined ||
    (await pendingSetCodes(tx, organisationId)).has(code);
  if (input.kpiSetCode && !(await setKnown(input.kpiSetCode))) {
    throw new BadRequestError(`There is no KPI set ${input.kpiSetCode}.`, [
      { path: 'body.kpiSetCode', message: `There is no KPI set ${input.kpiSetCode}.` },
    ]);
  }
  const effectiveFrom = monthToDate(input.effectiveFrom);
  const words = thresholdInWords(
    { ...parsed.bands, effectiveFrom, effectiveTo: null },
    indicator.unit,
    indicator.precision,
  );
  return {
    indicatorCode: indicator.code,
    effectiveFrom,
    target: withBandLabel(input.target, 'target'),
    failure: withBandLabel(input.failure, 'failure'),
    ...parsed.bands,
    kpiSetCode: input.kpiSetCode ?? null,
    summary: words.summary,
  };
}

/**
 * Bands may be set from any month no published meeting has covered, added after the latest
 * version or replacing (correcting) the versions from that month on; the months a published
 * meeting has covered keep the bands they were reported with. Checked when proposed and again when
 * approved (a meeting may have been published in between).
 */
export async function checkThresholdChange(tx: Tx, organisationId: number, change: ThresholdChange) {
  const indicator = await findIndicatorByCode(tx, organisationId, change.indicatorCode);
  if (!indicator) throw new ConflictError(`The indicator ${change.indicatorCode} no longer exists.`);
  const locked = await lockedThrough(tx, organisationId);
  const refusal = bandChangeRefusal(
    change.indicatorCode,
    dateToMonth(change.effectiveFrom),
    locked ? dateToMonth(locked) : null,
  );
  if (refusal) throw new ConflictError(refusal, 'months_published');
  return indicator;
}

export async function applyThresholdChange(tx: Tx, organisationId: number, change: ThresholdChange) {
  const indicator = await checkThresholdChange(tx, organisationId, change);
  const set = change.kpiSetCode ? await findKpiSetByCode(tx, organisationId, change.kpiSetCode) : undefined;
  const plan = planBandChange(await lockBandVersions(tx, indicator.id), change);
  return applyBandChangePlan(tx, plan, {
    indicatorId: indicator.id,
    kpiSetId: set?.id ?? null,
    sourceText: `${change.target}; ${change.failure}`,
  });
}

/** An indicator's bands as the contract words them, and the first month a change may start. */
export async function indicatorBands(db: Db, context: RequestContext, code: string): Promise<IndicatorBands> {
  const organisation = await organisationForChange(context, db);
  const indicator = await findIndicatorByCode(db, organisation.id, code);
  if (!indicator) throw new NotFoundError(`There is no indicator ${code}.`);
  const versions = (await loadIndicatorRules(db, [indicator.id])).get(indicator.id)?.thresholds ?? [];
  const locked = await lockedThrough(db, organisation.id);
  return {
    indicatorCode: indicator.code,
    bands: versions.map((v) => ({
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      target: bandPhrase('target', v.targetOperator, v.targetValue, indicator.unit),
      failure: bandPhrase('failure', v.failureOperator, v.failureValue, indicator.unit),
      summary: thresholdInWords(v, indicator.unit, indicator.precision).summary,
      kpiSetCode: v.kpiSetCode,
    })),
    changeableFrom: firstChangeableMonth(locked ? dateToMonth(locked) : null),
  };
}
