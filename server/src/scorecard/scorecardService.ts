import {
  addMonths,
  dateToMonth,
  directionOfTravel,
  financialYearOf,
  formatMonth,
  inForceFor,
  monthEndDate,
  monthRange,
  monthToDate,
  RAG_STATUSES,
  type RagStatus,
  type ScorecardItem,
  type ScorecardPeriod,
  type ScorecardResponse,
  thresholdInWords,
} from '@kpi/shared';
import { withComparisons } from '../comparators/comparatorComparisons';
import { loadComparators, neighbourCountsFor } from '../comparators/comparatorRepository';
import type { Db } from '../db/database';
import { ForbiddenError } from '../errors';
import { regionNameOf } from '../organisations/organisationRepository';
import { listMeetings } from '../publication/meetingRepository';
import {
  latestVisibleMonth,
  monthPublication,
  publicationOf,
  type Reader,
  Visibility,
} from '../publication/publication';
import { listSpcRebases } from '../spc/spcRebaseRepository';
import { SPC_DEFAULT_WINDOW_MONTHS, spcSummaryFor } from '../spc/spcService';
import { comparatorLines, consequenceRules, domainThresholds, evaluateMonth, streakAsOf } from './indicatorEvaluation';
import {
  earliestObservationMonth,
  findKpiSetInForce,
  type IndicatorRow,
  type KpiSetRow,
  latestMonthWithSetFigures,
  latestObservationMonth,
  listIndicators,
  listIndicatorsInSet,
  listKpiSets,
  loadCommentary,
  loadIndicatorRules,
  loadObservations,
  type ObservationRow,
} from './kpiRepository';
import { monitoredItems } from './monitoredService';

export const NO_FIGURES_YET = 'There are no published KPI figures yet.';

const SPARKLINE_MONTHS = 13;
/** A monitored indicator shows on a month's scorecard if it has a figure in the 12 months to it. */
const MONITORED_WITHIN_MONTHS = 12;

