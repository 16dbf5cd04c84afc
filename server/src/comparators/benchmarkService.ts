import { createHash } from 'node:crypto';
import {
  DFE_MEASURES,
  type DfeMeasureMapping,
  decodeCsvBytes,
  ENGLAND_AREA_CODE,
  readTidyCsv,
  type TidyTable,
} from '@kpi/seed';
import type { Role, Unit, UploadOutcome } from '@kpi/shared';
import {
  BENCHMARK_UPLOAD_KINDS,
  type BenchmarkSourcesResponse,
  type BenchmarkUpload,
  type BenchmarkUploadKind,
  type ChooseSnModelResponse,
  type DfeImportBody,
  type DfeImportResponse,
  type DfePreviewResponse,
  type Neighbour,
  type PopulationImportQuery,
  type PopulationImportResponse,
  type SnModelImportQuery,
  type SnModelImportResponse,
  type SnModelListResponse,
  type SnModelSummary,
} from '@kpi/shared';
import type { Db, DbOrTx } from '../db/database';
import { BadRequestError, ConflictError, NotFoundError } from '../errors';
import { recordAudit } from '../repositories/auditRepository';
import { findOrganisation } from '../repositories/organisationRepository';
import { areaName, type KnownAreas, knownAreas } from './areaNames';
import {
  type BenchmarkUploadRow,
  deleteComparators,
  findBenchmarkUpload,
  findSnModelByCode,
  findSnModelById,
  type ImportRecord,
  importsOfSha,
  indicatorsByComparatorMeasure,
  insertBenchmarkUpload,
  insertComparators,
  insertPopulations,
  listAreas,
  listImportedBenchmarkUploads,
  listSnModelsWithCounts,
  loadDfeAreaValues,
  loadPopulationLookup,
  loadPopulationsOfRelease,
  loadSnNeighbourLinks,
  lockBenchmarks,
  neighboursOf,
  populationYears,
  recordUploadImport,
  replaceSnNeighbours,
  setOrganisationSnModel,
  updateComparators,
  updatePopulations,
  upsertSnModel,
  usersById,
} from './benchmarkRepository';
import { diffComparators, type Wanted } from './diff';
import { writeNeighbourAverages } from './neighbourAverages';
import { type DfePlan, planDfeImport, valueKey } from './planDfeImport';
import { planPopulations } from './planPopulations';
import { planSnModel } from './planSnModel';
import { previewDfeTable } from './previewDfe';
import { asHttpError } from './problems';
import { readSnList } from './readSnList';

/**
 * Benchmark data: preview and import DfE release files, import ONS populations and DfE
 * statistical-neighbour lists, choose the organisation's model, list what was imported.
 * Parsing and planning are pure (./plan*.ts, shared with the demo seed through @kpi/seed);
 * each import writes in one transaction under an advisory lock; every import and model change
 * is audited, failures included.
 */

export interface BenchmarkDeps {
  db: Db;
}

export interface BenchmarkActor {
  id: number;
  username: string;
  role: Role;
}

export interface RequestMeta {
  requestId: string;
  ipAddress: string;
}

const MAX_CHANGES_LISTED = 200;
const DEFAULT_POPULATION_RELEASE = (fileName: string) =>
  `ONS mid-year population estimates, children aged 0 to 17 (${fileName})`;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function uploadDto(row: BenchmarkUploadRow): BenchmarkUpload {
  return {
    id: row.id,
    kind: row.kind as BenchmarkUploadKind,
    fileName: row.fileName,
    sha256: row.sha256,
    byteSize: row.byteSize,
    uploadedAt: row.uploadedAt.toISOString(),
    outcome: row.outcome,
  };
}

async function requireOrganisation(db: Db) {
  const organisation = await findOrganisation(db);
  if (!organisation) throw new NotFoundError('No organisation is configured yet.');
  return organisation;
}

async function loadKnownAreas(db: Db): Promise<KnownAreas> {
  return knownAreas(await listAreas(db));
}

