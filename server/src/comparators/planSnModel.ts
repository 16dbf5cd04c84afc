import { type SnList, TidyCsvError } from '@kpi/readers';
import type { KnownAreas } from './areaNames';
import { ProblemList } from './problems';

/**
 * DfE's statistical-neighbour list, as read from its CSV or workbook (readSnList.ts) → the neighbour
 * links to store (pure). LA numbers are matched to areas by DfE LA number, GSS codes (E06…, E08…)
 * by area code. A subject or neighbour
 * the product does not know is skipped and reported (as the demo seed does); a cell that is not
 * an LA number, an authority listed twice, or a neighbour listed twice in one list is refused.
 */

export interface PlannedNeighbour {
  areaCode: string;
  neighbourAreaCode: string;
  rank: number;
  closeness: string | null;
}

export interface SnModelPlan {
  layout: SnList['layout'];
  neighbours: PlannedNeighbour[];
  subjects: number;
  oldBlock: number;
  unknownSubjects: Array<{ row: number; laNumber: string; name: string }>;
  unknownNeighbours: Array<{ row: number; subject: string; rank: number; laNumber: string }>;
}

/** An LA number or a GSS code → the area's code, or undefined when the dashboard does not know it. */
function areaOf(areas: KnownAreas, code: string): string | undefined {
  return /^E\d{8}$/.test(code) ? areas.byCode.get(code) : areas.byOldLaCode.get(code);
}

export function planSnModel(list: SnList, areas: KnownAreas): SnModelPlan {
  const { locate } = list;
  const problems = new ProblemList();
  for (const p of list.problems) problems.add(p.path, p.message);
  const seen = new Map<string, number>();
  const neighbours: PlannedNeighbour[] = [];
  const unknownSubjects: SnModelPlan['unknownSubjects'] = [];
  const unknownNeighbours: SnModelPlan['unknownNeighbours'] = [];
  let subjects = 0;
  let oldBlock = 0;
  for (const entry of list.entries) {
    const earlier = seen.get(entry.laNumber);
    if (earlier !== undefined) {
      problems.add(
        `file.row.${entry.row}`,
        `${locate(entry.row, list.laColumn, null)}: ${locate(earlier, list.laColumn, null)} already lists the neighbours of LA ${entry.laNumber} (${entry.name})`,
      );
      continue;
    }
    seen.set(entry.laNumber, entry.row);
    const listed = new Set<string>();
    for (const n of entry.neighbours) {
      if (n.laNumber === '') continue;
      if (listed.has(n.laNumber)) {
        problems.add(
          `file.row.${entry.row}.${n.column}`,
          `${locate(entry.row, n.columnIndex, n.column)}: LA ${n.laNumber} is listed twice among the neighbours of ${entry.name} (LA ${entry.laNumber})`,
        );
      }
      listed.add(n.laNumber);
      if (n.laNumber === entry.laNumber) {
        problems.add(
          `file.row.${entry.row}.${n.column}`,
          `${locate(entry.row, n.columnIndex, n.column)}: ${entry.name} (LA ${entry.laNumber}) is listed as its own neighbour`,
        );
      }
    }
    const areaCode = areaOf(areas, entry.laNumber);
    if (!areaCode) {
      unknownSubjects.push({ row: entry.row, laNumber: entry.laNumber, name: entry.name });
      continue;
    }
    subjects++;
    if (entry.oldBlock) oldBlock++;
    for (const n of entry.neighbours) {
      if (n.laNumber === '') continue;
      const neighbourAreaCode = areaOf(areas, n.laNumber);
      if (!neighbourAreaCode) {
        unknownNeighbours.push({ row: entry.row, subject: entry.name, rank: n.rank, laNumber: n.laNumber });
        continue;
      }
      neighbours.push({ areaCode, neighbourAreaCode, rank: n.rank, closeness: n.closeness });
    }
  }
  problems.throwIfAny('The statistical-neighbour list cannot be imported');
  if (subjects === 0) {
    throw new TidyCsvError(
      'file_empty',
      list.entries.length === 0
        ? 'The file lists no authorities (rows with a three-digit DfE LA number).'
        : 'None of the authorities in the file is known to the dashboard, so there is nothing to store.',
    );
  }
  return { layout: list.layout, neighbours, subjects, oldBlock, unknownSubjects, unknownNeighbours };
}
