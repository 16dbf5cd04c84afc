import type { GeographicLevel } from '@kpi/shared';
import type { CsvRow } from './tidyCsv';

/**
 * Which area a DfE tidy-CSV row describes: England, a region or a local authority (by its DfE LA
 * number, or a joint return covering several), given what the product knows about areas.
 */

export const ENGLAND_AREA_CODE = 'E92000001';

/** What the product knows about areas, for placing a row. */
export interface AreaDirectory {
  /** DfE three-digit LA number → area code. */
  byOldLaCode: ReadonlyMap<string, string>;
  /** Any GSS code the product knows (current or earlier) → area code. */
  byCode: ReadonlyMap<string, string>;
}

export type RowArea =
  | { kind: 'area'; areaCode: string; level: GeographicLevel }
  /** A joint return covering several authorities (`314 / 318`): the ones known, and the LA numbers not. */
  | { kind: 'joint'; areaCodes: string[]; unknownLaNumbers: string[]; label: string }
  | { kind: 'unknown'; level: GeographicLevel; code: string; name: string }
  | { kind: 'other_level'; level: string };

/** A joint return covering more than one authority, e.g. old_la_code "314 / 318". */
export function isJointCode(code: string): boolean {
  return code.includes('/');
}

export function splitJointCode(code: string): string[] {
  return code
    .split('/')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/**
 * The area a tidy-CSV row describes. England by its country code (blank means England); a region
 * by region_code; a local authority by its DfE LA number (stable when GSS codes change), else by
 * new_la_code. Levels other than National, Regional and Local authority are `other_level`.
 */
export function areaOfTidyRow(row: CsvRow, directory: AreaDirectory): RowArea {
  switch (row.geographic_level) {
    case 'National': {
      const code = (row.country_code ?? '').trim() || ENGLAND_AREA_CODE;
      const areaCode = directory.byCode.get(code);
      return areaCode
        ? { kind: 'area', areaCode, level: 'national' }
        : { kind: 'unknown', level: 'national', code, name: row.country_name ?? '' };
    }
    case 'Regional': {
      const code = (row.region_code ?? '').trim();
      const areaCode = directory.byCode.get(code);
      return areaCode
        ? { kind: 'area', areaCode, level: 'region' }
        : { kind: 'unknown', level: 'region', code, name: row.region_name ?? '' };
    }
    case 'Local authority': {
      const oldCode = (row.old_la_code ?? '').trim();
      if (isJointCode(oldCode)) {
        const numbers = splitJointCode(oldCode);
        const areaCodes: string[] = [];
        const unknownLaNumbers: string[] = [];
        for (const n of numbers) {
          const code = directory.byOldLaCode.get(n);
          if (code) areaCodes.push(code);
          else unknownLaNumbers.push(n);
        }
        return { kind: 'joint', areaCodes, unknownLaNumbers, label: row.la_name || oldCode };
      }
      const newCode = (row.new_la_code ?? '').trim();
      const areaCode =
        (oldCode ? directory.byOldLaCode.get(oldCode) : undefined) ??
        (newCode && !isJointCode(newCode) ? directory.byCode.get(newCode) : undefined);
      return areaCode
        ? { kind: 'area', areaCode, level: 'local_authority' }
        : { kind: 'unknown', level: 'local_authority', code: oldCode || newCode, name: row.la_name ?? '' };
    }
    default:
      return { kind: 'other_level', level: row.geographic_level ?? '' };
  }
}