/** Runs an operation; on failure audits it (best effort) and turns file/plan problems into 400s. */
async function audited<T>(
  db: Db,
  actor: BenchmarkActor,
  meta: RequestMeta,
  action: string,
  target: string,
  details: Record<string, unknown>,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const http = asHttpError(error);
    try {
      await recordAudit(db, {
        action,
        userId: actor.id,
        username: actor.username,
        target,
        outcome: 'failure',
        details: { ...details, error: (http as Error).message },
        ...meta,
      });
    } catch {
      // The failure itself is what the caller needs to see.
    }
    throw http;
  }
}

function counts(inserted: number, changed: number, unchanged: number) {
  return { inserted, changed, unchanged };
}

function outcomeAfter(previous: UploadOutcome, inserted: number, changed: number): UploadOutcome {
  return previous === 'committed' || inserted + changed > 0 ? 'committed' : 'no_change';
}

// ---------------------------------------------------------------- DfE release: preview

export async function previewDfeRelease(
  deps: BenchmarkDeps,
  actor: BenchmarkActor,
  meta: RequestMeta,
  file: { fileName: string; bytes: Buffer },
): Promise<DfePreviewResponse> {
  const { db } = deps;
  const organisation = await requireOrganisation(db);
  const sha = sha256(file.bytes);
  const details = { fileName: file.fileName, sha256: sha, byteSize: file.bytes.length };
  return audited(db, actor, meta, 'benchmarks.dfe_release.preview', file.fileName, details, async () => {
    const text = decodeCsvBytes(file.bytes);
    const table = readTidyCsv(text);
    const areas = await loadKnownAreas(db);
    const preview = previewDfeTable(table, areas);
    const [previous, indicatorsByMeasure] = await Promise.all([
      importsOfSha(db, organisation.id, 'dfe_release', sha),
      indicatorsByComparatorMeasure(db, organisation.id),
    ]);
    const upload = await insertBenchmarkUpload(db, {
      organisationId: organisation.id,
      kind: 'dfe_release',
      fileName: file.fileName,
      sha256: sha,
      byteSize: file.bytes.length,
      uploadedBy: actor.id,
      outcome: 'validated',
      // The file is kept (as text) so that it can be imported, with any mappings, from its upload id.
      summary: { version: 1, text, rowCount: preview.rowCount, columns: table.columns, imports: [] },
    });
    await recordAudit(db, {
      action: 'benchmarks.dfe_release.preview',
      userId: actor.id,
      username: actor.username,
      target: `upload ${upload.id}`,
      details: { ...details, rows: preview.rowCount },
      ...meta,
    });
    return {
      upload: uploadDto(upload),
      ...preview,
      measures: mappableMeasures(indicatorsByMeasure),
      headlineAreas: headlineAreasOf(areas, organisation),
      previousImports: previous.map((p) => ({
        uploadId: p.uploadId,
        importedAt: p.at,
        sourceRelease: p.sourceRelease,
      })),
    };
  });
}

/** Every known DfE measure and every KPI's comparator measure, the KPIs' first. */
function mappableMeasures(
  indicatorsByMeasure: ReadonlyMap<string, Array<{ code: string; title: string; unit: Unit; precision: number }>>,
): DfePreviewResponse['measures'] {
  const codes = [...new Set([...indicatorsByMeasure.keys(), ...Object.keys(DFE_MEASURES)])];
  const measures = codes.map((measureCode) => {
    const known = DFE_MEASURES[measureCode];
    const kpis = indicatorsByMeasure.get(measureCode) ?? [];
    return {
      measureCode,
      unit: known?.unit ?? kpis[0]!.unit,
      timing: known?.timing ?? null,
      description: known?.description ?? null,
      kpis: kpis.map(({ code, title, unit, precision }) => ({ code, title, unit, precision })),
    };
  });
  return measures.sort((a, b) => Number(b.kpis.length > 0) - Number(a.kpis.length > 0));
}

function headlineAreasOf(
  areas: KnownAreas,
  organisation: { areaCode: string; regionCode: string | null },
): DfePreviewResponse['headlineAreas'] {
  const ref = (areaCode: string) => ({ areaCode, name: areaName(areas, areaCode) });
  return {
    organisation: ref(organisation.areaCode),
    region: organisation.regionCode ? ref(organisation.regionCode) : null,
    england: ref(ENGLAND_AREA_CODE),
  };
}

// ---------------------------------------------------------------- DfE release: import

const KNOWN_MEASURES = Object.fromEntries(
  Object.values(DFE_MEASURES).map((m) => [m.code, { unit: m.unit, timing: m.timing }]),
);

