import {
  AGGREGATE_METHOD_LABELS,
  type Annotation,
  addMonths,
  aggregateForView,
  aggregateMethod,
  COMPARATOR_LINES,
  compareMonths,
  DEFAULT_PERSISTENT_FAILURE_MONTHS,
  dateToMonth,
  defaultSeriesFrom,
  formatDate,
  formatThresholdValue,
  type MonthlyComponents,
  monthEndDate,
  monthRange,
  monthToDate,
  NOT_PUBLISHED_TEXT,
  RAG_STATUSES,
  type RagStatus,
  type SeriesPoint,
  type SeriesQuery,
  type SeriesResponse,
  type SeriesView,
  spcWithheldReason,
  type ViewAggregate,
} from '@kpi/shared';
import { comparatorAvailability, countLinesWithheld } from '../comparators/comparatorAvailability';
import { monthlyAtPeriodEnd, withComparisons } from '../comparators/comparatorComparisons';
import { loadComparators, neighbourCountsFor } from '../comparators/comparatorRepository';
import type { Db } from '../db/database';
import { BadRequestError, NotFoundError } from '../errors';
import { regionNameOf } from '../organisations/organisationRepository';
import { listMeetings } from '../publication/meetingRepository';
import { monthPublication, publicationOf, type Reader, Visibility } from '../publication/publication';
import { listSpcRebases } from '../spc/spcRebaseRepository';
import { INTERVAL_NOTE, pointInterval, SPC_DEFAULT_WINDOW_MONTHS, spcBlock } from '../spc/spcService';
import {
  comparatorLineLabel,
  comparatorLines,
  consequenceRules,
  domainThresholds,
  evaluateMonth,
  streakAsOf,
} from './indicatorEvaluation';
import { indicatorDetail } from './indicatorService';
import {
  findKpiSetInForce,
  type IndicatorRow,
  loadCommentary,
  loadIndicatorRules,
  loadObservations,
} from './kpiRepository';

// The scorecard's SPC icons use the same window, so they match the KPI page as it opens.
const DEFAULT_MONTHS = SPC_DEFAULT_WINDOW_MONTHS;
const MAX_MONTHS = 240;

/**
 * An indicator's monthly series for a range, in one of three views:
 * - monthly: the figures as reported;
 * - rolling12 / fytd: made from the months by what the KPI measures (aggregateForView): a flow
 *   summed or Σnum ÷ Σden, a month-end snapshot averaged, an already-cumulative KPI read as reported.
 * Every point is rated against the bands in force that month, where those bands apply to the
 * view's figure (otherwise it is shown unrated, with the reason).
 */
