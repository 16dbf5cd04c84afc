import { z } from 'zod';
import { benchmarkUploadKindSchema, countsSchema } from './common';

// ---------------------------------------------------------------- sources

export const benchmarkSourceSchema = z.object({
  uploadId: z.number().int(),
  kind: benchmarkUploadKindSchema,
  fileName: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  sourceRelease: z.string(),
  importedAt: z.string(),
  importedBy: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  /** Measure codes (DfE releases), `population_0_17` or the model code. */
  measures: z.array(z.string()),
  /** Values, populations or neighbour links the import wrote or confirmed. */
  rows: z.number().int(),
  counts: countsSchema,
});
export type BenchmarkSource = z.infer<typeof benchmarkSourceSchema>;

export const benchmarkSourcesResponseSchema = z.object({
  sources: z.array(benchmarkSourceSchema),
  /** The ONS 0–17 estimates held, by mid-year, for rates per 10,000. */
  populationYears: z.array(
    z.object({ year: z.number().int(), areas: z.number().int(), releases: z.array(z.string()) }),
  ),
  /** The organisation's KPIs compared with each measure, so a source's measures can be named as KPIs. */
  measureKpis: z.array(
    z.object({ measureCode: z.string(), kpis: z.array(z.object({ code: z.string(), title: z.string() })) }),
  ),
});
export type BenchmarkSourcesResponse = z.infer<typeof benchmarkSourcesResponseSchema>;
