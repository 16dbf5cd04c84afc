import type { CopiedWording } from '@kpi/shared';
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/database';
import { gracePeriods, indicators, kpiSetMembers, kpiSets, thresholdVersions } from '../db/schema';

/** For each organisation: how many KPIs its library holds, and its KPI sets with their member counts. */
export async function kpiConfigurationSummaries(db: DbOrTx, organisationIds: readonly number[]) {
  if (organisationIds.length === 0) return new Map<number, KpiConfigurationSummary>();
  const [indicatorCounts, sets] = await Promise.all([
    db
      .select({ organisationId: indicators.organisationId, n: count() })
      .from(indicators)
      .where(inArray(indicators.organisationId, [...organisationIds]))
      .groupBy(indicators.organisationId),
    db
      .select({
        organisationId: kpiSets.organisationId,
        code: kpiSets.code,
        name: kpiSets.name,
        effectiveFrom: kpiSets.effectiveFrom,
        effectiveTo: kpiSets.effectiveTo,
        memberCount: count(kpiSetMembers.indicatorId),
      })
      .from(kpiSets)
      .leftJoin(kpiSetMembers, eq(kpiSetMembers.kpiSetId, kpiSets.id))
      .where(inArray(kpiSets.organisationId, [...organisationIds]))
      .groupBy(kpiSets.id)
      .orderBy(asc(kpiSets.effectiveFrom), asc(kpiSets.code)),
  ]);
  const summaries = new Map<number, KpiConfigurationSummary>(
    organisationIds.map((id) => [id, { indicatorCount: 0, kpiSets: [] }]),
  );
  for (const row of indicatorCounts) summaries.get(row.organisationId)!.indicatorCount = row.n;
  for (const { organisationId, ...set } of sets) summaries.get(organisationId)!.kpiSets.push(set);
  return summaries;
}

export interface KpiConfigurationSummary {
  indicatorCount: number;
  kpiSets: { code: string; name: string; effectiveFrom: string; effectiveTo: string | null; memberCount: number }[];
}

/**
 * Copies one organisation's KPI configuration to another: its indicator library, KPI sets and
 * their members, threshold versions (bands) and grace periods, each pointing at the copies.
 * Nothing that is the council's own history or figures is copied: no observations, uploads,
 * commentary, actions, meetings, SPC recalculation points, proposals or people. Relief events are
 * not copied either: each is an agreement one council made about its own months (COVID relief
 * agreed with its provider), not part of a KPI set a second council could adopt.
 *
 * `wording`: what the copied text says (see `copiedWording`): what a KPI or set is names the new
 * council; the source council's evidence (why it matters, how its comparator differs, bands' sources, grace periods' reasons,
 * illustrative notes) is marked as copied from it, for review.
 */
export async function copyKpiConfiguration(
  tx: Tx,
  fromOrganisationId: number,
  toOrganisationId: number,
  wording: CopiedWording,
) {
  const sourceIndicators = await tx.select().from(indicators).where(eq(indicators.organisationId, fromOrganisationId));
  const sourceSets = await tx.select().from(kpiSets).where(eq(kpiSets.organisationId, fromOrganisationId));

  const indicatorIds = new Map<number, number>();
  if (sourceIndicators.length > 0) {
    const copies = await tx
      .insert(indicators)
      .values(
        sourceIndicators.map(({ id: _id, createdAt: _at, ...row }) => ({
          ...row,
          organisationId: toOrganisationId,
          title: wording.describing(row.title),
          shortTitle: wording.describing(row.shortTitle),
          definition: wording.describing(row.definition),
          numeratorLabel: wording.describing(row.numeratorLabel),
          denominatorLabel: wording.describing(row.denominatorLabel),
          whyItMatters: wording.citing(row.whyItMatters),
          comparatorDifference: wording.citing(row.comparatorDifference),
        })),
      )
      .returning({ id: indicators.id, code: indicators.code });
    const byCode = new Map(copies.map((c) => [c.code, c.id]));
    for (const row of sourceIndicators) indicatorIds.set(row.id, byCode.get(row.code)!);
  }
  const setIds = new Map<number, number>();
  if (sourceSets.length > 0) {
    const copies = await tx
      .insert(kpiSets)
      .values(
        sourceSets.map(({ id: _id, createdAt: _at, ...row }) => ({
          ...row,
          organisationId: toOrganisationId,
          name: wording.describing(row.name),
          illustrativeNote: wording.citing(row.illustrativeNote),
        })),
      )
      .returning({ id: kpiSets.id, code: kpiSets.code });
    const byCode = new Map(copies.map((c) => [c.code, c.id]));
    for (const row of sourceSets) setIds.set(row.id, byCode.get(row.code)!);
  }
  const fromIndicators = [...indicatorIds.keys()];
  const [members, bands, graces] =
    fromIndicators.length === 0
      ? [[], [], []]
      : await Promise.all([
          tx.select().from(kpiSetMembers).where(inArray(kpiSetMembers.indicatorId, fromIndicators)),
          tx.select().from(thresholdVersions).where(inArray(thresholdVersions.indicatorId, fromIndicators)),
          tx.select().from(gracePeriods).where(inArray(gracePeriods.indicatorId, fromIndicators)),
        ]);
  const setOf = (id: number | null) => (id === null ? null : (setIds.get(id) ?? null));
  if (members.length > 0) {
    await tx.insert(kpiSetMembers).values(
      members.map((m) => ({
        ...m,
        kpiSetId: setIds.get(m.kpiSetId)!,
        indicatorId: indicatorIds.get(m.indicatorId)!,
      })),
    );
  }
  if (bands.length > 0) {
    await tx.insert(thresholdVersions).values(
      bands.map(({ id: _id, createdAt: _at, ...b }) => ({
        ...b,
        indicatorId: indicatorIds.get(b.indicatorId)!,
        kpiSetId: setOf(b.kpiSetId),
        sourceText: wording.citing(b.sourceText),
      })),
    );
  }
  if (graces.length > 0) {
    await tx.insert(gracePeriods).values(
      graces.map(({ id: _id, ...g }) => ({
        ...g,
        indicatorId: indicatorIds.get(g.indicatorId)!,
        kpiSetId: setOf(g.kpiSetId),
        reason: wording.citing(g.reason),
      })),
    );
  }
  return {
    indicators: sourceIndicators.length,
    kpiSets: [...sourceSets]
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.code.localeCompare(b.code))
      .map(({ code, name }) => ({ code, name })),
    kpiSetMembers: members.length,
    thresholdVersions: bands.length,
    gracePeriods: graces.length,
  };
}
