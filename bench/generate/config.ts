import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_ROOT, '..');
export const DEFAULT_REFERENCE_DIR = process.env.REFERENCE_DIR ?? path.join(REPO_ROOT, 'data', 'reference');

export type ScaleName = 'small' | 'full';

export interface Scale {
  name: ScaleName;
  /** Local authorities that get an organisation, 60 KPIs and ten years of monthly returns (Sandwell first). */
  authorities: number;
  /** Generated DfE tidy-CSV files; each carries MEASURES_PER_FILE annual measures for every area. */
  dfeFiles: number;
  /** Seconds of autocannon load per endpoint. */
  loadSeconds: number;
  /** Page loads per Chromium measurement. */
  browserRuns: number;
}

export const MEASURES_PER_FILE = 30;
export const KPI_COUNT = 60;
/** Ten DfE reporting years, as the real tidy files have them (2016 … 2025). */
export const DFE_YEARS = Array.from({ length: 10 }, (_, i) => 2025 - i);
/**
 * Ten years of monthly returns. The last month is the last one the demo's Scrutiny Board meetings
 * have published (July 2025), so a councillor's scorecard opens on the 60-KPI set at its latest
 * month, with every figure visible; the 120 months before it are the backfill.
 */
export const RETURNS_FIRST_MONTH = '2015-08';
export const RETURNS_LAST_MONTH = '2025-07';
export const BENCH_KPI_SET = 'BENCH-10Y';
export const SEED = 20_250_731;

export const SCALES: Record<ScaleName, Scale> = {
  // 10 authorities × 60 KPIs × 120 months = 72,000 observations; 90 annual indicators.
  small: { name: 'small', authorities: 10, dfeFiles: 3, loadSeconds: 5, browserRuns: 5 },
  // 153 × 60 × 120 = 1,101,600 observations; 300 annual indicators.
  full: { name: 'full', authorities: 153, dfeFiles: 10, loadSeconds: 10, browserRuns: 7 },
};

export function dataDir(scale: ScaleName): string {
  return path.join(BENCH_ROOT, '.data', scale);
}