/** Carries a dry run's answer out of its transaction, which it rolls back. */
class DryRunRollback extends Error {
  constructor(readonly result: DfeImportResponse) {
    super('dry run');
  }
}

/** The organisation's, region's and England's planned figures, by measure and period, newest first. */
function headlineOf(plan: DfePlan, headlineAreas: DfePreviewResponse['headlineAreas']): DfeImportResponse['headline'] {
  const roles = new Map<string, 'organisation' | 'region' | 'england'>([
    [headlineAreas.organisation.areaCode, 'organisation'],
    [headlineAreas.england.areaCode, 'england'],
  ]);
  if (headlineAreas.region) roles.set(headlineAreas.region.areaCode, 'region');
  const rows = new Map<string, DfeImportResponse['headline'][number]>();
  for (const v of plan.values) {
    const role = roles.get(v.areaCode);
    if (!role) continue;
    const key = `${v.measureCode}|${v.timePeriod}|${v.timeIdentifier}`;
    const row = rows.get(key) ?? {
      measureCode: v.measureCode,
      timePeriod: v.timePeriod,
      timeIdentifier: v.timeIdentifier,
      organisation: null,
      region: null,
      england: null,
    };
    row[role] = { value: v.value, symbol: v.symbol };
    rows.set(key, row);
  }
  const order = new Map(plan.measures.map((m, i) => [m.measureCode, i]));
  return [...rows.values()].sort(
    (a, b) =>
      order.get(a.measureCode)! - order.get(b.measureCode)! ||
      b.timePeriod.localeCompare(a.timePeriod) ||
      a.timeIdentifier.localeCompare(b.timeIdentifier),
  );
}

