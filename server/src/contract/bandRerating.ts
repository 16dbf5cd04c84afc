import {
  bandsAfterChange,
  consequenceOf,
  DEFAULT_PERSISTENT_FAILURE_MONTHS,
  dateToMonth,
  inForceFor,
  type Proposal,
  type ReratedMonth,
  reratedMonths,
  type ThresholdChange,
} from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import { listMeetings } from '../publication/meetingRepository';
import { publicationOf, readerFrom, Visibility } from '../publication/publication';
import { consequenceRules, domainThresholds } from '../scorecard/indicatorEvaluation';
import { findIndicatorByCode, listKpiSets, loadIndicatorRules, loadObservations } from '../scorecard/kpiRepository';

/**
 * The loaded months of the indicator that approving these bands would re-rate, worked out from
 * the figures and bands held now (so the approver sees what approval does today, not what it did
 * when proposed). Only months this person may see are used; a look at an unpublished one is
 * recorded like any other.
 */
export async function reratingOf(
  db: Db,
  request: FastifyRequest,
  organisationId: number,
  /** What the audit log names as looked at: the proposal. */
  target: string,
  change: ThresholdChange,
): Promise<ReratedMonth[]> {
  const indicator = await findIndicatorByCode(db, organisationId, change.indicatorCode);
  if (!indicator) return [];
  const [rules, observationRows, sets, meetingRows] = await Promise.all([
    loadIndicatorRules(db, [indicator.id]),
    loadObservations(db, [indicator.id]),
    listKpiSets(db, organisationId),
    listMeetings(db, organisationId),
  ]);
  const reader = readerFrom(db, request);
  const visibility = new Visibility(publicationOf(meetingRows, reader.now), reader);
  const indicatorRules = rules.get(indicator.id)!;
  const consequence = consequenceRules(indicatorRules);
  const before = domainThresholds(indicatorRules);
  // The persistent-failure rule of the set in force that month, as the scorecard judges the month.
  const ruleFor = (month: string) =>
    inForceFor(sets, month)?.persistentFailureMonths ?? DEFAULT_PERSISTENT_FAILURE_MONTHS;
  // Every month this person may see is rated, not only those from the change on: a run of red
  // months before it counts towards persistent failure after it.
  const shown = visibility.visible(observationRows, (o) => dateToMonth(o.month));
  const rerated = reratedMonths({
    unit: indicator.unit,
    precision: indicator.precision,
    before,
    after: bandsAfterChange(before, change),
    months: shown.map((o) => {
      const month = dateToMonth(o.month);
      return {
        month,
        value: o.value,
        symbol: o.symbol,
        carriesConsequence: consequenceOf(month, consequence).carriesConsequence,
        persistentFailureMonths: ruleFor(month),
      };
    }),
  });
  await visibility.recordLooks(
    target,
    rerated.map((r) => r.month),
  );
  return rerated;
}

/** The proposal with the months its bands would re-rate, while it waits for a decision. */
export async function withRerating(
  db: Db,
  request: FastifyRequest,
  organisationId: number,
  proposal: Proposal,
): Promise<Proposal> {
  if (proposal.kind !== 'threshold' || proposal.status !== 'pending') return proposal;
  const target = `proposal:${proposal.id} re-rating`;
  const rerating = await reratingOf(db, request, organisationId, target, proposal.change as ThresholdChange);
  return { ...proposal, rerating };
}
