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
import { listIndicators, listKpiSets, loadIndicatorRules, loadObservations } from '../scorecard/kpiRepository';

/**
 * The loaded months of each indicator that approving these band changes would re-rate, worked out
 * from the figures and bands held now (so the approver sees what approval does today, not what it
 * did when proposed). Each change is judged on its own, against today's bands. Only months this
 * person may see are used; one look at the unpublished ones among them is recorded, whatever the
 * number of changes. Reads are the same few whatever the number of changes.
 */
export async function reratingsOf(
  db: Db,
  request: FastifyRequest,
  organisationId: number,
  /** What the audit log names as looked at. */
  target: string,
  changes: readonly ThresholdChange[],
): Promise<ReratedMonth[][]> {
  if (changes.length === 0) return [];
  const codes = new Set(changes.map((c) => c.indicatorCode));
  const indicators = (await listIndicators(db, organisationId)).filter((i) => codes.has(i.code));
  const ids = indicators.map((i) => i.id);
  const [rules, observationRows, sets, meetingRows] = await Promise.all([
    loadIndicatorRules(db, ids),
    loadObservations(db, ids),
    listKpiSets(db, organisationId),
    listMeetings(db, organisationId),
  ]);
  const reader = readerFrom(db, request);
  const visibility = new Visibility(publicationOf(meetingRows, reader.now), reader);
  // The persistent-failure rule of the set in force that month, as the scorecard judges the month.
  const ruleFor = (month: string) =>
    inForceFor(sets, month)?.persistentFailureMonths ?? DEFAULT_PERSISTENT_FAILURE_MONTHS;
  // Every month this person may see is rated, not only those from the change on: a run of red
  // months before it counts towards persistent failure after it.
  const shown = visibility.visible(observationRows, (o) => dateToMonth(o.month));
  const reratings = changes.map((change) => {
    const indicator = indicators.find((i) => i.code === change.indicatorCode);
    if (!indicator) return [];
    const indicatorRules = rules.get(indicator.id)!;
    const consequence = consequenceRules(indicatorRules);
    const before = domainThresholds(indicatorRules);
    return reratedMonths({
      unit: indicator.unit,
      precision: indicator.precision,
      before,
      after: bandsAfterChange(before, change),
      months: shown
        .filter((o) => o.indicatorId === indicator.id)
        .map((o) => {
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
  });
  await visibility.recordLooks(
    target,
    reratings.flat().map((r) => r.month),
  );
  return reratings;
}

const waitsWithBands = (proposal: Proposal) => proposal.kind === 'threshold' && proposal.status === 'pending';

/** The proposals, each band change still waiting for a decision with the months it would re-rate. */
export async function withReratings(
  db: Db,
  request: FastifyRequest,
  organisationId: number,
  proposals: readonly Proposal[],
  /** What the audit log names as looked at. */
  target: string,
): Promise<Proposal[]> {
  const waiting = proposals.filter(waitsWithBands);
  const reratings = await reratingsOf(
    db,
    request,
    organisationId,
    target,
    waiting.map((p) => p.change as ThresholdChange),
  );
  const byProposal = new Map(waiting.map((p, i) => [p, reratings[i]!]));
  return proposals.map((p) => (byProposal.has(p) ? { ...p, rerating: byProposal.get(p)! } : p));
}
