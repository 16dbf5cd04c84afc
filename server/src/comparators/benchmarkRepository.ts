import type { ComparatorSource, SuppressionSymbol, Unit, UploadOutcome } from '@kpi/shared';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { queryRows } from '../db/database';
import {
  areas,
  comparatorValues,
  indicators,
  organisations,
  populations,
  snModels,
  snNeighbours,
  uploads,
  users,
} from '../db/schema';

/**
 * SQL for benchmark data: DfE release uploads, comparator values, ONS populations,
 * statistical-neighbour models and the organisation's chosen model.
 */

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;
/** Serialises benchmark imports and model changes (pg_advisory_xact_lock(key, organisation)). */
const BENCHMARK_LOCK_KEY = 0x42454e43; // "BENC"

/** The sources of comparator figures an import may replace: DfE files and computations from them. */
const DFE_DERIVED_SOURCES: ComparatorSource[] = ['dfe_release', 'computed'];

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function lockBenchmarks(tx: DbOrTx, organisationId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${BENCHMARK_LOCK_KEY}, ${organisationId})`);
}

// ---------------------------------------------------------------- areas and indicators

export async function listAreas(db: DbOrTx) {
  return db.select({ code: areas.code, name: areas.name, oldLaCode: areas.oldLaCode }).from(areas);
}

/** The organisation's indicators that compare against a measure, by measure code. */
export async function indicatorsByComparatorMeasure(db: DbOrTx, organisationId: number) {
  const rows = await db
    .select({
      code: indicators.code,
      title: indicators.title,
      unit: indicators.unit,
      precision: indicators.precision,
      measure: indicators.comparatorMeasure,
    })
    .from(indicators)
    .where(and(eq(indicators.organisationId, organisationId), isNotNull(indicators.comparatorMeasure)))
    .orderBy(asc(indicators.code));
  const byMeasure = new Map<string, Array<{ code: string; title: string; unit: Unit; precision: number }>>();
  for (const row of rows) {
    const list = byMeasure.get(row.measure!) ?? [];
    list.push({ code: row.code, title: row.title, unit: row.unit, precision: row.precision });
    byMeasure.set(row.measure!, list);
  }
  return byMeasure;
}

// ---------------------------------------------------------------- uploads

export type BenchmarkUploadRow = Omit<typeof uploads.$inferSelect, 'summary' | 'commit'>;

const uploadColumns = {
  id: uploads.id,
  organisationId: uploads.organisationId,
  kind: uploads.kind,
  fileName: uploads.fileName,
  sha256: uploads.sha256,
  byteSize: uploads.byteSize,
  uploadedBy: uploads.uploadedBy,
  uploadedAt: uploads.uploadedAt,
  outcome: uploads.outcome,
};

export async function insertBenchmarkUpload(
  db: DbOrTx,
  row: {
    organisationId: number;
    kind: string;
    fileName: string;
    sha256: string;
    byteSize: number;
    uploadedBy: number;
    outcome: UploadOutcome;
    summary: unknown;
  },
): Promise<BenchmarkUploadRow> {
  const [created] = await db.insert(uploads).values(row).returning(uploadColumns);
  return created!;
}

/** An upload of a kind, with the file text kept for importing it (`summary.text`). */
export async function findBenchmarkUpload(db: DbOrTx, organisationId: number, id: number, kind: string) {
  const [row] = await db
    .select({ ...uploadColumns, text: sql<string | null>`${uploads.summary}->>'text'` })
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.organisationId, organisationId), eq(uploads.kind, kind)));
  return row;
}

/** Adds one import's record to an upload and sets its outcome. */
export async function recordUploadImport(
  tx: DbOrTx,
  id: number,
  outcome: UploadOutcome,
  record: Record<string, unknown>,
): Promise<BenchmarkUploadRow> {
  const [row] = await tx
    .update(uploads)
    .set({
      outcome,
      summary: sql`jsonb_set(coalesce(${uploads.summary}, '{}'::jsonb), '{imports}', coalesce(${uploads.summary}->'imports', '[]'::jsonb) || jsonb_build_array(${JSON.stringify(record)}::jsonb))`,
    })
    .where(eq(uploads.id, id))
    .returning(uploadColumns);
  return row!;
}

export interface ImportRecord {
  at: string;
  userId: number;
  sourceRelease: string;
  measures: string[];
  counts: { inserted: number; changed: number; unchanged: number };
}

/** Imports already made from uploads with these bytes. */
export async function importsOfSha(db: DbOrTx, organisationId: number, kind: string, sha256: string) {
  const rows = await db
    .select({ id: uploads.id, imports: sql<ImportRecord[] | null>`${uploads.summary}->'imports'` })
    .from(uploads)
    .where(and(eq(uploads.organisationId, organisationId), eq(uploads.kind, kind), eq(uploads.sha256, sha256)))
    .orderBy(asc(uploads.id));
  return rows.flatMap((r) => (r.imports ?? []).map((i) => ({ uploadId: r.id, ...i })));
}

/** Every benchmark upload that was imported, newest first, with its import records (not the file). */
export async function listImportedBenchmarkUploads(db: DbOrTx, organisationId: number, kinds: string[]) {
  const rows = await db
    .select({ ...uploadColumns, imports: sql<ImportRecord[] | null>`${uploads.summary}->'imports'` })
    .from(uploads)
    .where(
      and(
        eq(uploads.organisationId, organisationId),
        inArray(uploads.kind, kinds),
        inArray(uploads.outcome, ['committed', 'no_change']),
      ),
    )
    .orderBy(desc(uploads.id));
  return rows;
}

export async function usersById(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return new Map<number, { username: string; displayName: string }>();
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, { username: r.username, displayName: r.displayName }]));
}

// ---------------------------------------------------------------- comparator values

export interface StoredComparator {
  id: number;
  measureCode: string;
  areaCode: string;
  timePeriod: string;
  timeIdentifier: string;
  periodStart: string;
  periodEnd: string;
  unit: Unit;
  value: number | null;
  symbol: SuppressionSymbol | null;
  contributingCount: number | null;
  source: ComparatorSource;
  sourceRelease: string;
  sourceFile: string | null;
}

const storedColumns = {
  id: comparatorValues.id,
  measureCode: comparatorValues.measureCode,
  areaCode: comparatorValues.areaCode,
  timePeriod: comparatorValues.timePeriod,
  timeIdentifier: comparatorValues.timeIdentifier,
  periodStart: comparatorValues.periodStart,
  periodEnd: comparatorValues.periodEnd,
  unit: comparatorValues.unit,
  value: comparatorValues.value,
  symbol: comparatorValues.symbol,
  contributingCount: comparatorValues.contributingCount,
  source: comparatorValues.source,
  sourceRelease: comparatorValues.sourceRelease,
  sourceFile: comparatorValues.sourceFile,
};

/** Area figures from DfE files (published or computed from them) for measures, optionally for some areas. */
export async function loadDfeAreaValues(
  db: DbOrTx,
  measureCodes: string[],
  areaCodes?: string[],
): Promise<StoredComparator[]> {
  if (measureCodes.length === 0 || areaCodes?.length === 0) return [];
  return db
    .select(storedColumns)
    .from(comparatorValues)
    .where(
      and(
        eq(comparatorValues.kind, 'area'),
        inArray(comparatorValues.source, DFE_DERIVED_SOURCES),
        inArray(comparatorValues.measureCode, measureCodes),
        ...(areaCodes ? [inArray(comparatorValues.areaCode, areaCodes)] : []),
      ),
    )
    .orderBy(asc(comparatorValues.id));
}

/** Every measure with DfE-derived area figures. */
export async function listDfeMeasureCodes(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ code: comparatorValues.measureCode })
    .from(comparatorValues)
    .where(and(eq(comparatorValues.kind, 'area'), inArray(comparatorValues.source, DFE_DERIVED_SOURCES)))
    .orderBy(asc(comparatorValues.measureCode));
  return rows.map((r) => r.code);
}

/** The organisation's computed neighbour averages for a model. */
export async function loadNeighbourAverageRows(
  db: DbOrTx,
  areaCode: string,
  snModelId: number,
  measureCodes: string[],
): Promise<StoredComparator[]> {
  if (measureCodes.length === 0) return [];
  return db
    .select(storedColumns)
    .from(comparatorValues)
    .where(
      and(
        eq(comparatorValues.kind, 'statistical_neighbour_average'),
        eq(comparatorValues.source, 'computed'),
        eq(comparatorValues.areaCode, areaCode),
        eq(comparatorValues.snModelId, snModelId),
        inArray(comparatorValues.measureCode, measureCodes),
      ),
    )
    .orderBy(asc(comparatorValues.id));
}

export type ComparatorInsert = typeof comparatorValues.$inferInsert;

/**
 * Inserts rows, 5,000 per statement, each statement's rows sent as one JSON parameter (far
 * faster than one bind parameter per cell: a 170,000-value file inserts in seconds on PGlite).
 */
export async function insertComparators(tx: DbOrTx, rows: ComparatorInsert[]): Promise<void> {
  for (const chunk of chunks(rows, 5000)) {
    const json = JSON.stringify(
      chunk.map((r) => ({
        measure_code: r.measureCode,
        kind: r.kind,
        area_code: r.areaCode,
        sn_model_id: r.snModelId ?? null,
        contributing_count: r.contributingCount ?? null,
        unit: r.unit,
        time_period: r.timePeriod,
        time_identifier: r.timeIdentifier,
        period_start: r.periodStart,
        period_end: r.periodEnd,
        value: r.value ?? null,
        symbol: r.symbol ?? null,
        source: r.source,
        source_release: r.sourceRelease,
        source_file: r.sourceFile ?? null,
      })),
    );
    await tx.execute(sql`insert into comparator_values (measure_code, kind, area_code, sn_model_id, contributing_count,
        unit, time_period, time_identifier, period_start, period_end, value, symbol, source, source_release, source_file)
      select measure_code, kind::comparator_kind, area_code, sn_model_id, contributing_count, unit::unit, time_period,
        time_identifier, period_start, period_end, value, symbol::suppression_symbol, source::comparator_source,
        source_release, source_file
      from jsonb_to_recordset(${json}::jsonb) as x(measure_code text, kind text, area_code text, sn_model_id int,
        contributing_count int, unit text, time_period text, time_identifier text, period_start date, period_end date,
        value numeric, symbol text, source text, source_release text, source_file text)`);
  }
}

export interface ComparatorUpdate {
  id: number;
  unit: Unit;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  symbol: SuppressionSymbol | null;
  contributingCount: number | null;
  source: ComparatorSource;
  sourceRelease: string;
  sourceFile: string | null;
}

/** Updates rows in place, 5,000 per statement sent as one JSON parameter. */
export async function updateComparators(tx: DbOrTx, rows: ComparatorUpdate[]): Promise<void> {
  for (const chunk of chunks(rows, 5000)) {
    const json = JSON.stringify(
      chunk.map((r) => ({
        id: r.id,
        unit: r.unit,
        period_start: r.periodStart,
        period_end: r.periodEnd,
        value: r.value,
        symbol: r.symbol,
        contributing_count: r.contributingCount,
        source: r.source,
        source_release: r.sourceRelease,
        source_file: r.sourceFile,
      })),
    );
    await tx.execute(sql`update comparator_values as c set
        unit = v.unit::unit, period_start = v.period_start, period_end = v.period_end, value = v.value,
        symbol = v.symbol::suppression_symbol, contributing_count = v.contributing_count,
        source = v.source::comparator_source, source_release = v.source_release, source_file = v.source_file
      from jsonb_to_recordset(${json}::jsonb) as v(id int, unit text, period_start date, period_end date, value numeric,
        symbol text, contributing_count int, source text, source_release text, source_file text)
      where c.id = v.id`);
  }
}

export async function deleteComparators(tx: DbOrTx, ids: number[]): Promise<void> {
  for (const chunk of chunks(ids)) await tx.delete(comparatorValues).where(inArray(comparatorValues.id, chunk));
}

// ---------------------------------------------------------------- populations

/** The ONS 0–17 estimate used for rates: per area and year, the most recently loaded. */
export async function loadPopulationLookup(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await queryRows<{ area_code: string; year: number; population: number }>(
    db,
    sql`select distinct on (area_code, year) area_code, year, population
        from populations where age_group = '0-17' order by area_code, year, id desc`,
  );
  return new Map(rows.map((r) => [`${r.area_code}|${Number(r.year)}`, Number(r.population)]));
}

/** The 0–17 estimates held, by mid-year: how many areas have one, and from which releases. */
export async function populationYears(db: DbOrTx) {
  const rows = await queryRows<{ year: number; areas: number; releases: string[] }>(
    db,
    sql`select year, count(distinct area_code)::int as areas, array_agg(distinct source_release order by source_release) as releases
        from populations where age_group = '0-17' group by year order by year`,
  );
  return rows.map((r) => ({ year: Number(r.year), areas: Number(r.areas), releases: r.releases }));
}

export async function loadPopulationsOfRelease(db: DbOrTx, sourceRelease: string) {
  return db
    .select({
      id: populations.id,
      areaCode: populations.areaCode,
      year: populations.year,
      population: populations.population,
    })
    .from(populations)
    .where(and(eq(populations.sourceRelease, sourceRelease), eq(populations.ageGroup, '0-17')));
}

export async function insertPopulations(tx: DbOrTx, rows: Array<typeof populations.$inferInsert>): Promise<void> {
  for (const chunk of chunks(rows)) await tx.insert(populations).values(chunk);
}

export async function updatePopulations(tx: DbOrTx, rows: Array<{ id: number; population: number }>): Promise<void> {
  for (const chunk of chunks(rows, 500)) {
    const values = sql.join(
      chunk.map((r) => sql`(${r.id}::int, ${r.population}::int)`),
      sql`, `,
    );
    await tx.execute(sql`update populations as p set population = v.population
      from (values ${values}) as v(id, population) where p.id = v.id`);
  }
}

// ---------------------------------------------------------------- statistical-neighbour models

export async function findSnModelByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(snModels).where(eq(snModels.code, code));
  return row;
}

export async function findSnModelById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(snModels).where(eq(snModels.id, id));
  return row;
}

export async function upsertSnModel(
  tx: DbOrTx,
  model: { code: string; name: string; publishedOn: string; sourceFile: string },
): Promise<{ id: number; created: boolean }> {
  const existing = await findSnModelByCode(tx, model.code);
  if (existing) {
    await tx
      .update(snModels)
      .set({ name: model.name, publishedOn: model.publishedOn, sourceFile: model.sourceFile })
      .where(eq(snModels.id, existing.id));
    return { id: existing.id, created: false };
  }
  const [created] = await tx.insert(snModels).values(model).returning({ id: snModels.id });
  return { id: created!.id, created: true };
}

export async function loadSnNeighbourLinks(db: DbOrTx, snModelId: number) {
  return db
    .select({
      areaCode: snNeighbours.areaCode,
      neighbourAreaCode: snNeighbours.neighbourAreaCode,
      rank: snNeighbours.rank,
      closeness: snNeighbours.closeness,
    })
    .from(snNeighbours)
    .where(eq(snNeighbours.snModelId, snModelId));
}

export async function replaceSnNeighbours(
  tx: DbOrTx,
  snModelId: number,
  rows: Array<{ areaCode: string; neighbourAreaCode: string; rank: number; closeness: string | null }>,
): Promise<void> {
  await tx.delete(snNeighbours).where(eq(snNeighbours.snModelId, snModelId));
  for (const chunk of chunks(rows)) {
    await tx.insert(snNeighbours).values(chunk.map((r) => ({ ...r, snModelId })));
  }
}

/** An area's neighbours in a model, closest first, with names and LA numbers. */
export async function neighboursOf(db: DbOrTx, snModelId: number, areaCode: string) {
  return db
    .select({
      rank: snNeighbours.rank,
      areaCode: snNeighbours.neighbourAreaCode,
      name: areas.name,
      oldLaCode: areas.oldLaCode,
      closeness: snNeighbours.closeness,
    })
    .from(snNeighbours)
    .innerJoin(areas, eq(areas.code, snNeighbours.neighbourAreaCode))
    .where(and(eq(snNeighbours.snModelId, snModelId), eq(snNeighbours.areaCode, areaCode)))
    .orderBy(asc(snNeighbours.rank));
}

export async function listSnModelsWithCounts(db: DbOrTx) {
  const rows = await queryRows<{
    id: number;
    code: string;
    name: string;
    published_on: string;
    source_file: string | null;
    subjects: number;
    neighbours: number;
  }>(
    db,
    sql`select m.id, m.code, m.name, m.published_on, m.source_file,
          count(distinct n.area_code)::int as subjects, count(n.area_code)::int as neighbours
        from sn_models m left join sn_neighbours n on n.sn_model_id = m.id
        group by m.id order by m.published_on desc, m.code`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    publishedOn: r.published_on,
    sourceFile: r.source_file,
    subjects: Number(r.subjects),
    neighbours: Number(r.neighbours),
  }));
}

export async function setOrganisationSnModel(tx: DbOrTx, organisationId: number, snModelId: number): Promise<void> {
  await tx.update(organisations).set({ snModelId }).where(eq(organisations.id, organisationId));
}