export async function buildSeries(
  db: Db,
  reader: Reader,
  indicator: IndicatorRow,
  query: SeriesQuery,
): Promise<SeriesResponse> {
  const organisation = await reader.context.requireOrganisation();

  const publication = publicationOf(await listMeetings(db, organisation.id), reader.now);
  const visibility = new Visibility(publication, reader);
  // Everything of a month the reader may not see yet is left out, as if nothing had been reported.
  const all = visibility.visible(await loadObservations(db, [indicator.id]), (o) => dateToMonth(o.month));
  const lastObserved = all.at(-1) ? dateToMonth(all.at(-1)!.month) : null;
  const to = query.to ?? lastObserved;
  if (!to) throw new NotFoundError(`There is no data yet for ${indicator.code}.`);
  const firstObserved = all[0] ? dateToMonth(all[0].month) : null;
  const from = query.from ?? defaultSeriesFrom(to, firstObserved, DEFAULT_MONTHS);
  if (compareMonths(from, to) > 0) {
    throw new BadRequestError('The start month is after the end month.', [
      { path: 'querystring.from', message: 'Choose a start month on or before the end month' },
    ]);
  }
  const months = monthRange(from, to);
  if (months.length > MAX_MONTHS) {
    throw new BadRequestError(`Choose a range of at most ${MAX_MONTHS} months.`, [
      { path: 'querystring.from', message: `The range is ${months.length} months; the most is ${MAX_MONTHS}` },
    ]);
  }

  const [rules, commentaryRows, comparatorRows, meetings, regionName, detail, rebases, neighbourCounts] =
    await Promise.all([
      loadIndicatorRules(db, [indicator.id]),
      loadCommentary(db, [indicator.id], monthEndDate(to), monthToDate(from)),
      loadComparators(db, {
        measureCodes: indicator.comparatorMeasure ? [indicator.comparatorMeasure] : [],
        organisationAreaCode: organisation.areaCode,
        regionCode: organisation.regionCode,
      }),
      listMeetings(db, organisation.id, { from: monthToDate(from), to: monthEndDate(to) }),
      regionNameOf(db, organisation.regionCode),
      indicatorDetail(db, indicator),
      listSpcRebases(db, [indicator.id]),
      neighbourCountsFor(db, organisation.areaCode),
    ]);
  const indicatorRules = rules.get(indicator.id)!;
  const thresholds = domainThresholds(indicatorRules);
  const consequence = consequenceRules(indicatorRules);
  const byMonth = new Map(all.map((o) => [dateToMonth(o.month), o]));
  const components: MonthlyComponents[] = all.map((o) => ({
    month: dateToMonth(o.month),
    value: o.symbol ? null : o.value,
    numerator: o.numerator,
    denominator: o.denominator,
  }));

  const view = query.view;
  const points = months.map((month): SeriesPoint => {
    const observation = byMonth.get(month);
    // The view's figure follows what the KPI measures (see shared/domain/viewAggregate.ts); a view
    // that is the reported figure itself (PI12's year to date) is the observation, symbol and all.
    const aggregate: ViewAggregate | null =
      view === 'monthly' ? null : aggregateForView(components, month, view, indicator);
    const figure = aggregate && aggregate.method !== 'reported' ? { value: aggregate.value, symbol: null } : undefined;
    // Bands are applied to an aggregate only where they mean the same thing for it.
    const evaluated = evaluateMonth(
      indicator,
      aggregate && !aggregate.rated && aggregate.method !== 'reported' ? [] : thresholds,
      consequence,
      month,
      observation,
      figure,
    );
    const unratedNote = aggregate && aggregate.value !== null && !aggregate.rated ? aggregate.ratingNote : null;
    const monthStatus = monthPublication(publication, month);
    // A month this reader may not see yet is not "No data": it is not published, and the note says until when.
    if (!visibility.sees(month)) {
      return {
        ...evaluated.point,
        displayValue: NOT_PUBLISHED_TEXT,
        reason: `${NOT_PUBLISHED_TEXT}. ${monthStatus.note ?? ''}`.trim(),
        band: null,
        carriesConsequence: false,
        consequenceReason: null,
        aggregationNote: null,
        aggregate: null,
        sourceNote: null,
        publication: monthStatus,
        interval: null,
      };
    }
    return {
      ...evaluated.point,
      reason: unratedNote
        ? `${evaluated.point.displayValue}: ${aggregate?.methodWords.toLowerCase()}. ${unratedNote}`
        : evaluated.rag.reason,
      band: evaluated.threshold
        ? {
            targetOperator: evaluated.threshold.targetOperator,
            targetValue: evaluated.threshold.targetValue,
            failureOperator: evaluated.threshold.failureOperator,
            failureValue: evaluated.threshold.failureValue,
          }
        : null,
      carriesConsequence: evaluated.consequence.carriesConsequence,
      consequenceReason: evaluated.consequence.reason,
      aggregationNote: aggregate?.reason ?? null,
      aggregate: aggregate
        ? {
            method: aggregate.method,
            words: aggregate.methodWords,
            rated: aggregate.rated,
            ratingNote: aggregate.ratingNote,
          }
        : null,
      sourceNote: observation?.sourceNote ?? null,
      publication: monthStatus,
      interval:
        evaluated.point.value === null
          ? null
          : aggregate
            ? pointInterval(indicator.unit, aggregate.numerator, aggregate.denominator)
            : pointInterval(indicator.unit, observation?.numerator, observation?.denominator),
    };
  });
  const shownCommentary = visibility.visible(commentaryRows, (c) => dateToMonth(c.month));
  // What this response shows of each month: its figure, the figures an aggregate adds up, its commentary.
  const windowStart = addMonths(from, -11);
  const shownMonths = [
    ...points.filter((p) => p.value !== null || p.symbol !== null).map((p) => p.month),
    ...(query.view === 'monthly'
      ? []
      : all
          .map((o) => dateToMonth(o.month))
          .filter((m) => compareMonths(m, windowStart) >= 0 && compareMonths(m, to) <= 0)),
    ...shownCommentary.map((c) => dateToMonth(c.month)),
  ];
  await visibility.recordLooks(`series ${indicator.code}`, shownMonths);

  const rawLines = comparatorLines(indicator, comparatorRows, {
    organisationAreaCode: organisation.areaCode,
    regionCode: organisation.regionCode,
    regionName,
    snModelId: organisation.snModelId,
    councilName: organisation.name,
    neighbourCounts,
  });
  const compared = withComparisons(rawLines, indicator, organisation.name, monthlyAtPeriodEnd(byMonth));
  const { lines, note: comparatorNote } = await countLinesWithheld(db, organisation.id, indicator, compared);
  const spcWithheld = spcWithheldReason(indicator.measureType);
  const statusCounts = Object.fromEntries(RAG_STATUSES.map((s) => [s, 0])) as Record<RagStatus, number>;
  for (const point of points) statusCounts[point.status] += 1;

  const history = all.map((o) => {
    const month = dateToMonth(o.month);
    return evaluateMonth(indicator, thresholds, consequence, month, o);
  });
  const kpiSet = await findKpiSetInForce(db, organisation.id, monthToDate(to));
  const streak = streakAsOf(history, to, kpiSet?.persistentFailureMonths ?? DEFAULT_PERSISTENT_FAILURE_MONTHS);

  return {
    indicator: detail,
    dataRange: firstObserved && lastObserved ? { from: firstObserved, to: lastObserved } : null,
    streak,
    view: query.view,
    viewMethod: view === 'monthly' ? null : viewMethodOf(view, indicator),
    from,
    to,
    points,
    comparators: COMPARATOR_LINES.map((line) => {
      const linePoints = lines.get(line) ?? [];
      return {
        line,
        label: linePoints[0]?.label ?? comparatorLineLabel(line, regionName, organisation.name),
        points: linePoints,
      };
    }),
    comparatorNote: comparatorNote ?? comparatorAvailability(indicator, lines),
    annotations: annotationsFor(detail, meetings, indicator),
    commentary: shownCommentary.map((c) => ({
      month: dateToMonth(c.month),
      body: c.body,
      author: c.author,
      updatedAt: c.updatedAt.toISOString(),
    })),
    statusCounts,
    // SPC of the monthly figures in the range shown: an XmR chart assumes independent months, which
    // rolling and year-to-date figures are not (each shares most of its months with the next),
    // whether the view makes them or the KPI is itself measured that way.
    spc:
      query.view === 'monthly' && spcWithheld === null
        ? spcBlock({
            polarity: indicator.polarity,
            window: { from, to },
            values: points.map((p) => ({ month: p.month, value: p.value })),
            rebases,
            target: points.at(-1)?.band?.targetValue ?? null,
            screenOutliers: query.screenOutliers !== 'false',
            fixAfterPoints: query.fixAfterPoints ?? null,
            unit: indicator.unit,
          })
        : null,
    spcNote:
      query.view === 'monthly'
        ? spcWithheld
        : 'SPC limits are shown for monthly figures only: rolling and year-to-date figures share most of their months with the next, so they are not independent enough for an XmR chart.',
    intervalNote: INTERVAL_NOTE,
  };
}

