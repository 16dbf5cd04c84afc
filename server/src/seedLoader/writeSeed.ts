import type { SeedData, SeedIssue } from '@kpi/seed';
import { monthToDate } from '@kpi/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database';
import {
  areas,
  commentary,
  comparatorValues,
  gracePeriods,
  indicators,
  kpiSetMembers,
  kpiSets,
  meetings,
  observationRevisions,
  observations,
  organisations,
  populations,
  reliefEventIndicators,
  reliefEvents,
  snModels,
  snNeighbours,
  thresholdVersions,
} from '../db/schema';
import { adoptPeopleWithoutOrganisation } from '../organisations/membershipRepository';

export const SEEDED_TABLES = [
  'areas',
  'sn_models',
  'sn_neighbours',
  'populations',
  'organisations',
  'indicators',
  'kpi_sets',
  'kpi_set_members',
  'threshold_versions',
  'grace_periods',
  'relief_events',
  'relief_event_indicators',
  'meetings',
  'observations',
  'observation_revisions',
  'comparator_values',
  'commentary',
] as const;
export type SeededTable = (typeof SEEDED_TABLES)[number];

export interface SeedReport {
  /** Wall-clock time of applySeed, in milliseconds. */
  durationMs: number;
  /** Rows this run added, per table (0 everywhere on a second run). */
  inserted: Record<SeededTable, number>;
  /** Illustrative observations replaced by a published figure for the same month (with a revision). */
  upgradedObservations: number;
  /** Rows in each table after the run. */
  totals: Record<SeededTable, number>;
  /** Figures not placed, neighbours not mapped, values skipped, caveats: never silent. */
  issues: SeedIssue[];
  decisions: string[];
}

/** Rows per INSERT statement: well under PostgreSQL's 65,535 bind parameters for every table here. */
const CHUNK = 1000;
/** Serialises concurrent seeds (two server instances starting at once) on PostgreSQL. */
const SEED_LOCK_KEY = 7_263_520_011;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function lock(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
}

function emptyCounts(): Record<SeededTable, number> {
  return Object.fromEntries(SEEDED_TABLES.map((t) => [t, 0])) as Record<SeededTable, number>;
}

function required<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined)
    throw new Error(`Seed refers to ${what} ${JSON.stringify(key)}, which is not in the database`);
  return value;
}

type Geography = Pick<SeedData, 'areas' | 'snModels' | 'snNeighbours' | 'populations'>;

/**
 * Areas, DfE statistical-neighbour models and lists, and ONS populations: the reference geography
 * every organisation needs, demo or not. Idempotent (existing rows are kept). Returns the model ids.
 */
export async function writeGeography(
  tx: Tx,
  data: Geography,
  inserted: Pick<Record<SeededTable, number>, 'areas' | 'sn_models' | 'sn_neighbours' | 'populations'>,
): Promise<Map<string, number>> {
  for (const chunk of chunks(data.areas)) {
    const rows = await tx.insert(areas).values(chunk).onConflictDoNothing().returning({ code: areas.code });
    inserted.areas += rows.length;
  }
  for (const model of data.snModels) {
    const rows = await tx.insert(snModels).values(model).onConflictDoNothing().returning({ id: snModels.id });
    inserted.sn_models += rows.length;
  }
  const models = await tx
    .select({ id: snModels.id, code: snModels.code })
    .from(snModels)
    .where(
      inArray(
        snModels.code,
        data.snModels.map((m) => m.code),
      ),
    );
  const ids = new Map(models.map((m) => [m.code, m.id]));
  const neighbourRows = data.snNeighbours.map((n) => ({
    snModelId: required(ids, n.modelCode, 'statistical-neighbour model'),
    areaCode: n.areaCode,
    neighbourAreaCode: n.neighbourAreaCode,
    rank: n.rank,
    closeness: n.closeness,
  }));
  for (const chunk of chunks(neighbourRows)) {
    const rows = await tx
      .insert(snNeighbours)
      .values(chunk)
      .onConflictDoNothing()
      .returning({ rank: snNeighbours.rank });
    inserted.sn_neighbours += rows.length;
  }
  for (const chunk of chunks(data.populations)) {
    const rows = await tx.insert(populations).values(chunk).onConflictDoNothing().returning({ id: populations.id });
    inserted.populations += rows.length;
  }
  return ids;
}

