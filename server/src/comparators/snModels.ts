import type {
  ChooseSnModelResponse,
  Neighbour,
  SnModelImportQuery,
  SnModelImportResponse,
  SnModelListResponse,
  SnModelSummary,
} from '@kpi/shared';
import { recordAudit } from '../audit/auditRepository';
import type { DbOrTx } from '../db/database';
import { BadRequestError, NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { areaName } from './areaNames';
import { type ImportRecord, insertBenchmarkUpload } from './benchmarkUploadRepository';
import { lockBenchmarks } from './benchmarkWrites';
import { writeNeighbourAverages } from './neighbourAverages';
import { audited, type BenchmarkDeps, counts, loadKnownAreas, sha256, uploadDto } from './serviceContext';
import {
  findSnModelByCode,
  findSnModelById,
  listSnModelsWithCounts,
  loadSnNeighbourLinks,
  neighboursOf,
  replaceSnNeighbours,
  setOrganisationSnModel,
  upsertSnModel,
} from './snModelRepository';

/** DfE statistical-neighbour models: import one, list them, choose the organisation's. */

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
  context: RequestContext,
  query: SnModelImportQuery,
  bytes: Buffer,
): Promise<SnModelImportResponse> {
  const { db } = deps;
  const organisation = await context.requireOrganisation();
  const actor = context.user!;
  const sha = await sha256(bytes);
  const details = { fileName: query.fileName, sha256: sha, byteSize: bytes.length, model: query.code };
  return audited(db, context, 'benchmarks.sn_model.import', query.code, details, async () => {
    const areas = await loadKnownAreas(db);
    // Off the event loop; the bytes are handed over to the reader (byteSize is taken above).
    const plan = await deps.readers.run('planSnList', { fileName: query.fileName, bytes, areas });
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
        byteSize: details.byteSize,
        uploadedBy: actor.id,
        outcome: created || listChanged ? 'committed' : 'no_change',
        summary: { version: 1, imports: [record], links: plan.neighbours.length },
      });
      await recordAudit(tx, {
        ...context.auditActor(),
        action: 'benchmarks.sn_model.import',
        target: query.code,
        details: { ...details, uploadId: upload.id, created, subjects, layout: plan.layout },
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

export async function listSnModels(deps: BenchmarkDeps, context: RequestContext): Promise<SnModelListResponse> {
  const { db } = deps;
  const organisation = await context.requireOrganisation();
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
  context: RequestContext,
  modelCode: string,
): Promise<ChooseSnModelResponse> {
  const { db } = deps;
  const organisation = await context.requireOrganisation();
  const details = { modelCode, previous: organisation.snModelId };
  return audited(db, context, 'organisation.sn_model.change', modelCode, details, async () => {
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
        ...context.auditActor(),
        action: 'organisation.sn_model.change',
        target: model.code,
        details: {
          from: previous?.code ?? null,
          to: model.code,
          neighbours: neighbours.map((n) => n.areaCode),
          averages: neighbourAverages.written,
        },
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
