import {
  type AggregateResult,
  type Annotation,
  addMonths,
  COMPARATOR_LINES,
  compareMonths,
  DEFAULT_PERSISTENT_FAILURE_MONTHS,
  dateToMonth,
  financialYearToDate,
  formatDate,
  formatThresholdValue,
  type MonthlyComponents,
  monthEndDate,
  monthRange,
  monthToDate,
  RAG_STATUSES,
  type RagStatus,
  rolling12Months,
  type SeriesPoint,
  type SeriesQuery,
  type SeriesResponse,
} from '@kpi/shared';
import type { Db } from '../db/database';
import { BadRequestError, NotFoundError } from '../errors';
import { loadComparators } from '../repositories/comparatorRepository';
import {
  findKpiSetInForce,
  type IndicatorRow,
  loadCommentary,
  loadIndicatorRules,
  loadObservations,
} from '../repositories/kpiRepository';
import { listMeetings } from '../repositories/meetingRepository';
import { findOrganisation, regionNameOf } from '../repositories/organisationRepository';
import { visibleAttached } from './attachedVisibility';
import {
  comparatorLineLabel,
  comparatorLines,
  consequenceRules,
  domainThresholds,
  evaluateMonth,
  streakAsOf,
} from './indicatorEvaluation';
import { indicatorDetail } from './indicatorService';
import { hiddenMonths, monthPublication, publicationOf, type Reader } from './publication';

const DEFAULT_MONTHS = 36;
const MAX_MONTHS = 240;

/**
 * An indicator's monthly series for a range, in one of three views:
 * - monthly: the figures as reported;
 * - rolling12: the 12 months ending each month (Σ for counts, Σnum ÷ Σden for ratios);
 * - fytd: from April to each month. A KPI whose measure is already cumulative from April (PI12)
 *   is reported that way, so its year-to-date view is the reported figure itself.
 * Every point is rated against the bands in force that month.
 */
export async function buildSeries(
  db: Db,
  reader: Reader,
  indicator: IndicatorRow,
  query: SeriesQuery,
): Promise<SeriesResponse> {
  const organisation = await findOrganisation(db);
  if (!organisation) throw new NotFoundError('No organisation is configured yet.');

  const publication = publicationOf(await listMeetings(db, organisation.id), reader.now);
  const observed = await loadObservations(db, [indicator.id]);
  // Figures from months the reader may not see yet are left out, as if not reported.
  const hidden = hiddenMonths(publication, reader, new Set(observed.map((o) => dateToMonth(o.month))));
  const all = observed.filter((o) => !hidden.has(dateToMonth(o.month)));
  const lastObserved = all.at(-1) ? dateToMonth(all.at(-1)!.month) : null;
  const to = query.to ?? lastObserved;
  if (!to) throw new NotFoundError(`There is no data yet for ${indicator.code}.`);
  const from = query.from ?? addMonths(to, -(DEFAULT_MONTHS - 1));
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

  const [rules, commentaryRows, comparatorRows, meetings, regionName, detail] = await Promise.all([
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

  const points = months.map((month): SeriesPoint => {
    const observation = byMonth.get(month);
    let aggregate: AggregateResult | null = null;
    const aggregated =
      query.view !== 'monthly' && !(query.view === 'fytd' && indicator.measureType === 'cumulative_fytd');
    if (aggregated) {
      aggregate =
        query.view === 'rolling12'
          ? rolling12Months(components, month, indicator.unit)
          : financialYearToDate(components, month, indicator.unit);
    }
    const evaluated = evaluateMonth(
      indicator,
      thresholds,
      consequence,
      month,
      observation,
      aggregate ? { value: aggregate.value, symbol: null } : undefined,
    );
    return {
      ...evaluated.point,
      reason: evaluated.rag.reason,
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
      sourceNote: observation?.sourceNote ?? null,
      publication: monthPublication(publication, month),
    };
  });
  const unpublishedShown = points.filter((p) => !p.publication.published && p.value !== null).map((p) => p.month);
  if (unpublishedShown.length > 0) await reader.recordPreReleaseView(`series ${indicator.code}`, unpublishedShown);

  const lines = comparatorLines(indicator, comparatorRows, {
    organisationAreaCode: organisation.areaCode,
    regionCode: organisation.regionCode,
    regionName,
    snModelId: organisation.snModelId,
  });
  const statusCounts = Object.fromEntries(RAG_STATUSES.map((s) => [s, 0])) as Record<RagStatus, number>;
  for (const point of points) statusCounts[point.status] += 1;

  const history = all.map((o) => {
    const month = dateToMonth(o.month);
    return evaluateMonth(indicator, thresholds, consequence, month, o);
  });
  const kpiSet = await findKpiSetInForce(db, organisation.id, monthToDate(to));
  const streak = streakAsOf(history, to, kpiSet?.persistentFailureMonths ?? DEFAULT_PERSISTENT_FAILURE_MONTHS);
  const firstObserved = all[0] ? dateToMonth(all[0].month) : null;

  return {
    indicator: detail,
    dataRange: firstObserved && lastObserved ? { from: firstObserved, to: lastObserved } : null,
    streak,
    view: query.view,
    from,
    to,
    points,
    comparators: COMPARATOR_LINES.map((line) => {
      const linePoints = lines.get(line) ?? [];
      return { line, label: linePoints[0]?.label ?? comparatorLineLabel(line, regionName), points: linePoints };
    }),
    annotations: annotationsFor(detail, meetings, indicator),
    commentary: visibleAttached(publication, reader, commentaryRows, (c) => [dateToMonth(c.month)]).map((c) => ({
      month: dateToMonth(c.month),
      body: c.body,
      author: c.author,
      updatedAt: c.updatedAt.toISOString(),
    })),
    statusCounts,
  };
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