export async function importDfeRelease(
  deps: BenchmarkDeps,
  actor: BenchmarkActor,
  meta: RequestMeta,
  body: DfeImportBody,
): Promise<DfeImportResponse> {
  const started = performance.now();
  const { db } = deps;
  const organisation = await requireOrganisation(db);
  const upload = await findBenchmarkUpload(db, organisation.id, body.uploadId, 'dfe_release');
  if (!upload) {
    throw new NotFoundError(`There is no DfE release upload ${body.uploadId}. Preview the file first.`);
  }
  const details = {
    uploadId: upload.id,
    fileName: upload.fileName,
    sha256: upload.sha256,
    sourceRelease: body.sourceRelease,
    measures: body.mappings.map((m) => m.measureCode),
  };
  return audited(db, actor, meta, 'benchmarks.dfe_release.import', `upload ${upload.id}`, details, async () => {
    if (!upload.text) throw new ConflictError('The file of this upload is no longer held. Preview it again.');
    const table: TidyTable = readTidyCsv(upload.text);
    const mappings = body.mappings as DfeMeasureMapping[];
    const [areas, populationLookup, indicatorsByMeasure] = await Promise.all([
      loadKnownAreas(db),
      mappings.some((m) => m.rateFromCount) ? loadPopulationLookup(db) : Promise.resolve(new Map<string, number>()),
      indicatorsByComparatorMeasure(db, organisation.id),
    ]);
    const plan = planDfeImport({
      table,
      fileName: upload.fileName,
      sourceRelease: body.sourceRelease,
      mappings,
      areas,
      population: (areaCode, year) => populationLookup.get(`${areaCode}|${year}`) ?? null,
      knownMeasures: KNOWN_MEASURES,
      indicatorsByMeasure,
    });
    const measureCodes = plan.measures.map((m) => m.measureCode);
    const model = organisation.snModelId ? ((await findSnModelById(db, organisation.snModelId)) ?? null) : null;

    const headline = headlineOf(plan, headlineAreasOf(areas, organisation));
    const dryRun = body.dryRun === true;

    const importing = db.transaction(async (tx) => {
      await lockBenchmarks(tx, organisation.id);
      const existing = await loadDfeAreaValues(tx, measureCodes);
      const wanted: Wanted[] = plan.values.map((v) => ({
        key: valueKey(v),
        measureCode: v.measureCode,
        kind: 'area',
        areaCode: v.areaCode,
        snModelId: null,
        contributingCount: null,
        unit: v.unit,
        timePeriod: v.timePeriod,
        timeIdentifier: v.timeIdentifier,
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        value: v.value,
        symbol: v.symbol,
        source: v.source,
        sourceRelease: v.sourceRelease,
        sourceFile: v.sourceFile,
      }));
      const diff = diffComparators(wanted, existing, valueKey);
      await deleteComparators(tx, diff.deletes);
      await updateComparators(tx, diff.updates);
      await insertComparators(tx, diff.inserts);

      const neighbourAverages = await writeNeighbourAverages(tx, {
        organisation,
        model: model ? { id: model.id, code: model.code, name: model.name } : null,
        measureCodes,
        areas,
      });

      const byMeasure = new Map(measureCodes.map((code) => [code, counts(0, 0, 0)]));
      const measureOf = (key: string) => key.slice(0, key.indexOf('|'));
      for (const key of diff.inserted) byMeasure.get(measureOf(key))!.inserted++;
      for (const c of diff.changed) byMeasure.get(measureOf(c.key))!.changed++;
      for (const key of diff.unchanged) byMeasure.get(measureOf(key))!.unchanged++;
      const totals = counts(diff.inserted.length, diff.changed.length, diff.unchanged.length);

      const record: ImportRecord = {
        at: new Date().toISOString(),
        userId: actor.id,
        sourceRelease: body.sourceRelease,
        measures: measureCodes,
        counts: totals,
      };
      const updated = dryRun
        ? upload
        : await recordUploadImport(
            tx,
            upload.id,
            outcomeAfter(upload.outcome, totals.inserted, totals.changed),
            record as unknown as Record<string, unknown>,
          );
      const notes = [...plan.notes];
      if (diff.deletes.length > 0) {
        notes.push(
          `${diff.deletes.length} older figure${diff.deletes.length === 1 ? '' : 's'} for the same areas and periods from other releases ${diff.deletes.length === 1 ? 'was' : 'were'} replaced.`,
        );
      }
      if (!dryRun) {
        await recordAudit(tx, {
          action: 'benchmarks.dfe_release.import',
          userId: actor.id,
          username: actor.username,
          target: `upload ${upload.id}`,
          details: {
            ...details,
            totals,
            neighbourAverages: neighbourAverages.written,
            snModel: neighbourAverages.snModel?.code ?? null,
            skippedAreas: plan.unknownAreas.length,
          },
          ...meta,
        });
      }

      const numbers = new Map<string, { numbers: number; suppressed: number; periods: Set<string> }>();
      for (const v of plan.values) {
        const m = numbers.get(v.measureCode) ?? { numbers: 0, suppressed: 0, periods: new Set<string>() };
        if (v.value !== null) m.numbers++;
        if (v.symbol !== null) m.suppressed++;
        m.periods.add(v.timePeriod);
        numbers.set(v.measureCode, m);
      }
      const result: DfeImportResponse = {
        upload: uploadDto(updated),
        dryRun,
        sourceRelease: body.sourceRelease,
        durationMs: Math.round(performance.now() - started),
        measures: plan.measures.map((m) => {
          const n = numbers.get(m.measureCode);
          return {
            measureCode: m.measureCode,
            unit: m.unit,
            source: m.source,
            timing: m.timing,
            reads: m.reads,
            rows: byMeasure.get(m.measureCode)!,
            numbers: n?.numbers ?? 0,
            suppressed: n?.suppressed ?? 0,
            periods: [...(n?.periods ?? [])].sort(),
            usedBy: m.usedBy,
          };
        }),
        totals,
        changes: diff.changed.slice(0, MAX_CHANGES_LISTED).map((c) => ({
          measureCode: c.wanted.measureCode,
          areaCode: c.wanted.areaCode,
          areaName: areaName(areas, c.wanted.areaCode),
          timePeriod: c.wanted.timePeriod,
          timeIdentifier: c.wanted.timeIdentifier,
          before: c.before,
          after: { value: c.wanted.value ?? null, symbol: c.wanted.symbol ?? null },
        })),
        changesTotal: diff.changed.length,
        skipped: {
          unknownAreas: plan.unknownAreas,
          otherLevels: plan.otherLevels,
          noPopulation: plan.noPopulation,
          empty: plan.empty,
        },
        notes,
        neighbourAverages,
        headline,
      };
      // A dry run computes the neighbour averages exactly as an import would, then rolls back.
      if (dryRun) throw new DryRunRollback(result);
      return result;
    });
    try {
      return await importing;
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result;
      throw error;
    }
  });
}

