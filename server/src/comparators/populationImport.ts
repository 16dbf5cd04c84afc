import type { PopulationImportQuery, PopulationImportResponse } from '@kpi/shared';
import { recordAudit } from '../audit/auditRepository';
import type { RequestContext } from '../http/requestContext';
import { areaName } from './areaNames';
import { type ImportRecord, insertBenchmarkUpload } from './benchmarkUploadRepository';
import { lockBenchmarks } from './benchmarkWrites';
import { insertPopulations, loadPopulationsOfRelease, updatePopulations } from './populationRepository';
import {
  audited,
  type BenchmarkDeps,
  counts,
  loadKnownAreas,
  MAX_CHANGES_LISTED,
  sha256,
  uploadDto,
} from './serviceContext';

/** ONS mid-year 0–17 population estimates: the denominators of rates per 10,000. */

const DEFAULT_POPULATION_RELEASE = (fileName: string) =>
  `ONS mid-year population estimates, children aged 0 to 17 (${fileName})`;

export async function importPopulations(
  deps: BenchmarkDeps,
  context: RequestContext,
  query: PopulationImportQuery,
  bytes: Buffer,
): Promise<PopulationImportResponse> {
  const started = performance.now();
  const { db } = deps;
  const organisation = await context.requireOrganisation();
  const actor = context.user!;
  const sha = await sha256(bytes);
  const sourceRelease = query.sourceRelease ?? DEFAULT_POPULATION_RELEASE(query.fileName);
  const details = { fileName: query.fileName, sha256: sha, byteSize: bytes.length, sourceRelease };
  return audited(db, context, 'benchmarks.populations.import', query.fileName, details, async () => {
    const areas = await loadKnownAreas(db);
    // Off the event loop; the bytes are handed over to the reader (byteSize is taken above).
    const plan = await deps.readers.run('planPopulations', { bytes, areas });
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
        byteSize: details.byteSize,
        uploadedBy: actor.id,
        outcome: rows.inserted + rows.changed > 0 ? 'committed' : 'no_change',
        summary: { version: 1, imports: [record] },
      });
      await recordAudit(tx, {
        ...context.auditActor(),
        action: 'benchmarks.populations.import',
        target: `upload ${upload.id}`,
        details: { ...details, rows },
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
