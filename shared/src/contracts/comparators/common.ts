import { z } from 'zod';
import { geographicLevelSchema, uploadOutcomeSchema } from '../enums';

/** Pieces every comparator contract shares: file limits, upload kinds, counts, areas and neighbours. */

/** The largest benchmark file accepted (a national DfE file is well under 1 MB). */
export const MAX_BENCHMARK_FILE_BYTES = 20 * 1024 * 1024;

/**
 * When a DfE figure applies: a position at 31 March (CP plans, children looked after), events in
 * the year ending 31 March (referrals, ICPCs), or the social work workforce census at 30 September.
 */
export const DFE_TIMINGS = ['at31March', 'yearToMarch', 'workforceCensus'] as const;
export const dfeTimingSchema = z.enum(DFE_TIMINGS);
export type DfeTimingName = z.infer<typeof dfeTimingSchema>;

export const BENCHMARK_UPLOAD_KINDS = ['dfe_release', 'ons_population', 'sn_model'] as const;
export const benchmarkUploadKindSchema = z.enum(BENCHMARK_UPLOAD_KINDS);
export type BenchmarkUploadKind = z.infer<typeof benchmarkUploadKindSchema>;

export const fileNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the file name')
  .max(255, 'Use a file name of at most 255 characters')
  .refine(
    (name) => !/[\\/]/.test(name) && [...name].every((c) => c.charCodeAt(0) >= 32),
    'Use a plain file name without folders or control characters',
  );
export const releaseSchema = z
  .string()
  .trim()
  .min(3, 'Name the release, e.g. "DfE Children in need 2025, table C4"')
  .max(300);

export const measureCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,59}$/, 'Use lower-case letters, digits and underscores, e.g. icpc_timeliness_pct');

export const countsSchema = z.object({
  inserted: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
});
export type BenchmarkCounts = z.infer<typeof countsSchema>;
// ---------------------------------------------------------------- shared pieces

export const benchmarkUploadSchema = z.object({
  id: z.number().int(),
  kind: benchmarkUploadKindSchema,
  fileName: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  uploadedAt: z.string(),
  outcome: uploadOutcomeSchema,
});
export type BenchmarkUpload = z.infer<typeof benchmarkUploadSchema>;

/** A row (or rows) whose area the product does not know: skipped, never guessed. */
export const unknownAreaSchema = z.object({
  /** The first spreadsheet row with this area. */
  row: z.number().int(),
  rows: z.number().int(),
  level: geographicLevelSchema,
  code: z.string(),
  name: z.string(),
});
export type UnknownArea = z.infer<typeof unknownAreaSchema>;

export const otherLevelSchema = z.object({ level: z.string(), rows: z.number().int() });

export const areaRefSchema = z.object({ areaCode: z.string(), name: z.string() });

export const neighbourSchema = z.object({
  rank: z.number().int(),
  areaCode: z.string(),
  name: z.string(),
  oldLaCode: z.string().nullable(),
  closeness: z.string().nullable(),
});
export type Neighbour = z.infer<typeof neighbourSchema>;

export const snModelRefSchema = z.object({ code: z.string(), name: z.string() });
