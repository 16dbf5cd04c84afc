import {
  addMonths,
  type ComparatorLine,
  type ComparatorStandingDto,
  comparatorDifferenceText,
  comparatorStanding,
  compareMonths,
  councilInterval,
  dateToMonth,
  directionOfTravel,
  formatMonth,
  formatValue,
  type MonitoredItem,
  mayCompareOn,
  monthEndDate,
  monthToDate,
  notComparedForDifference,
  polarityAgainstOtherAreas,
  standingInWords,
} from '@kpi/shared';
import {
  countStandingNote,
  hasOtherAreaFigures,
  isWithheldCount,
  rateOffer,
} from '../comparators/comparatorAvailability';
import { loadComparators } from '../comparators/comparatorRepository';
import type { Db } from '../db/database';
import type { Organisation } from '../organisations/organisationRepository';
import { monthPublication, type Publication, type Reader, Visibility } from '../publication/publication';
import { comparatorLines } from './indicatorEvaluation';
import {
  type IndicatorRow,
  listIndicators,
  listKpiSetMemberships,
  loadCommentary,
  loadObservations,
} from './kpiRepository';
import { indicatorSummary } from './scorecardService';

// The council's own DfE line is not a comparator for its own standing.
const AGAINST: Record<Exclude<ComparatorLine, 'council_official'>, (regionName: string | null) => string> = {
  statistical_neighbours: () => 'the statistical-neighbour average',
  region: (regionName) => `the ${regionName ?? 'regional'} average`,
  england: () => 'England',
};

/** A comparator figure for a period ending within the twelve months up to the end of `month`. */
function comparableWithMonth(periodEnd: string, month: string): boolean {
  return periodEnd <= monthEndDate(month) && periodEnd >= monthToDate(addMonths(month, -11));
}

export interface MonitoredContext {
  organisation: Organisation;
  regionName: string | null;
  publication: Publication;
}

/**
 * Each indicator's latest figure at or before `month` (leaving out months the reader may not see
 * yet), its direction of travel and where it stands against the latest statistical-neighbour,
 * regional and England figures up to that month, by the one rule (its 95% interval where the
 * figure has a numerator and denominator). A count is never set against other areas' figures
 * (annual totals over other populations; see comparatorAvailability.ts): a note says why instead.
 * With `withinMonths`, indicators whose latest figure is older than that are left out (a
 * scorecard shows what is current, not 2021's figure).
 */
