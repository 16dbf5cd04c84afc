import { type DfeMeasureMapping, ENGLAND_AREA_CODE } from '@kpi/readers';
import { DFE_MEASURES } from '@kpi/seed';
import type { DfeImportBody, DfeImportResponse, DfePreviewResponse, Unit } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit/auditRepository';
import { ConflictError, NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { areaName, type KnownAreas } from './areaNames';
import {
  findBenchmarkUpload,
  type ImportRecord,
  importsOfSha,
  insertBenchmarkUpload,
  recordUploadImport,
} from './benchmarkUploadRepository';
import { lockBenchmarks } from './benchmarkWrites';
import { wantedFigures } from './comparatorFileJobs';
import { diffComparatorsYielding } from './diff';
import { deleteComparators, insertComparators, loadDfeAreaValues, updateComparators } from './importedFigureRepository';
import { writeNeighbourAverages } from './neighbourAverages';
import { valueKey } from './planDfeImport';
import { loadPopulationLookup } from './populationRepository';
import { indicatorsByComparatorMeasure } from './referenceRepository';
import {
  audited,
  type BenchmarkDeps,
  counts,
  loadKnownAreas,
  MAX_CHANGES_LISTED,
  outcomeAfter,
  sha256,
  uploadDto,
} from './serviceContext';
import { findSnModelById } from './snModelRepository';

/**
 * A DfE release file: preview it (kept as an upload, nothing else written), then import it with
 * mappings — every area's figures and the organisation's neighbour averages, or a dry run that
 * answers exactly as the import would and rolls back.
 */

// ---------------------------------------------------------------- DfE release: preview

export async function previewDfeRelease(
  deps: BenchmarkDeps,
  context: RequestContext,
  file: { fileName: string; bytes: Buffer },
): Promise<DfePreviewResponse> {
  const { db } = deps;
  const organisation = await context.requireOrganisation();
  const actor = context.user!;
  const sha = await sha256(file.bytes);
  const details = { fileName: file.fileName, sha256: sha, byteSize: file.bytes.length };
  return audited(db, context, 'benchmarks.dfe_release.preview', file.fileName, details, async () => {
    const areas = await loadKnownAreas(db);
    // Decoded, parsed and summarised off the event loop; the bytes are handed over to the reader.
    const { preview, summaryJson } = await deps.readers.run('previewDfe', { bytes: file.bytes, areas });
    const [previous, indicatorsByMeasure] = await Promise.all([
      importsOfSha(db, organisation.id, 'dfe_release', sha),
      indicatorsByComparatorMeasure(db, organisation.id),
    ]);
    const upload = await insertBenchmarkUpload(db, {
      organisationId: organisation.id,
      kind: 'dfe_release',
      fileName: file.fileName,
      sha256: sha,
      byteSize: details.byteSize,
      uploadedBy: actor.id,
      outcome: 'validated',
      // The file is kept (as text) so that it can be imported, with any mappings, from its upload id.
      summary: sql`${summaryJson}::jsonb`,
    });
    await recordAudit(db, {
      ...context.auditActor(),
      action: 'benchmarks.dfe_release.preview',
      target: `upload ${upload.id}`,
      details: { ...details, rows: preview.rowCount },
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

export async function importDfeRelease(
  deps: BenchmarkDeps,
  context: RequestContext,
  body: DfeImportBody,
): Promise<DfeImportResponse> {
  const started = performance.now();
  const { db } = deps;
  const organisation = await context.requireOrganisation();
  const actor = context.user!;
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
  return audited(db, context, 'benchmarks.dfe_release.import', `upload ${upload.id}`, details, async () => {
    if (!upload.text) throw new ConflictError('The file of this upload is no longer held. Preview it again.');
    const mappings = body.mappings as DfeMeasureMapping[];
    const [areas, populations, indicatorsByMeasure] = await Promise.all([
      loadKnownAreas(db),
      mappings.some((m) => m.rateFromCount) ? loadPopulationLookup(db) : Promise.resolve(new Map<string, number>()),
      indicatorsByComparatorMeasure(db, organisation.id),
    ]);
    // Parsed and planned off the event loop: the figures come back as JSON, parsed a chunk at a time.
    const read = await deps.readers.run('planDfe', {
      text: upload.text,
      fileName: upload.fileName,
      sourceRelease: body.sourceRelease,
      mappings,
      areas,
      populations,
      knownMeasures: KNOWN_MEASURES,
      indicatorsByMeasure,
      headlineAreas: headlineAreasOf(areas, organisation),
    });
    const { plan, headline } = read;
    const wanted = await wantedFigures(read);
    const measureCodes = plan.measures.map((m) => m.measureCode);
    const model = organisation.snModelId ? ((await findSnModelById(db, organisation.snModelId)) ?? null) : null;
    const dryRun = body.dryRun === true;

    const importing = db.transaction(async (tx) => {
      await lockBenchmarks(tx, organisation.id);
      const existing = await loadDfeAreaValues(tx, measureCodes);
      const diff = await diffComparatorsYielding(wanted, existing, valueKey);
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
          ...context.auditActor(),
          action: 'benchmarks.dfe_release.import',
          target: `upload ${upload.id}`,
          details: {
            ...details,
            totals,
            neighbourAverages: neighbourAverages.written,
            snModel: neighbourAverages.snModel?.code ?? null,
            skippedAreas: plan.unknownAreas.length,
          },
        });
      }

      const numbers = new Map(read.numbers.map((n) => [n.measureCode, n]));
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
            periods: n?.periods ?? [],
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
