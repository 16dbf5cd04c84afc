import {
  addMonths,
  dateToMonth,
  monthEndDate,
  monthToDate,
  parseBands,
  type ThresholdChange,
  type ThresholdProposalInput,
  thresholdInWords,
} from '@kpi/shared';
import type { Tx } from '../db/database';
import { BadRequestError, ConflictError } from '../errors';
import { findIndicatorByCode } from '../scorecard/kpiRepository';
import { appendThresholdVersion, findKpiSetByCode, latestThresholdStart, lockedThrough } from './contractRepository';
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
    target: input.target.trim(),
    failure: input.failure.trim(),
    ...parsed.bands,
    kpiSetCode: input.kpiSetCode ?? null,
    summary: words.summary,
  };
}

/**
 * Bands are only ever added after the latest version, and never for a month a published meeting
 * has covered: every earlier month keeps the bands it was rated with. Checked when proposed and
 * again when approved.
 */
export async function checkThresholdChange(tx: Tx, organisationId: number, change: ThresholdChange) {
  const indicator = await findIndicatorByCode(tx, organisationId, change.indicatorCode);
  if (!indicator) throw new ConflictError(`The indicator ${change.indicatorCode} no longer exists.`);
  const month = dateToMonth(change.effectiveFrom);
  const latest = await latestThresholdStart(tx, indicator.id);
  if (latest && latest >= change.effectiveFrom) {
    throw new ConflictError(
      `${change.indicatorCode} already has bands from ${dateToMonth(latest)}. New bands apply from a later month, so months already rated keep their rating.`,
      'bands_not_after_latest',
    );
  }
  const locked = await lockedThrough(tx, organisationId);
  if (locked && dateToMonth(locked) >= month) {
    throw new ConflictError(
      `A published meeting has covered the months up to ${dateToMonth(locked)}. New bands can start from ${addMonths(dateToMonth(locked), 1)} at the earliest.`,
      'months_published',
    );
  }
  return indicator;
}

export async function applyThresholdChange(tx: Tx, organisationId: number, change: ThresholdChange) {
  const indicator = await checkThresholdChange(tx, organisationId, change);
  const set = change.kpiSetCode ? await findKpiSetByCode(tx, organisationId, change.kpiSetCode) : undefined;
  const month = dateToMonth(change.effectiveFrom);
  return appendThresholdVersion(
    tx,
    {
      indicatorId: indicator.id,
      kpiSetId: set?.id ?? null,
      effectiveFrom: change.effectiveFrom,
      targetOperator: change.targetOperator,
      targetValue: change.targetValue,
      failureOperator: change.failureOperator,
      failureValue: change.failureValue,
      sourceText: `${change.target}; ${change.failure}`,
    },
    monthEndDate(addMonths(month, -1)),
  );
}