/** Every KPI in force in a month, rated, with its trend, streak, comparators and commentary. */
export async function buildScorecard(
  db: Db,
  reader: Reader,
  requestedMonth: string | undefined,
): Promise<ScorecardResponse> {
  const organisation = await reader.context.requireOrganisation();

  const [sets, allIndicators, meetingRows, regionName] = await Promise.all([
    listKpiSets(db, organisation.id),
    listIndicators(db, organisation.id),
    listMeetings(db, organisation.id),
    regionNameOf(db, organisation.regionCode),
  ]);
  const allIds = allIndicators.map((i) => i.id);
  const [latestDate, earliestDate] = await Promise.all([
    latestObservationMonth(db, allIds),
    earliestObservationMonth(db, allIds),
  ]);
  const publication = publicationOf(meetingRows, reader.now);
  const range =
    latestDate && earliestDate ? { earliest: dateToMonth(earliestDate), latest: dateToMonth(latestDate) } : null;
  const latestVisible = range ? latestVisibleMonth(publication, reader.user, range) : null;
  // With no month asked for: the latest month the reader may see in which a KPI set in force has
  // figures, so the scorecard never opens on a month with nothing rated when one exists.
  const latestRated = latestVisible
    ? await latestMonthWithSetFigures(db, organisation.id, monthEndDate(latestVisible))
    : null;
  const month = requestedMonth ?? (latestRated ? dateToMonth(latestRated) : latestVisible);
  // A new council (or one whose figures are all unpublished to this reader): an honest, empty
  // answer, not a 404 that a browser reports as a fault.
  if (!month) {
    const now = dateToMonth(reader.now);
    const kpiSet = await findKpiSetInForce(db, organisation.id, monthToDate(now));
    return {
      month: now,
      financialYear: financialYearOf(now),
      kpiSet: kpiSet
        ? {
            code: kpiSet.code,
            name: kpiSet.name,
            persistentFailureMonths: kpiSet.persistentFailureMonths,
            illustrativeNote: kpiSet.illustrativeNote,
          }
        : null,
      availableMonths: null,
      periods: [],
      noSetNote: null,
      noFiguresNote: `${NO_FIGURES_YET} ${kpiSet ? `The KPI set ${kpiSet.name} is ready: its figures appear here once a monthly return is loaded and the month is published.` : 'Once a KPI set is set up and a monthly return is loaded, the figures appear here.'}`,
      items: [],
      monitored: [],
      counts: Object.fromEntries(RAG_STATUSES.map((s) => [s, 0])) as Record<RagStatus, number>,
      publication: monthPublication(publication, now),
    };
  }
  const monthStatus = monthPublication(publication, month);
  const visibility = new Visibility(publication, reader);
  // Said of any month not yet published, whether or not it has data, so the refusal reveals nothing.
  if (!visibility.sees(month)) {
    throw new ForbiddenError(`The figures for ${formatMonth(month)} are not published yet. ${monthStatus.note}`);
  }

  const kpiSet = await findKpiSetInForce(db, organisation.id, monthToDate(month));
  const emptyCounts = Object.fromEntries(RAG_STATUSES.map((s) => [s, 0])) as Record<RagStatus, number>;
  const availableMonths = range && latestVisible ? { from: range.earliest, to: latestVisible } : null;
  const periods = availableMonths ? periodsBySet(sets, availableMonths) : [];
  const indicators = kpiSet ? await listIndicatorsInSet(db, kpiSet.id) : [];
  const inSet = new Set(indicators.map((i) => i.id));
  const monitored = await monitoredItems(
    db,
    reader,
    { organisation, regionName, publication },
    allIndicators.filter((i) => !inSet.has(i.id)),
    month,
    // One look recorded for the whole scorecard, monitored figures included.
    { withinMonths: MONITORED_WITHIN_MONTHS, recordLooks: false },
  );
  const monitoredMonths = monitored.flatMap((m) => (m.latest ? [m.latest.month] : []));
  if (!kpiSet) {
    // A look is what was shown: with no set and nothing monitored, nothing of the month was.
    await visibility.recordLooks(`scorecard ${month}`, monitoredMonths);
    return {
      month,
      financialYear: financialYearOf(month),
      kpiSet: null,
      availableMonths,
      periods,
      // "Below" only when something is: a month before any figure would otherwise promise a list and show none.
      noSetNote: `No contract KPI set was in force in ${formatMonth(month)}, so no figure is rated against bands this month. ${
        monitored.length > 0
          ? 'The indicators below are monitored without bands.'
          : `No indicator has a figure to show in the ${MONITORED_WITHIN_MONTHS} months to ${formatMonth(month)} either.`
      }`,
      items: [],
      monitored,
      counts: emptyCounts,
      publication: monthStatus,
    };
  }

  const ids = indicators.map((i) => i.id);
  const [rules, observationRows, commentaryRows, comparatorRows, rebaseRows, neighbourCounts] = await Promise.all([
    loadIndicatorRules(db, ids),
    loadObservations(db, ids, monthToDate(month)),
    loadCommentary(db, ids, monthToDate(month)),
    loadComparators(db, {
      measureCodes: indicators.flatMap((i) => (i.comparatorMeasure ? [i.comparatorMeasure] : [])),
      organisationAreaCode: organisation.areaCode,
      regionCode: organisation.regionCode,
      untilDate: monthEndDate(month),
    }),
    listSpcRebases(db, ids),
    neighbourCountsFor(db, organisation.areaCode),
  ]);
  const rebasesByIndicator = groupBy(rebaseRows, (r) => r.indicatorId);
  const spcWindow = { from: addMonths(month, -(SPC_DEFAULT_WINDOW_MONTHS - 1)), to: month };

  // Everything of a month the reader may not see yet is left out, as if nothing had been reported.
  const shownObservations = visibility.visible(observationRows, (o) => dateToMonth(o.month));
  const shownCommentary = visibility.visible(commentaryRows, (c) => dateToMonth(c.month));
  const observationsByIndicator = groupBy(shownObservations, (o) => o.indicatorId);
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
      cumulativeFromApril: indicator.measureType === 'cumulative_fytd',
    });
    const sparkline = monthRange(addMonths(month, -(SPARKLINE_MONTHS - 1)), month).map((m) => evaluate(m).point);
    const lines = comparatorLines(indicator, comparatorRows, {
      organisationAreaCode: organisation.areaCode,
      regionCode: organisation.regionCode,
      regionName,
      snModelId: organisation.snModelId,
      councilName: organisation.name,
      neighbourCounts,
    });
    // Each comparator in words: against the council's DfE figure for the same year where there is
    // one, otherwise against this month's figure, named (and marked illustrative when it is).
    const currentFigure =
      current.point.value !== null && current.point.symbol === null
        ? {
            month,
            value: current.point.value,
            provenance: current.point.provenance,
            numerator: byMonth.get(month)?.numerator ?? null,
            denominator: byMonth.get(month)?.denominator ?? null,
          }
        : null;
    const compared = withComparisons(lines, indicator, organisation.name, () => currentFigure);
    // Other areas' totals are not set against a count (see comparatorAvailability.ts).
    const latestComparators = [...compared]
      .filter(([line]) => indicator.unit !== 'count' || line === 'council_official')
      .flatMap(([, points]) => points.slice(-1));
    const latestCommentary = shownCommentary.find((c) => c.indicatorId === indicator.id);

    return {
      ...indicatorSummary(indicator),
      current: current.point,
      reason: current.rag.reason,
      thresholds: current.threshold ? thresholdInWords(current.threshold, indicator.unit, indicator.precision) : null,
      failureValue: current.threshold?.failureValue ?? null,
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
      spc: spcSummaryFor(indicator.measureType, {
        polarity: indicator.polarity,
        window: spcWindow,
        values: monthRange(spcWindow.from, spcWindow.to).map((m) => {
          const o = byMonth.get(m);
          return { month: m, value: o && !o.symbol ? o.value : null };
        }),
        rebases: rebasesByIndicator.get(indicator.id) ?? [],
        target: current.threshold?.targetValue ?? null,
      }),
      illustrative: sparkline.some((p) => p.provenance === 'illustrative'),
      bandsIllustrative: current.threshold
        ? (indicatorRules.thresholds.find(
            (t) =>
              t.effectiveFrom === current.threshold?.effectiveFrom && t.effectiveTo === current.threshold?.effectiveTo,
          )?.illustrative ?? false)
        : false,
    };
  });

  const counts = { ...emptyCounts };
  for (const item of items) counts[item.current.status] += 1;
  // Every figure shown or drawn on by its ratings, directions and streaks (the month's own among them),
  // and the commentary shown: a month of which nothing was returned is not a pre-release look.
  await visibility.recordLooks(`scorecard ${month}`, [
    ...shownObservations.map((o) => dateToMonth(o.month)),
    ...items.flatMap((item) => (item.commentary ? [item.commentary.month] : [])),
    ...monitoredMonths,
  ]);
  return {
    month,
    financialYear: financialYearOf(month),
    kpiSet: {
      code: kpiSet.code,
      name: kpiSet.name,
      persistentFailureMonths: kpiSet.persistentFailureMonths,
      illustrativeNote: kpiSet.illustrativeNote,
    },
    availableMonths,
    periods,
    noSetNote: null,
    items,
    monitored,
    counts,
    publication: monthStatus,
  };
}

/** The available months, split into runs by the KPI set in force (or none), oldest first. */
export function periodsBySet(sets: readonly KpiSetRow[], available: { from: string; to: string }): ScorecardPeriod[] {
  const periods: ScorecardPeriod[] = [];
  for (const m of monthRange(available.from, available.to)) {
    const set = inForceFor(sets, m);
    const last = periods.at(-1);
    if (last && last.kpiSetCode === (set?.code ?? null)) last.to = m;
    else periods.push({ from: m, to: m, kpiSetCode: set?.code ?? null, kpiSetName: set?.name ?? null });
  }
  return periods;
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
