import {
  addMonths,
  dateToMonth,
  directionOfTravel,
  financialYearOf,
  formatMonth,
  monthEndDate,
  monthRange,
  monthToDate,
  RAG_STATUSES,
  type RagStatus,
  type ScorecardItem,
  type ScorecardResponse,
  thresholdInWords,
} from '@kpi/shared';
import type { Db } from '../db/database';
import { ForbiddenError, NotFoundError } from '../errors';
import { loadComparators } from '../repositories/comparatorRepository';
import {
  earliestObservationMonth,
  findKpiSetInForce,
  type IndicatorRow,
  latestObservationMonth,
  listIndicatorsInSet,
  listKpiSets,
  loadCommentary,
  loadIndicatorRules,
  loadObservations,
  type ObservationRow,
} from '../repositories/kpiRepository';
import { listMeetings } from '../repositories/meetingRepository';
import { findOrganisation, regionNameOf } from '../repositories/organisationRepository';
import { visibleAttached } from './attachedVisibility';
import { comparatorLines, consequenceRules, domainThresholds, evaluateMonth, streakAsOf } from './indicatorEvaluation';
import {
  hiddenMonths,
  latestVisibleMonth,
  monthPublication,
  publicationOf,
  type Reader,
  seesUnpublished,
} from './publication';

const SPARKLINE_MONTHS = 13;

/** Every KPI in force in a month, rated, with its trend, streak, comparators and commentary. */
export async function buildScorecard(
  db: Db,
  reader: Reader,
  requestedMonth: string | undefined,
): Promise<ScorecardResponse> {
  const organisation = await findOrganisation(db);
  if (!organisation) throw new NotFoundError('No organisation is configured yet.');

  const sets = await listKpiSets(db, organisation.id);
  const allSetIndicatorIds = (await Promise.all(sets.map((s) => listIndicatorsInSet(db, s.id))))
    .flat()
    .map((i) => i.id);
  const latestDate = await latestObservationMonth(db, allSetIndicatorIds);
  const earliestDate = await earliestObservationMonth(db, allSetIndicatorIds);
  const publication = publicationOf(await listMeetings(db, organisation.id), reader.now);
  const range =
    latestDate && earliestDate ? { earliest: dateToMonth(earliestDate), latest: dateToMonth(latestDate) } : null;
  const latestVisible = range ? latestVisibleMonth(publication, reader.user, range) : null;
  const month = requestedMonth ?? latestVisible;
  if (!month) throw new NotFoundError('There are no published KPI figures yet.');
  const monthStatus = monthPublication(publication, month);
  if (!monthStatus.published) {
    if (!seesUnpublished(reader.user)) {
      throw new ForbiddenError(`The figures for ${formatMonth(month)} are not published yet. ${monthStatus.note}`);
    }
    await reader.recordPreReleaseView(`scorecard ${month}`, [month]);
  }

  const kpiSet = await findKpiSetInForce(db, organisation.id, monthToDate(month));
  const emptyCounts = Object.fromEntries(RAG_STATUSES.map((s) => [s, 0])) as Record<RagStatus, number>;
  const availableMonths = range && latestVisible ? { from: range.earliest, to: latestVisible } : null;
  if (!kpiSet) {
    return {
      month,
      financialYear: financialYearOf(month),
      kpiSet: null,
      availableMonths,
      items: [],
      counts: emptyCounts,
      publication: monthStatus,
    };
  }

  const indicators = await listIndicatorsInSet(db, kpiSet.id);
  const ids = indicators.map((i) => i.id);
  const [rules, observationRows, commentaryRows, comparatorRows, regionName] = await Promise.all([
    loadIndicatorRules(db, ids),
    loadObservations(db, ids, monthToDate(month)),
    loadCommentary(db, ids, monthToDate(month)),
    loadComparators(db, {
      measureCodes: indicators.flatMap((i) => (i.comparatorMeasure ? [i.comparatorMeasure] : [])),
      organisationAreaCode: organisation.areaCode,
      regionCode: organisation.regionCode,
      untilDate: monthEndDate(month),
    }),
    regionNameOf(db, organisation.regionCode),
  ]);

  // Figures from months the reader may not see yet are left out, as if not reported.
  const hidden = hiddenMonths(publication, reader, new Set(observationRows.map((o) => dateToMonth(o.month))));
  const observationsByIndicator = groupBy(
    observationRows.filter((o) => !hidden.has(dateToMonth(o.month))),
    (o) => o.indicatorId,
  );
  const visibleCommentary = visibleAttached(publication, reader, commentaryRows, (c) => [dateToMonth(c.month)]);
  const items = indicators.map((indicator): ScorecardItem => {
    const indicatorRules = rules.get(indicator.id)!;
    const thresholds = domainThresholds(indicatorRules);
    const consequence = consequenceRules(indicatorRules);
    const observed = observationsByIndicator.get(indicator.id) ?? [];
    const byMonth = new Map(observed.map((o) => [dateToMonth(o.month), o]));
    const evaluate = (m: string) => evaluateMonth(indicator, thresholds, consequence, m, byMonth.get(m));

    const current = evaluate(month);
    const history = observed.map((o) => evaluate(dateToMonth(o.month)));
    const streak = streakAsOf(history, month, kpiSet.persistentFailureMonths);
    const direction = directionOfTravel({
      month,
      values: observed.map((o) => ({ month: dateToMonth(o.month), value: o.symbol ? null : o.value })),
      polarity: indicator.polarity,
      precision: indicator.precision,
    });
    const sparkline = monthRange(addMonths(month, -(SPARKLINE_MONTHS - 1)), month).map((m) => evaluate(m).point);
    const lines = comparatorLines(indicator, comparatorRows, {
      organisationAreaCode: organisation.areaCode,
      regionCode: organisation.regionCode,
      regionName,
      snModelId: organisation.snModelId,
    });
    const latestComparators = [...lines.values()].flatMap((points) => points.slice(-1));
    const latestCommentary = visibleCommentary.find((c) => c.indicatorId === indicator.id);

    return {
      ...indicatorSummary(indicator),
      current: current.point,
      reason: current.rag.reason,
      thresholds: current.threshold ? thresholdInWords(current.threshold, indicator.unit, indicator.precision) : null,
      consequence: current.consequence,
      direction: { previousMonth: direction.previousMonth, sameMonthLastYear: direction.sameMonthLastYear },
      streak,
      comparators: latestComparators,
      sparkline,
      commentary: latestCommentary
        ? {
            month: dateToMonth(latestCommentary.month),
            body: latestCommentary.body,
            author: latestCommentary.author,
            updatedAt: latestCommentary.updatedAt.toISOString(),
          }
        : null,
      illustrative: sparkline.some((p) => p.provenance === 'illustrative'),
    };
  });

  const counts = { ...emptyCounts };
  for (const item of items) counts[item.current.status] += 1;
  return {
    month,
    financialYear: financialYearOf(month),
    kpiSet: { code: kpiSet.code, name: kpiSet.name, persistentFailureMonths: kpiSet.persistentFailureMonths },
    availableMonths,
    items,
    counts,
    publication: monthStatus,
  };
}

export function indicatorSummary(indicator: IndicatorRow) {
  return {
    code: indicator.code,
    title: indicator.title,
    shortTitle: indicator.shortTitle,
    theme: indicator.theme,
    unit: indicator.unit,
    polarity: indicator.polarity,
    precision: indicator.precision,
    measureType: indicator.measureType,
  };
}

export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export type { ObservationRow };
