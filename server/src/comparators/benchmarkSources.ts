import { BENCHMARK_UPLOAD_KINDS, type BenchmarkSourcesResponse, type BenchmarkUploadKind } from '@kpi/shared';
import type { RequestContext } from '../http/requestContext';
import { listImportedBenchmarkUploads, usersById } from './benchmarkUploadRepository';
import { populationYears } from './populationRepository';
import { indicatorsByComparatorMeasure } from './referenceRepository';
import type { BenchmarkDeps } from './serviceContext';

/** Every benchmark import made: file, release, who, when, measures and rows. */

export async function listBenchmarkSources(
  deps: BenchmarkDeps,
  context: RequestContext,
): Promise<BenchmarkSourcesResponse> {
  const { db } = deps;
  const organisation = await context.requireOrganisation();
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