// ---------------------------------------------------------------- ONS populations

export async function importPopulations(
  deps: BenchmarkDeps,
  actor: BenchmarkActor,
  meta: RequestMeta,
  query: PopulationImportQuery,
  bytes: Buffer,
): Promise<PopulationImportResponse> {
  const started = performance.now();
  const { db } = deps;
  const organisation = await requireOrganisation(db);
  const sha = sha256(bytes);
  const sourceRelease = query.sourceRelease ?? DEFAULT_POPULATION_RELEASE(query.fileName);
  const details = { fileName: query.fileName, sha256: sha, byteSize: bytes.length, sourceRelease };
  return audited(db, actor, meta, 'benchmarks.populations.import', query.fileName, details, async () => {
    const table = readTidyCsv(decodeCsvBytes(bytes));
    const areas = await loadKnownAreas(db);
    const plan = planPopulations(table, areas);
    return db.transaction(async (tx) => {
      await lockBenchmarks(tx, organisation.id);
      const existing = new Map(
        (await loadPopulationsOfRelease(tx, sourceRelease)).map((p) => [`${p.areaCode}|${p.year}`, p]),
      );
      const inserts: Array<{
        areaCode: string;
        year: number;
        ageGroup: string;
        population: number;
        sourceRelease: string;
      }> = [];
      const updates: Array<{ id: number; population: number }> = [];
      const changes: PopulationImportResponse['changes'] = [];
      let unchanged = 0;
      for (const p of plan.populations) {
        const found = existing.get(`${p.areaCode}|${p.year}`);
        if (!found) {
          inserts.push({
            areaCode: p.areaCode,
            year: p.year,
            ageGroup: '0-17',
            population: p.population,
            sourceRelease,
          });
        } else if (found.population !== p.population) {
          updates.push({ id: found.id, population: p.population });
          changes.push({
            areaCode: p.areaCode,
            areaName: areaName(areas, p.areaCode),
            year: p.year,
            before: found.population,
            after: p.population,
          });
        } else unchanged++;
      }
      await insertPopulations(tx, inserts);
      await updatePopulations(tx, updates);
      const rows = counts(inserts.length, updates.length, unchanged);
      const record: ImportRecord = {
        at: new Date().toISOString(),
        userId: actor.id,
        sourceRelease,
        measures: ['population_0_17'],
        counts: rows,
      };
      const upload = await insertBenchmarkUpload(tx, {
        organisationId: organisation.id,
        kind: 'ons_population',
        fileName: query.fileName,
        sha256: sha,
        byteSize: bytes.length,
        uploadedBy: actor.id,
        outcome: rows.inserted + rows.changed > 0 ? 'committed' : 'no_change',
        summary: { version: 1, imports: [record] },
      });
      await recordAudit(tx, {
        action: 'benchmarks.populations.import',
        userId: actor.id,
        username: actor.username,
        target: `upload ${upload.id}`,
        details: { ...details, rows },
        ...meta,
      });
      return {
        upload: uploadDto(upload),
        sourceRelease,
        durationMs: Math.round(performance.now() - started),
        rows,
        years: [...new Set(plan.populations.map((p) => p.year))].sort((a, b) => a - b),
        areas: new Set(plan.populations.map((p) => p.areaCode)).size,
        changes: changes.slice(0, MAX_CHANGES_LISTED),
        changesTotal: changes.length,
        skipped: {
          unknownAreas: plan.unknownAreas,
          otherLevels: plan.otherLevels,
          otherAgeGroups: plan.otherAgeGroups,
          noEstimate: plan.noEstimate,
        },
      };
    });
  });
}

// ---------------------------------------------------------------- statistical-neighbour models

async function modelSummary(
  db: DbOrTx,
  organisation: { areaCode: string; snModelId: number | null },
  model: { id: number; code: string; name: string; publishedOn: string; sourceFile: string | null },
  countsOf: { subjects: number; neighbours: number },
): Promise<SnModelSummary> {
  return {
    code: model.code,
    name: model.name,
    publishedOn: model.publishedOn,
    sourceFile: model.sourceFile,
    subjects: countsOf.subjects,
    neighbours: countsOf.neighbours,
    inUse: organisation.snModelId === model.id,
    organisationNeighbours: await neighboursOf(db, model.id, organisation.areaCode),
  };
}