export async function monitoredItems(
  db: Db,
  reader: Reader,
  context: MonitoredContext,
  indicators: readonly IndicatorRow[],
  month: string,
  /** `recordLooks: false` when the caller records the looks of the whole response itself (once). */
  options: { withinMonths?: number; recordLooks?: boolean } = {},
): Promise<MonitoredItem[]> {
  if (indicators.length === 0) return [];
  const ids = indicators.map((i) => i.id);
  const { organisation, regionName, publication } = context;
  const [observationRows, commentaryRows, comparatorRows, memberships] = await Promise.all([
    loadObservations(db, ids, monthToDate(month)),
    loadCommentary(db, ids, monthToDate(month)),
    loadComparators(db, {
      measureCodes: indicators.flatMap((i) => (i.comparatorMeasure ? [i.comparatorMeasure] : [])),
      organisationAreaCode: organisation.areaCode,
      regionCode: organisation.regionCode,
      untilDate: monthEndDate(month),
    }),
    listKpiSetMemberships(db, organisation.id),
  ]);
  // The one visibility rule: figures and commentary of months the reader may not see are left out.
  const visibility = new Visibility(publication, reader);
  const visible = visibility.visible(observationRows, (o) => dateToMonth(o.month));
  const shownCommentary = visibility.visible(commentaryRows, (c) => dateToMonth(c.month));
  const oldest = options.withinMonths === undefined ? null : addMonths(month, -(options.withinMonths - 1));
  // Every indicator of the organisation, read once and only for a withheld count's offer of its rate.
  let allIndicators: Promise<IndicatorRow[]> | null = null;
  const offerFor = async (indicator: IndicatorRow) => {
    allIndicators ??= listIndicators(db, organisation.id);
    return rateOffer(indicator, await allIndicators);
  };

  const items: MonitoredItem[] = [];
  for (const indicator of indicators) {
    const observed = visible.filter((o) => o.indicatorId === indicator.id && (o.value !== null || o.symbol !== null));
    const latest = observed.at(-1);
    const latestMonth = latest ? dateToMonth(latest.month) : null;
    if (oldest !== null && (latestMonth === null || compareMonths(latestMonth, oldest) < 0)) continue;

    let comparators: ComparatorStandingDto[] = [];
    let comparatorNote: string | null = null;
    let direction: MonitoredItem['direction'] = null;
    if (latest && latestMonth) {
      const values = observed.map((o) => ({ month: dateToMonth(o.month), value: o.symbol ? null : o.value }));
      const travel = directionOfTravel({
        month: latestMonth,
        values,
        polarity: indicator.polarity,
        precision: indicator.precision,
        cumulativeFromApril: indicator.measureType === 'cumulative_fytd',
      });
      direction = { previousMonth: travel.previousMonth, sameMonthLastYear: travel.sameMonthLastYear };
      const lines = comparatorLines(indicator, comparatorRows, {
        organisationAreaCode: organisation.areaCode,
        regionCode: organisation.regionCode,
        regionName,
        snModelId: organisation.snModelId,
      });
      const withheld = isWithheldCount(indicator) && hasOtherAreaFigures(lines);
      if (withheld) comparatorNote = countStandingNote(indicator, await offerFor(indicator));
      const monthly = {
        value: latest.symbol ? null : latest.value,
        interval: councilInterval(indicator.unit, latest.numerator, latest.denominator),
        comparedWith: null,
      };
      const official = new Map(
        (lines.get('council_official') ?? [])
          .filter((p) => p.source !== 'published_paper' && p.value !== null && p.symbol === null)
          .map((p) => [p.periodEnd, p]),
      );
      let refusedForDifference = false;
      comparators = [...lines.entries()].flatMap(([line, points]) => {
        const point = points.at(-1);
        if (!point || line === 'council_official' || withheld) return [];
        // Like with like, as the scorecard compares: the council's own DfE figure for the same
        // period where there is one; otherwise the latest monthly figure, only against a figure
        // for the twelve months up to it (never a later period, nor one years older).
        const own = official.get(point.periodEnd);
        // A monthly figure on another definition than DfE's is not judged against it (see comparatorDifference.ts).
        if (!own && !mayCompareOn('monthly', indicator.comparatorDifference)) {
          refusedForDifference = true;
          return [];
        }
        const council = own
          ? {
              value: own.value,
              interval: councilInterval(indicator.unit, own.numerator, own.denominator),
              comparedWith: `${organisation.name}’s DfE figure for ${own.timePeriod}, ${own.displayValue}`,
            }
          : comparableWithMonth(point.periodEnd, latestMonth)
            ? monthly
            : null;
        if (!council) return [];
        const standing = comparatorStanding(
          council.value,
          point.value,
          polarityAgainstOtherAreas(indicator),
          indicator.precision,
          council.interval,
        );
        const words = standingInWords(
          standing.relation,
          AGAINST[line](regionName),
          point.displayValue,
          point.timePeriod,
        );
        return [
          {
            line,
            label: point.label,
            displayValue: point.displayValue,
            timePeriod: point.timePeriod,
            periodEnd: point.periodEnd,
            source: point.source,
            ...standing,
            comparedWith: council.comparedWith,
            words: council.comparedWith ? `${council.comparedWith}: ${words}` : words,
          },
        ];
      });
      const difference = comparatorDifferenceText(indicator.comparatorDifference);
      if (refusedForDifference && difference) comparatorNote = notComparedForDifference(difference);
      else if (comparators.length === 0 && !withheld && hasOtherAreaFigures(lines))
        comparatorNote = `No comparator figure is for the same period as ${organisation.name}’s DfE figures or for the twelve months to ${formatMonth(latestMonth)}, so none is compared.`;
    }
    const said =
      latestMonth === null
        ? undefined
        : shownCommentary.find((c) => c.indicatorId === indicator.id && dateToMonth(c.month) === latestMonth);
    items.push({
      ...indicatorSummary(indicator),
      latest:
        latest && latestMonth
          ? {
              month: latestMonth,
              value: latest.value,
              symbol: latest.symbol,
              displayValue: formatValue(latest.value, indicator.unit, indicator.precision, latest.symbol),
              status: 'no_data',
              provenance: latest.provenance,
              observationStatus: latest.status,
              revised: latest.status === 'revised',
            }
          : null,
      direction,
      comparators,
      comparatorNote,
      commentary: said
        ? {
            month: dateToMonth(said.month),
            body: said.body,
            author: said.author,
            updatedAt: said.updatedAt.toISOString(),
          }
        : null,
      kpiSetCodes: memberships.filter((m) => m.indicatorId === indicator.id).map((m) => m.kpiSet.code),
      illustrative: latest?.provenance === 'illustrative',
    });
  }
  // Pre-release control: a look at a figure not yet published is recorded, as on the scorecard.
  const unpublished = [
    ...new Set(
      items.flatMap((i) =>
        i.latest && !monthPublication(publication, i.latest.month).published ? [i.latest.month] : [],
      ),
    ),
  ].sort();
  if (unpublished.length > 0 && options.recordLooks !== false) {
    await reader.recordPreReleaseView(`monitored indicators to ${month}`, unpublished);
  }
  return items;
}
