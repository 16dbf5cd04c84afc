import { dateToMonth, type IndicatorDetail, type IndicatorListResponse } from '@kpi/shared';
import type { Db } from '../db/database';
import { NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { regionNameOf } from '../organisations/organisationRepository';
import { listMeetings } from '../publication/meetingRepository';
import { latestVisibleMonth, publicationOf, type Reader } from '../publication/publication';
import { thresholdDtos } from './indicatorEvaluation';
import {
  earliestObservationMonth,
  findIndicatorByCode,
  type IndicatorRow,
  latestObservationMonth,
  listIndicators,
  listKpiSetMemberships,
  loadIndicatorRules,
} from './kpiRepository';
import { monitoredItems } from './monitoredService';
import { indicatorSummary } from './scorecardService';

/**
 * Every indicator, contract KPI or monitored, with its latest figure the reader may see, its
 * direction of travel and where it stands against the statistical neighbours, region and England.
 */
export async function listIndicatorSummaries(db: Db, reader: Reader): Promise<IndicatorListResponse> {
  const organisation = await reader.context.requireOrganisation();
  const [indicators, meetingRows, regionName] = await Promise.all([
    listIndicators(db, organisation.id),
    listMeetings(db, organisation.id),
    regionNameOf(db, organisation.regionCode),
  ]);
  const ids = indicators.map((i) => i.id);
  const [latest, earliest] = await Promise.all([latestObservationMonth(db, ids), earliestObservationMonth(db, ids)]);
  const publication = publicationOf(meetingRows, reader.now);
  const asOf =
    latest && earliest
      ? latestVisibleMonth(publication, reader.user, { earliest: dateToMonth(earliest), latest: dateToMonth(latest) })
      : null;
  if (!asOf) {
    return {
      asOf: null,
      indicators: indicators.map((indicator) => ({
        ...indicatorSummary(indicator),
        latest: null,
        direction: null,
        comparators: [],
        comparatorNote: null,
        commentary: null,
        kpiSetCodes: [],
        illustrative: false,
      })),
    };
  }
  return {
    asOf,
    indicators: await monitoredItems(db, reader, { organisation, regionName, publication }, indicators, asOf),
  };
}

export async function findIndicatorForOrganisation(
  db: Db,
  context: RequestContext,
  code: string,
): Promise<IndicatorRow> {
  const organisation = await context.requireOrganisation();
  const indicator = await findIndicatorByCode(db, organisation.id, code);
  if (!indicator) throw new NotFoundError(`There is no indicator with the code ${code}.`);
  return indicator;
}

export async function indicatorDetail(db: Db, indicator: IndicatorRow): Promise<IndicatorDetail> {
  const [rules, memberships] = await Promise.all([
    loadIndicatorRules(db, [indicator.id]),
    listKpiSetMemberships(db, indicator.organisationId),
  ]);
  const indicatorRules = rules.get(indicator.id)!;
  return {
    ...indicatorSummary(indicator),
    definition: indicator.definition,
    whyItMatters: indicator.whyItMatters,
    comparatorMeasure: indicator.comparatorMeasure,
    comparatorDifference: indicator.comparatorDifference,
    kpiSets: memberships
      .filter((m) => m.indicatorId === indicator.id)
      .map((m) => ({
        code: m.kpiSet.code,
        name: m.kpiSet.name,
        effectiveFrom: m.kpiSet.effectiveFrom,
        effectiveTo: m.kpiSet.effectiveTo,
      })),
    thresholds: thresholdDtos(indicator, indicatorRules),
    gracePeriods: indicatorRules.gracePeriods.map((g) => ({
      startsOn: g.startsOn,
      endsOn: g.endsOn,
      reason: g.reason,
    })),
    reliefEvents: indicatorRules.reliefEvents.map((r) => ({
      name: r.name,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      reason: r.reason,
    })),
  };
}
