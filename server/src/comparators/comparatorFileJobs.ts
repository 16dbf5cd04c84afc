import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { type DfeMeasureMapping, decodeCsvBytes, readTidyCsv } from '@kpi/readers';
import type { DfeImportResponse, DfePreviewResponse, Unit } from '@kpi/shared';
import type { KnownAreas } from './areaNames';
import type { Wanted } from './diff';
import { type DfePlan, type KnownMeasure, planDfeImport, valueKey } from './planDfeImport';
import { planPopulations } from './planPopulations';
import { planSnModel } from './planSnModel';
import { previewDfeTable } from './previewDfe';
import { readSnList } from './readSnList';

/**
 * The CPU-heavy part of each benchmark import — decoding, parsing and checking the file, and
 * planning what to store — as functions of plain data, run in the file reader pool's worker
 * thread (server/src/fileReaders/) so that a 20 MB file does not hold up everyone else's requests.
 * What they return is small, or already in the form the event loop needs: a parsed table of
 * 100,000 rows takes longer to copy between threads than to parse, so it never leaves the worker.
 */

export interface DfePreviewJob {
  bytes: Buffer;
  areas: KnownAreas;
}

export interface DfePreviewRead {
  preview: ReturnType<typeof previewDfeTable>;
  /**
   * The upload's `summary`, with the file's text kept for the import, as JSON: serialising 20 MB
   * of text takes a fifth of a second, which is the worker's to spend, not the event loop's.
   */
  summaryJson: string;
}

export function readDfePreview({ bytes, areas }: DfePreviewJob): DfePreviewRead {
  const text = decodeCsvBytes(bytes);
  const table = readTidyCsv(text);
  const preview = previewDfeTable(table, areas);
  const summary = { version: 1, text, rowCount: preview.rowCount, columns: table.columns, imports: [] };
  return { preview, summaryJson: JSON.stringify(summary) };
}

export interface DfePlanJob {
  text: string;
  fileName: string;
  sourceRelease: string;
  mappings: DfeMeasureMapping[];
  areas: KnownAreas;
  /** ONS 0–17 estimates by `areaCode|year` (only when a mapping computes a rate from a count). */
  populations: ReadonlyMap<string, number>;
  knownMeasures: Readonly<Record<string, KnownMeasure>>;
  indicatorsByMeasure: ReadonlyMap<string, ReadonlyArray<{ code: string; unit: Unit }>>;
  headlineAreas: DfePreviewResponse['headlineAreas'];
}

/** Figures per JSON chunk: one chunk is parsed on the event loop between other requests. */
const WANTED_PER_CHUNK = 5000;

export interface DfePlanRead {
  plan: Omit<DfePlan, 'values'>;
  /** The figures to store as JSON arrays of `Wanted`, a chunk at a time (see `wantedFigures`). */
  wantedChunks: string[];
  headline: DfeImportResponse['headline'];
  /** Per measure: figures, suppressed figures, and the periods they cover. */
  numbers: Array<{ measureCode: string; numbers: number; suppressed: number; periods: string[] }>;
}

export function planDfeFile(job: DfePlanJob): DfePlanRead {
  const { values, ...plan } = planDfeImport({
    table: readTidyCsv(job.text),
    fileName: job.fileName,
    sourceRelease: job.sourceRelease,
    mappings: job.mappings,
    areas: job.areas,
    population: (areaCode, year) => job.populations.get(`${areaCode}|${year}`) ?? null,
    knownMeasures: job.knownMeasures,
    indicatorsByMeasure: job.indicatorsByMeasure,
  });
  const wantedChunks: string[] = [];
  for (let i = 0; i < values.length; i += WANTED_PER_CHUNK) {
    const wanted: Wanted[] = values.slice(i, i + WANTED_PER_CHUNK).map((v) => ({
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
      numerator: v.numerator,
      denominator: v.denominator,
      source: v.source,
      sourceRelease: v.sourceRelease,
      sourceFile: v.sourceFile,
    }));
    wantedChunks.push(JSON.stringify(wanted));
  }
  const numbers = new Map<string, { numbers: number; suppressed: number; periods: Set<string> }>();
  for (const v of values) {
    const m = numbers.get(v.measureCode) ?? { numbers: 0, suppressed: 0, periods: new Set<string>() };
    if (v.value !== null) m.numbers++;
    if (v.symbol !== null) m.suppressed++;
    m.periods.add(v.timePeriod);
    numbers.set(v.measureCode, m);
  }
  return {
    plan,
    wantedChunks,
    headline: headlineOf(plan.measures, values, job.headlineAreas),
    numbers: [...numbers].map(([measureCode, n]) => ({ ...n, measureCode, periods: [...n.periods].sort() })),
  };
}

/** The figures to store, parsed a chunk at a time, letting other requests in between. */
export async function wantedFigures(read: DfePlanRead): Promise<Wanted[]> {
  const wanted: Wanted[] = [];
  for (const chunk of read.wantedChunks) {
    for (const w of JSON.parse(chunk) as Wanted[]) wanted.push(w);
    await yieldToLoop();
  }
  return wanted;
}

/** The organisation's, region's and England's planned figures, by measure and period, newest first. */
function headlineOf(
  measures: DfePlan['measures'],
  values: DfePlan['values'],
  headlineAreas: DfePreviewResponse['headlineAreas'],
): DfeImportResponse['headline'] {
  const roles = new Map<string, 'organisation' | 'region' | 'england'>([
    [headlineAreas.organisation.areaCode, 'organisation'],
    [headlineAreas.england.areaCode, 'england'],
  ]);
  if (headlineAreas.region) roles.set(headlineAreas.region.areaCode, 'region');
  const rows = new Map<string, DfeImportResponse['headline'][number]>();
  for (const v of values) {
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
  const order = new Map(measures.map((m, i) => [m.measureCode, i]));
  return [...rows.values()].sort(
    (a, b) =>
      order.get(a.measureCode)! - order.get(b.measureCode)! ||
      b.timePeriod.localeCompare(a.timePeriod) ||
      a.timeIdentifier.localeCompare(b.timeIdentifier),
  );
}

export function planPopulationFile({ bytes, areas }: { bytes: Buffer; areas: KnownAreas }) {
  return planPopulations(readTidyCsv(decodeCsvBytes(bytes)), areas);
}

export async function planSnListFile({
  fileName,
  bytes,
  areas,
}: {
  fileName: string;
  bytes: Buffer;
  areas: KnownAreas;
}) {
  return planSnModel(await readSnList(fileName, bytes), areas);
}
