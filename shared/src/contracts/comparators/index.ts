/**
 * Benchmark data: DfE release files (EES tidy CSV), ONS 0–17 populations and DfE
 * statistical-neighbour lists, imported by analysts, commissioners and administrators, and the
 * statistical-neighbour model the organisation benchmarks against (administrators).
 * Every request and response of /api/benchmarks and /api/organisation/sn-model is described in this folder, one file per
 * topic; everything public is exported from here (and so from @kpi/shared).
 */

export {
  areaRefSchema,
  BENCHMARK_UPLOAD_KINDS,
  type BenchmarkCounts,
  type BenchmarkUpload,
  type BenchmarkUploadKind,
  benchmarkUploadKindSchema,
  benchmarkUploadSchema,
  DFE_TIMINGS,
  type DfeTimingName,
  dfeTimingSchema,
  MAX_BENCHMARK_FILE_BYTES,
  measureCodeSchema,
  type Neighbour,
  neighbourSchema,
  snModelRefSchema,
  type UnknownArea,
  unknownAreaSchema,
} from './common';
export * from './dfeRelease';
export * from './neighbourAverages';
export * from './populations';
export * from './snModels';
export * from './sources';
