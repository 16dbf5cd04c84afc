import type { AreaDirectory, RowArea } from '@kpi/readers';
import type { GeographicLevel, UnknownArea } from '@kpi/shared';

/** The areas the product knows, for placing rows and naming areas in responses. */
export interface KnownAreas extends AreaDirectory {
  names: ReadonlyMap<string, string>;
  oldLaCodes: ReadonlyMap<string, string | null>;
}

export function knownAreas(rows: ReadonlyArray<{ code: string; name: string; oldLaCode: string | null }>): KnownAreas {
  const byOldLaCode = new Map<string, string>();
  const byCode = new Map<string, string>();
  const names = new Map<string, string>();
  const oldLaCodes = new Map<string, string | null>();
  for (const area of rows) {
    byCode.set(area.code, area.code);
    names.set(area.code, area.name);
    oldLaCodes.set(area.code, area.oldLaCode);
    if (area.oldLaCode) byOldLaCode.set(area.oldLaCode, area.code);
  }
  return { byOldLaCode, byCode, names, oldLaCodes };
}

export function areaName(areas: KnownAreas, code: string): string {
  return areas.names.get(code) ?? code;
}

/** Unknown areas, one entry per area with its first row and how many rows it had. */
export class UnknownAreas {
  private readonly byKey = new Map<string, UnknownArea>();
  add(row: number, level: GeographicLevel, code: string, name: string) {
    const key = `${level}|${code}|${name}`;
    const found = this.byKey.get(key);
    if (found) found.rows++;
    else this.byKey.set(key, { row, rows: 1, level, code, name });
  }
  addRowArea(row: number, area: Extract<RowArea, { kind: 'unknown' }>) {
    this.add(row, area.level, area.code, area.name);
  }
  list(): UnknownArea[] {
    return [...this.byKey.values()].sort((a, b) => a.row - b.row);
  }
}

/** Rows at levels the product does not store (e.g. Local authority district), counted by level. */
export class LevelCounts {
  private readonly counts = new Map<string, number>();
  add(level: string) {
    this.counts.set(level, (this.counts.get(level) ?? 0) + 1);
  }
  list(): Array<{ level: string; rows: number }> {
    return [...this.counts].map(([level, rows]) => ({ level, rows }));
  }
}