export async function importSnModel(
  deps: BenchmarkDeps,
  actor: BenchmarkActor,
  meta: RequestMeta,
  query: SnModelImportQuery,
  bytes: Buffer,
): Promise<SnModelImportResponse> {
  const { db } = deps;
  const organisation = await requireOrganisation(db);
  const sha = sha256(bytes);
  const details = { fileName: query.fileName, sha256: sha, byteSize: bytes.length, model: query.code };
  return audited(db, actor, meta, 'benchmarks.sn_model.import', query.code, details, async () => {
    const areas = await loadKnownAreas(db);
    const plan = planSnModel(await readSnList(query.fileName, bytes), areas);
    return db.transaction(async (tx) => {
      await lockBenchmarks(tx, organisation.id);
      const { id, created } = await upsertSnModel(tx, {
        code: query.code,
        name: query.name,
        publishedOn: query.publishedOn,
        sourceFile: query.fileName,
      });
      const listOf = (
        links: Array<{ areaCode: string; neighbourAreaCode: string; rank: number; closeness: string | null }>,
      ) => {
        const bySubject = new Map<string, string[]>();
        for (const l of [...links].sort((a, b) => a.rank - b.rank)) {
          const list = bySubject.get(l.areaCode) ?? [];
          list.push(`${l.rank}:${l.neighbourAreaCode}:${l.closeness ?? ''}`);
          bySubject.set(l.areaCode, list);
        }
        return new Map([...bySubject].map(([k, v]) => [k, v.join(',')]));
      };
      const before = listOf(await loadSnNeighbourLinks(tx, id));
      const after = listOf(plan.neighbours);
      const subjects = { added: 0, changed: 0, unchanged: 0, removed: 0 };
      for (const [subject, list] of after) {
        const old = before.get(subject);
        if (old === undefined) subjects.added++;
        else if (old === list) subjects.unchanged++;
        else subjects.changed++;
      }
      for (const subject of before.keys()) if (!after.has(subject)) subjects.removed++;
      const listChanged = subjects.added + subjects.changed + subjects.removed > 0;
      if (listChanged) await replaceSnNeighbours(tx, id, plan.neighbours);

      const model = { id, code: query.code, name: query.name };
      const neighbourAverages =
        organisation.snModelId === id
          ? await writeNeighbourAverages(tx, { organisation, model, measureCodes: 'all', areas })
          : null;
      const record: ImportRecord = {
        at: new Date().toISOString(),
        userId: actor.id,
        sourceRelease: query.name,
        measures: [query.code],
        counts: counts(subjects.added, subjects.changed + subjects.removed, subjects.unchanged),
      };
      const upload = await insertBenchmarkUpload(tx, {
        organisationId: organisation.id,
        kind: 'sn_model',
        fileName: query.fileName,
        sha256: sha,
        byteSize: bytes.length,
        uploadedBy: actor.id,
        outcome: created || listChanged ? 'committed' : 'no_change',
        summary: { version: 1, imports: [record], links: plan.neighbours.length },
      });
      await recordAudit(tx, {
        action: 'benchmarks.sn_model.import',
        userId: actor.id,
        username: actor.username,
        target: query.code,
        details: { ...details, uploadId: upload.id, created, subjects, layout: plan.layout },
        ...meta,
      });
      return {
        upload: uploadDto(upload),
        model: await modelSummary(
          tx,
          organisation,
          { id, code: query.code, name: query.name, publishedOn: query.publishedOn, sourceFile: query.fileName },
          { subjects: after.size, neighbours: plan.neighbours.length },
        ),
        layout: plan.layout,
        created,
        subjects,
        oldBlock: plan.oldBlock,
        skipped: { unknownSubjects: plan.unknownSubjects, unknownNeighbours: plan.unknownNeighbours },
        neighbourAverages,
      };
    });
  });
}