/**
 * Writes the demo data set. Idempotent: every row is keyed by its natural key (area code, model
 * code, organisation area, indicator code, period, release …) and existing rows are left alone,
 * so running it twice changes nothing. The one exception is deliberate: an illustrative
 * observation is replaced by a published figure for the same month (recorded as a revision),
 * and nothing ever replaces a published or uploaded figure.
 *
 * Atomic: one transaction (holding an advisory lock, so concurrent seeds queue), with a nested
 * transaction (savepoint) per group of tables — geography, organisation and KPIs, observations,
 * comparators. A failure leaves nothing half-seeded, so "no organisation yet" means "not seeded".
 */
export async function applySeed(db: Db, data: SeedData): Promise<SeedReport> {
  const started = performance.now();
  const inserted = emptyCounts();
  let upgradedObservations = 0;
  await db.transaction(async (outer) => {
    await lock(outer);

    // 1. Geography: areas, statistical-neighbour models and lists, populations.
    const modelIds = await outer.transaction((tx) => writeGeography(tx, data, inserted));

    // 2. The organisation, its indicators, KPI set, thresholds, relief event and meetings.
    const { organisationId, indicatorIds } = await outer.transaction(async (tx) => {
      const org = data.organisation;
      const created = await tx
        .insert(organisations)
        .values({
          name: org.name,
          areaCode: org.areaCode,
          providerName: org.providerName,
          snModelId: required(modelIds, org.snModelCode, 'statistical-neighbour model'),
        })
        .onConflictDoNothing()
        .returning({ id: organisations.id });
      inserted.organisations += created.length;
      const [orgRow] = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.areaCode, org.areaCode));
      if (!orgRow) throw new Error(`Organisation for ${org.areaCode} was not created`);
      const organisationId = orgRow.id;
      // The accounts made before the seed (the demo accounts, a first administrator) work here.
      await adoptPeopleWithoutOrganisation(tx, organisationId);

      for (const chunk of chunks(data.indicators)) {
        const rows = await tx
          .insert(indicators)
          .values(chunk.map((i) => ({ ...i, organisationId })))
          .onConflictDoNothing()
          .returning({ id: indicators.id });
        inserted.indicators += rows.length;
      }
      const indicatorRows = await tx
        .select({ id: indicators.id, code: indicators.code })
        .from(indicators)
        .where(eq(indicators.organisationId, organisationId));
      const indicatorIds = new Map(indicatorRows.map((r) => [r.code, r.id]));

      for (const set of data.kpiSets) {
        const rows = await tx
          .insert(kpiSets)
          .values({
            organisationId,
            code: set.code,
            name: set.name,
            effectiveFrom: set.effectiveFrom,
            effectiveTo: set.effectiveTo,
            persistentFailureMonths: set.persistentFailureMonths,
            illustrativeNote: set.illustrativeNote ?? null,
          })
          .onConflictDoNothing()
          .returning({ id: kpiSets.id });
        inserted.kpi_sets += rows.length;
      }
      const setRows = await tx
        .select({ id: kpiSets.id, code: kpiSets.code })
        .from(kpiSets)
        .where(eq(kpiSets.organisationId, organisationId));
      const setIds = new Map(setRows.map((r) => [r.code, r.id]));
      for (const set of data.kpiSets) {
        const kpiSetId = required(setIds, set.code, 'KPI set');
        const members = set.members.map((code, i) => ({
          kpiSetId,
          indicatorId: required(indicatorIds, code, 'indicator'),
          position: i + 1,
        }));
        if (members.length === 0) continue;
        const rows = await tx
          .insert(kpiSetMembers)
          .values(members)
          .onConflictDoNothing()
          .returning({ id: kpiSetMembers.indicatorId });
        inserted.kpi_set_members += rows.length;
      }

      // Thresholds and grace periods have no unique key in the schema: match on indicator, set and start.
      const orgIndicatorIds = [...indicatorIds.values()];
      const existingThresholds = await tx
        .select({
          indicatorId: thresholdVersions.indicatorId,
          kpiSetId: thresholdVersions.kpiSetId,
          from: thresholdVersions.effectiveFrom,
        })
        .from(thresholdVersions)
        .where(inArray(thresholdVersions.indicatorId, orgIndicatorIds));
      const thresholdKeys = new Set(existingThresholds.map((t) => `${t.indicatorId}|${t.kpiSetId}|${t.from}`));
      const newThresholds = data.thresholds
        .map((t) => ({
          indicatorId: required(indicatorIds, t.indicatorCode, 'indicator'),
          kpiSetId: t.kpiSetCode === null ? null : required(setIds, t.kpiSetCode, 'KPI set'),
          effectiveFrom: t.effectiveFrom,
          effectiveTo: t.effectiveTo,
          targetOperator: t.targetOperator,
          targetValue: t.targetValue,
          failureOperator: t.failureOperator,
          failureValue: t.failureValue,
          sourceText: t.sourceText,
          illustrative: t.illustrative ?? false,
        }))
        .filter((t) => !thresholdKeys.has(`${t.indicatorId}|${t.kpiSetId}|${t.effectiveFrom}`));
      if (newThresholds.length > 0) {
        const rows = await tx.insert(thresholdVersions).values(newThresholds).returning({ id: thresholdVersions.id });
        inserted.threshold_versions += rows.length;
      }

      const existingGrace = await tx
        .select({ indicatorId: gracePeriods.indicatorId, kpiSetId: gracePeriods.kpiSetId, from: gracePeriods.startsOn })
        .from(gracePeriods)
        .where(inArray(gracePeriods.indicatorId, orgIndicatorIds));
      const graceKeys = new Set(existingGrace.map((g) => `${g.indicatorId}|${g.kpiSetId}|${g.from}`));
      const newGrace = data.gracePeriods
        .map((g) => ({
          indicatorId: required(indicatorIds, g.indicatorCode, 'indicator'),
          kpiSetId: g.kpiSetCode === null ? null : required(setIds, g.kpiSetCode, 'KPI set'),
          startsOn: g.startsOn,
          endsOn: g.endsOn,
          reason: g.reason,
        }))
        .filter((g) => !graceKeys.has(`${g.indicatorId}|${g.kpiSetId}|${g.startsOn}`));
      if (newGrace.length > 0) {
        const rows = await tx.insert(gracePeriods).values(newGrace).returning({ id: gracePeriods.id });
        inserted.grace_periods += rows.length;
      }

      for (const event of data.reliefEvents) {
        let [existing] = await tx
          .select({ id: reliefEvents.id })
          .from(reliefEvents)
          .where(
            and(
              eq(reliefEvents.organisationId, organisationId),
              eq(reliefEvents.name, event.name),
              eq(reliefEvents.startsOn, event.startsOn),
            ),
          );
        if (!existing) {
          [existing] = await tx
            .insert(reliefEvents)
            .values({
              organisationId,
              name: event.name,
              reason: event.reason,
              agreedOn: event.agreedOn,
              startsOn: event.startsOn,
              endsOn: event.endsOn,
            })
            .returning({ id: reliefEvents.id });
          inserted.relief_events += 1;
        }
        const reliefEventId = existing!.id;
        const rows = await tx
          .insert(reliefEventIndicators)
          .values(
            event.indicatorCodes.map((code) => ({
              reliefEventId,
              indicatorId: required(indicatorIds, code, 'indicator'),
            })),
          )
          .onConflictDoNothing()
          .returning({ id: reliefEventIndicators.indicatorId });
        inserted.relief_event_indicators += rows.length;
      }

      const existingMeetings = await tx
        .select({ board: meetings.board, heldOn: meetings.heldOn })
        .from(meetings)
        .where(eq(meetings.organisationId, organisationId));
      const meetingKeys = new Set(existingMeetings.map((m) => `${m.board}|${m.heldOn}`));
      const newMeetings = data.meetings
        .filter((m) => !meetingKeys.has(`${m.board}|${m.heldOn}`))
        .map((m) => {
          // Public papers: published by the meeting at the latest, and locked as publishing on screen
          // locks a meeting, so the bands and figures the board received cannot change unnoticed.
          const publishedAt = new Date(`${m.heldOn}T00:00:00Z`);
          return {
            organisationId,
            board: m.board,
            heldOn: m.heldOn,
            monthsFrom: monthToDate(m.monthsFrom),
            monthsTo: monthToDate(m.monthsTo),
            publishedAt,
            lockedAt: publishedAt,
          };
        });
      if (newMeetings.length > 0) {
        const rows = await tx.insert(meetings).values(newMeetings).returning({ id: meetings.id });
        inserted.meetings += rows.length;
      }
      // The papers' statements about a month, as that month's commentary; a user's commentary wins.
      const statements = data.commentary.map((c) => ({
        indicatorId: required(indicatorIds, c.indicatorCode, 'indicator'),
        month: monthToDate(c.month),
        body: c.body,
        authorId: null,
      }));
      for (const chunk of chunks(statements)) {
        const rows = await tx.insert(commentary).values(chunk).onConflictDoNothing().returning({ id: commentary.id });
        inserted.commentary += rows.length;
      }
      return { organisationId, indicatorIds };
    });

    // 3. Observations: insert new months; a published figure replaces an illustrative one.
    await outer.transaction(async (tx) => {
      const existing = await tx
        .select({
          id: observations.id,
          indicatorId: observations.indicatorId,
          month: observations.month,
          provenance: observations.provenance,
          value: observations.value,
          symbol: observations.symbol,
        })
        .from(observations)
        .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
        .where(eq(indicators.organisationId, organisationId));
      const byKey = new Map(existing.map((o) => [`${o.indicatorId}|${o.month}`, o]));
      const toInsert: Array<typeof observations.$inferInsert> = [];
      for (const o of data.observations) {
        const indicatorId = required(indicatorIds, o.indicatorCode, 'indicator');
        const month = monthToDate(o.month);
        const row = {
          indicatorId,
          month,
          value: o.value,
          numerator: o.numerator,
          denominator: o.denominator,
          symbol: o.symbol,
          provenance: o.provenance,
          status: o.status,
          sourceNote: o.sourceNote,
        };
        const found = byKey.get(`${indicatorId}|${month}`);
        if (!found) {
          toInsert.push(row);
          continue;
        }
        if (found.provenance === 'illustrative' && o.provenance !== 'illustrative') {
          await tx
            .update(observations)
            .set({ ...row, updatedAt: new Date() })
            .where(eq(observations.id, found.id));
          await tx.insert(observationRevisions).values({
            observationId: found.id,
            indicatorId,
            month,
            oldValue: found.value,
            newValue: o.value,
            oldSymbol: found.symbol,
            newSymbol: o.symbol,
            reason: 'Seed: a published figure replaces the illustrative demo value for this month.',
          });
          upgradedObservations += 1;
          inserted.observation_revisions += 1;
        }
      }
      for (const chunk of chunks(toInsert)) {
        const rows = await tx
          .insert(observations)
          .values(chunk)
          .onConflictDoNothing()
          .returning({ id: observations.id });
        inserted.observations += rows.length;
      }
    });

    // 4. Comparators: published, DfE and computed.
    await outer.transaction(async (tx) => {
      const rows = data.comparators.map((c) => ({
        measureCode: c.measureCode,
        kind: c.kind,
        areaCode: c.areaCode,
        snModelId: c.snModelCode === null ? null : required(modelIds, c.snModelCode, 'statistical-neighbour model'),
        contributingCount: c.contributingCount,
        unit: c.unit,
        timePeriod: c.timePeriod,
        timeIdentifier: c.timeIdentifier,
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
        value: c.value,
        symbol: c.symbol,
        numerator: c.numerator ?? null,
        denominator: c.denominator ?? null,
        source: c.source,
        sourceRelease: c.sourceRelease,
        sourceFile: c.sourceFile,
      }));
      for (const chunk of chunks(rows)) {
        const added = await tx
          .insert(comparatorValues)
          .values(chunk)
          .onConflictDoNothing()
          .returning({ id: comparatorValues.id });
        inserted.comparator_values += added.length;
      }
    });
  });

  const totals = await countRows(db);
  return {
    durationMs: Math.round(performance.now() - started),
    inserted,
    upgradedObservations,
    totals,
    issues: data.issues,
    decisions: data.decisions,
  };
}

/** Rows in every table the seed writes. */
export async function countRows(db: Db): Promise<Record<SeededTable, number>> {
  const parts = SEEDED_TABLES.map((t) => `select '${t}' as name, count(*)::int as n from ${t}`).join(' union all ');
  const result = (await db.execute(sql.raw(parts))) as unknown as { rows: Array<{ name: SeededTable; n: number }> };
  const counts = emptyCounts();
  for (const row of result.rows) counts[row.name] = Number(row.n);
  return counts;
}
