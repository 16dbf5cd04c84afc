import { type ComparatorSeed, neighbourAveragesWithDetail, type SnNeighbourSeed, snModelLabel } from '@kpi/seed';
import type { NeighbourAverages, NeighbourAverageValue } from '@kpi/shared';
import type { DbOrTx } from '../db/database';
import { areaName, type KnownAreas } from './areaNames';
import { diffComparators, type Wanted } from './diff';
import {
  deleteComparators,
  insertComparators,
  listDfeMeasureCodes,
  loadDfeAreaValues,
  loadNeighbourAverageRows,
  type StoredComparator,
  updateComparators,
} from './importedFigureRepository';
import { neighboursOf } from './snModelRepository';

/**
 * The organisation's statistical-neighbour averages for a model, written from the area figures
 * held (DfE files and computations from them): the plain mean of the neighbours with a number,
 * `contributing_count` saying how many (the demo seed's own computation). Averages a recompute no
 * longer produces (every neighbour now suppressed) are removed. Runs inside the caller's transaction.
 */
export async function writeNeighbourAverages(
  tx: DbOrTx,
  params: {
    organisation: { areaCode: string };
    model: { id: number; code: string; name: string } | null;
    /** Measures to recompute, or every measure with DfE-derived figures. */
    measureCodes: string[] | 'all';
    areas: KnownAreas;
  },
): Promise<NeighbourAverages> {
  const { organisation, model, areas } = params;
  const result: NeighbourAverages = {
    organisation: { areaCode: organisation.areaCode, name: areaName(areas, organisation.areaCode) },
    snModel: model ? { code: model.code, name: model.name } : null,
    reason: null,
    written: { inserted: 0, changed: 0, unchanged: 0, removed: 0 },
    values: [],
  };
  if (!model) {
    return {
      ...result,
      reason: 'No statistical-neighbour model is chosen for the organisation, so no neighbour averages were computed.',
    };
  }
  const list = await neighboursOf(tx, model.id, organisation.areaCode);
  if (list.length === 0) {
    return {
      ...result,
      reason: `${model.name} has no neighbour list for ${result.organisation.name}, so no neighbour averages were computed.`,
    };
  }
  const measureCodes = params.measureCodes === 'all' ? await listDfeMeasureCodes(tx) : params.measureCodes;
  const rows = await loadDfeAreaValues(
    tx,
    measureCodes,
    list.map((n) => n.areaCode),
  );
  const latest = new Map<string, StoredComparator>();
  for (const row of rows) latest.set(`${row.measureCode}|${row.areaCode}|${row.timePeriod}|${row.timeIdentifier}`, row);
  const seeds: ComparatorSeed[] = [...latest.values()].map((r) => ({
    measureCode: r.measureCode,
    kind: 'area',
    areaCode: r.areaCode,
    snModelCode: null,
    contributingCount: null,
    unit: r.unit,
    timePeriod: r.timePeriod,
    timeIdentifier: r.timeIdentifier,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    value: r.value,
    symbol: r.symbol,
    source: r.source,
    sourceRelease: r.sourceRelease,
    sourceFile: r.sourceFile,
  }));
  const links: SnNeighbourSeed[] = list.map((n) => ({
    modelCode: model.code,
    areaCode: organisation.areaCode,
    neighbourAreaCode: n.areaCode,
    rank: n.rank,
    closeness: n.closeness,
  }));
  const label = (code: string) => {
    const known = snModelLabel(code);
    return known === code ? model.name : known;
  };
  const details = neighbourAveragesWithDetail(seeds, links, [model.code], organisation.areaCode, label);

  const keyOf = (r: { measureCode: string; timePeriod: string; timeIdentifier: string }) =>
    `${r.measureCode}|${r.timePeriod}|${r.timeIdentifier}`;
  const wanted: Wanted[] = details.map(({ average: a }) => ({
    key: keyOf(a),
    measureCode: a.measureCode,
    kind: 'statistical_neighbour_average',
    areaCode: organisation.areaCode,
    snModelId: model.id,
    contributingCount: a.contributingCount,
    unit: a.unit,
    timePeriod: a.timePeriod,
    timeIdentifier: a.timeIdentifier,
    periodStart: a.periodStart,
    periodEnd: a.periodEnd,
    value: a.value,
    symbol: null,
    source: 'computed',
    sourceRelease: a.sourceRelease,
    sourceFile: a.sourceFile,
  }));
  const existing = await loadNeighbourAverageRows(tx, organisation.areaCode, model.id, measureCodes);
  const diff = diffComparators(wanted, existing, keyOf, { removeMissing: true });
  await deleteComparators(tx, diff.deletes);
  await updateComparators(tx, diff.updates);
  await insertComparators(tx, diff.inserts);

  result.written = {
    inserted: diff.inserted.length,
    changed: diff.changed.length,
    unchanged: diff.unchanged.length,
    removed: diff.missing.length,
  };
  result.values = details
    .map(
      ({ average, neighbours }): NeighbourAverageValue => ({
        measureCode: average.measureCode,
        timePeriod: average.timePeriod,
        timeIdentifier: average.timeIdentifier,
        value: average.value!,
        contributingCount: average.contributingCount!,
        of: neighbours.length,
        leftOut: neighbours
          .filter((n) => n.value === null)
          .map((n) => ({
            areaCode: n.areaCode,
            name: areaName(areas, n.areaCode),
            reason: !n.present ? 'no_row' : n.symbol ? 'suppressed' : 'no_figure',
            symbol: n.symbol,
          })),
      }),
    )
    .sort((a, b) => a.measureCode.localeCompare(b.measureCode) || a.timePeriod.localeCompare(b.timePeriod));
  return result;
}