export async function listSnModels(deps: BenchmarkDeps): Promise<SnModelListResponse> {
  const { db } = deps;
  const organisation = await requireOrganisation(db);
  const models = await listSnModelsWithCounts(db);
  return {
    inUse: models.find((m) => m.id === organisation.snModelId)?.code ?? null,
    models: await Promise.all(models.map((m) => modelSummary(db, organisation, m, m))),
  };
}

/**
 * The model the organisation benchmarks against. Its neighbour averages are recomputed for
 * every measure with DfE figures, in the same transaction, so the scorecard's neighbour line
 * switches to the new model at once.
 */
export async function chooseSnModel(
  deps: BenchmarkDeps,
  actor: BenchmarkActor,
  meta: RequestMeta,
  modelCode: string,
): Promise<ChooseSnModelResponse> {
  const { db } = deps;
  const organisation = await requireOrganisation(db);
  const details = { modelCode, previous: organisation.snModelId };
  return audited(db, actor, meta, 'organisation.sn_model.change', modelCode, details, async () => {
    const model = await findSnModelByCode(db, modelCode);
    if (!model) {
      throw new NotFoundError(
        `There is no statistical-neighbour model ${JSON.stringify(modelCode)}. Import it first (POST /api/benchmarks/sn-models).`,
      );
    }
    const areas = await loadKnownAreas(db);
    const neighbours: Neighbour[] = await neighboursOf(db, model.id, organisation.areaCode);
    if (neighbours.length === 0) {
      throw new BadRequestError(
        `${model.name} has no neighbour list for ${areaName(areas, organisation.areaCode)}, so it cannot be the organisation's model.`,
        [{ path: 'body.modelCode', message: `No neighbours for ${organisation.areaCode} in ${model.code}` }],
      );
    }
    const previous = organisation.snModelId ? ((await findSnModelById(db, organisation.snModelId)) ?? null) : null;
    return db.transaction(async (tx) => {
      await lockBenchmarks(tx, organisation.id);
      await setOrganisationSnModel(tx, organisation.id, model.id);
      const neighbourAverages = await writeNeighbourAverages(tx, {
        organisation,
        model: { id: model.id, code: model.code, name: model.name },
        measureCodes: 'all',
        areas,
      });
      await recordAudit(tx, {
        action: 'organisation.sn_model.change',
        userId: actor.id,
        username: actor.username,
        target: model.code,
        details: {
          from: previous?.code ?? null,
          to: model.code,
          neighbours: neighbours.map((n) => n.areaCode),
          averages: neighbourAverages.written,
        },
        ...meta,
      });
      return {
        organisation: { areaCode: organisation.areaCode, name: areaName(areas, organisation.areaCode) },
        snModel: { code: model.code, name: model.name },
        previous: previous ? { code: previous.code, name: previous.name } : null,
        neighbours,
        neighbourAverages,
      };
    });
  });
}

// ---------------------------------------------------------------- sources

export async function listBenchmarkSources(deps: BenchmarkDeps): Promise<BenchmarkSourcesResponse> {
  const { db } = deps;
  const organisation = await requireOrganisation(db);
  const rows = await listImportedBenchmarkUploads(db, organisation.id, [...BENCHMARK_UPLOAD_KINDS]);
  const imports = rows.flatMap((row) => (row.imports ?? []).map((record) => ({ row, record })));
  const people = await usersById(db, [...new Set(imports.map((i) => i.record.userId))]);
  const sources = imports
    .map(({ row, record }) => ({
      uploadId: row.id,
      kind: row.kind as BenchmarkUploadKind,
      fileName: row.fileName,
      sha256: row.sha256,
      byteSize: row.byteSize,
      sourceRelease: record.sourceRelease,
      importedAt: record.at,
      importedBy: people.get(record.userId) ?? null,
      measures: record.measures,
      rows: record.counts.inserted + record.counts.changed + record.counts.unchanged,
      counts: record.counts,
    }))
    .sort((a, b) => b.importedAt.localeCompare(a.importedAt) || b.uploadId - a.uploadId);
  const [years, indicatorsByMeasure] = await Promise.all([
    populationYears(db),
    indicatorsByComparatorMeasure(db, organisation.id),
  ]);
  return {
    sources,
    populationYears: years,
    measureKpis: [...indicatorsByMeasure].map(([measureCode, kpis]) => ({
      measureCode,
      kpis: kpis.map(({ code, title }) => ({ code, title })),
    })),
  };
}
