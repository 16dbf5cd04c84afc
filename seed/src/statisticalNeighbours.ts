import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeCsvBytes, parseCsvCells, parseSnList } from '@kpi/readers';
import type { AreaIndex } from './areas';
import type { SeedIssue, SnModelSeed, SnNeighbourSeed } from './types';

export const SN_MODEL_2021 = 'dfe-sn-2021-04';
export const SN_MODEL_2025 = 'dfe-sn-2025-05';

interface ModelFile {
  model: SnModelSeed;
  file: string;
}

/**
 * DfE's children's services statistical-neighbour models: the April 2021 model
 * (New_Statistical_Neighbour_Groupings_April_2021.csv, including its "Old SNs" block for the
 * authorities replaced by local-government reorganisation) and the May 2025 model
 * (sn_model_2025_wide.csv). Both list neighbours by DfE LA number, mapped here to areas by that
 * number, so a neighbour whose GSS code has since changed still maps. A neighbour or subject LA
 * that is not an area is reported and left out (the table needs a real area), never dropped silently.
 */
export function loadStatisticalNeighbours(
  files: { sn2021: string; sn2025: string },
  index: AreaIndex,
  issues: SeedIssue[],
): { models: SnModelSeed[]; neighbours: SnNeighbourSeed[] } {
  const modelFiles: ModelFile[] = [
    {
      model: {
        code: SN_MODEL_2021,
        name: "DfE children's services statistical neighbours (April 2021 model)",
        publishedOn: '2021-04',
        sourceFile: path.basename(files.sn2021),
      },
      file: files.sn2021,
    },
    {
      model: {
        code: SN_MODEL_2025,
        name: "DfE children's services statistical neighbours (May 2025 model)",
        publishedOn: '2025-05',
        sourceFile: path.basename(files.sn2025),
      },
      file: files.sn2025,
    },
  ];

  const neighbours: SnNeighbourSeed[] = [];
  for (const { model, file } of modelFiles) {
    const list = parseSnList(parseCsvCells(decodeCsvBytes(readFileSync(file))));
    for (const entry of list.entries) {
      const { laNumber, name: subjectName } = entry;
      const areaCode = index.byOldLaCode.get(laNumber);
      if (!areaCode) {
        issues.push({
          kind: 'unmapped_neighbour',
          message: `${model.name}: LA ${laNumber} (${subjectName}) is not an area in the DfE statistics, so its neighbour list is not stored.`,
        });
        continue;
      }
      for (const { rank, laNumber: neighbourNumber, closeness } of entry.neighbours) {
        const neighbourAreaCode = index.byOldLaCode.get(neighbourNumber);
        if (!neighbourAreaCode) {
          issues.push({
            kind: 'unmapped_neighbour',
            message: `${model.name}: neighbour ${rank} of ${subjectName} (LA ${laNumber}) is LA ${JSON.stringify(neighbourNumber)}, which is not an area in the DfE statistics; not stored.`,
          });
          continue;
        }
        neighbours.push({ modelCode: model.code, areaCode, neighbourAreaCode, rank, closeness });
      }
      if (entry.oldBlock) {
        issues.push({
          kind: 'mapped_with_caveat',
          message: `${model.name}: ${subjectName} (LA ${laNumber}) is listed under "Old SNs" (an authority replaced by reorganisation); its list is stored for its own earlier years.`,
        });
      }
    }
  }
  // Neighbours abolished by reorganisation (Cumbria, LA 909, in the April 2021 model) have no
  // figures after their last year, so averages that include them have fewer contributors from then.
  const latest = Math.max(...index.lastYear.values());
  for (const { model } of modelFiles) {
    const ended = new Map<string, number>();
    for (const n of neighbours) {
      if (n.modelCode !== model.code) continue;
      const last = index.lastYear.get(n.neighbourAreaCode);
      if (last !== undefined && last < latest)
        ended.set(n.neighbourAreaCode, (ended.get(n.neighbourAreaCode) ?? 0) + 1);
    }
    for (const [code, count] of ended) {
      const area = index.areas.find((a) => a.code === code);
      issues.push({
        kind: 'mapped_with_caveat',
        message: `${model.name}: ${area?.name ?? code} (LA ${area?.oldLaCode}) is a neighbour of ${count} ${count === 1 ? 'authority' : 'authorities'} but DfE has no figures for it after ${index.lastYear.get(code)}, so their neighbour averages for later years have fewer than 10 contributors (contributing_count says how many).`,
      });
    }
  }
  return { models: modelFiles.map((m) => m.model), neighbours };
}

/** An area's neighbours in a model, closest first. */
export function neighboursOf(neighbours: readonly SnNeighbourSeed[], modelCode: string, areaCode: string): string[] {
  return neighbours
    .filter((n) => n.modelCode === modelCode && n.areaCode === areaCode)
    .sort((a, b) => a.rank - b.rank)
    .map((n) => n.neighbourAreaCode);
}