/** Which aggregate a view shows for a KPI, for the screen and the exports. */
export function viewMethodOf(
  view: Exclude<SeriesView, 'monthly'>,
  indicator: Pick<IndicatorRow, 'unit' | 'measureType'>,
) {
  const method = aggregateMethod(view, indicator);
  const label = AGGREGATE_METHOD_LABELS[method];
  const rated = method === 'reported' || method === 'ratio_of_sums';
  return { method, label: label.charAt(0).toUpperCase() + label.slice(1), rated };
}

function annotationsFor(
  detail: Awaited<ReturnType<typeof indicatorDetail>>,
  meetings: Awaited<ReturnType<typeof listMeetings>>,
  indicator: IndicatorRow,
): Annotation[] {
  const annotations: Annotation[] = [];
  for (const relief of detail.reliefEvents) {
    annotations.push({
      kind: 'relief_event',
      label: `Relief event: ${relief.name}`,
      from: relief.startsOn,
      to: relief.endsOn,
      meetingId: null,
    });
  }
  for (const grace of detail.gracePeriods) {
    annotations.push({
      kind: 'grace_period',
      label: `Grace period: ${grace.reason}`,
      from: grace.startsOn,
      to: grace.endsOn,
      meetingId: null,
    });
  }
  detail.thresholds.forEach((threshold, index) => {
    if (index === 0) return;
    annotations.push({
      kind: 'threshold_change',
      label: `New thresholds from ${formatDate(threshold.effectiveFrom)}: target ${threshold.targetOperator} ${formatThresholdValue(threshold.targetValue, indicator.unit)}`,
      from: threshold.effectiveFrom,
      to: null,
      meetingId: null,
    });
  });
  for (const set of detail.kpiSets) {
    annotations.push({
      kind: 'kpi_set_change',
      label: `${set.name} in force`,
      from: set.effectiveFrom,
      to: set.effectiveTo,
      meetingId: null,
    });
  }
  for (const meeting of meetings) {
    annotations.push({
      kind: 'meeting',
      label: `${meeting.board}, ${formatDate(meeting.heldOn)}`,
      from: meeting.heldOn,
      to: null,
      meetingId: meeting.id,
    });
  }
  return annotations;
}
