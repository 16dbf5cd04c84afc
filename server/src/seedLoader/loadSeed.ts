import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeedData } from '@kpi/seed';
import type { Db } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { applySeed, type SeedReport } from './writeSeed';

export { applySeed, countRows, SEEDED_TABLES, type SeededTable, type SeedReport } from './writeSeed';

/** The repository root (the pnpm workspace), from this file's location. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where the reference data lives by default: `data/reference/` inside the repository (its
 * PROVENANCE.md says where each file came from and under which licence).
 * Callers that honour REFERENCE_DIR pass it as `referenceDir`; this module reads no environment.
 */
export const DEFAULT_REFERENCE_DIR = path.join(REPO_ROOT, 'data', 'reference');

export interface SeedDemoOptions {
  /** The reference folder (`contract-kpis-2018.csv`, `dfe/` …); defaults to DEFAULT_REFERENCE_DIR. */
  referenceDir?: string;
}

/**
 * Loads the demo data set from the reference files and writes it (idempotent): areas, both DfE
 * statistical-neighbour models, populations, Sandwell with its Contract 2018 KPIs, thresholds,
 * the COVID relief event, meetings, real and illustrative observations, and comparators.
 * Users and accounts are not part of it.
 */
export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<SeedReport & { loadMs: number }> {
  const started = performance.now();
  const data = await loadSeedData(path.resolve(options.referenceDir ?? DEFAULT_REFERENCE_DIR));
  const loadMs = Math.round(performance.now() - started);
  // The seed writes an organisation and every row under it: system work, past row-level security.
  const report = await withTenantScope('system', () => applySeed(db, data));
  return { ...report, loadMs };
}
