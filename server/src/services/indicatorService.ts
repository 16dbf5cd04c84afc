import type { IndicatorDetail, IndicatorListResponse } from '@kpi/shared';
import type { Db } from '../db/database';
import { NotFoundError } from '../errors';
import {
  findIndicatorByCode,
  type IndicatorRow,
  listIndicators,
  listKpiSetMemberships,
  loadIndicatorRules,
} from '../repositories/kpiRepository';
import { findOrganisation } from '../repositories/organisationRepository';
import { thresholdDtos } from './indicatorEvaluation';
import { indicatorSummary } from './scorecardService';

async function requireOrganisation(db: Db) {
  const organisation = await findOrganisation(db);
  if (!organisation) throw new NotFoundError('No organisation is configured yet.');
  return organisation;
}

export async function listIndicatorSummaries(db: Db): Promise<IndicatorListResponse> {
  const organisation = await requireOrganisation(db);
  const [indicators, memberships] = await Promise.all([
    listIndicators(db, organisation.id),
    listKpiSetMemberships(db, organisation.id),
  ]);
  return {
    indicators: indicators.map((indicator) => ({
      ...indicatorSummary(indicator),
      kpiSetCodes: memberships.filter((m) => m.indicatorId === indicator.id).map((m) => m.kpiSet.code),
    })),
  };
}

export async function findIndicatorForOrganisation(db: Db, code: string): Promise<IndicatorRow> {
  const organisation = await requireOrganisation(db);
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
