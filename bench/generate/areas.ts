import path from 'node:path';
import { readTidyCsvFile } from '../../seed/src/index';

/** An area as the DfE tidy files describe it. */
export interface BenchArea {
  level: 'National' | 'Regional' | 'Local authority';
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  /** DfE's three-digit LA number; empty for England and the regions. */
  oldLaCode: string;
}

export interface BenchAreas {
  england: BenchArea;
  /** The nine regions and Inner/Outer London, as DfE publishes them. */
  regions: BenchArea[];
  /** Every local authority in the latest DfE year (153), in the file's order. */
  authorities: BenchArea[];
}

export const SANDWELL_LA = '333';

/**
 * The real list of areas: England, the regions and every local authority in the latest year of
 * the DfE Children in Need file (b1) in the reference folder.
 */
export function readBenchAreas(referenceDir: string): BenchAreas {
  const rows = readTidyCsvFile(path.join(referenceDir, 'dfe', 'b1_children_in_need_2013_to_2025.csv'));
  const latest = Math.max(...rows.map((r) => Number(r.time_period)));
  const current = rows.filter((r) => Number(r.time_period) === latest);
  const area = (r: Record<string, string>): BenchArea => {
    const level = r.geographic_level as BenchArea['level'];
    return {
      level,
      code: level === 'National' ? r.country_code! : level === 'Regional' ? r.region_code! : r.new_la_code!,
      name: level === 'National' ? r.country_name! : level === 'Regional' ? r.region_name! : r.la_name!,
      regionCode: r.region_code ?? '',
      regionName: r.region_name ?? '',
      oldLaCode: r.old_la_code ?? '',
    };
  };
  const england = current.filter((r) => r.geographic_level === 'National').map(area)[0];
  if (!england) throw new Error('The b1 file has no National row');
  const regions = current.filter((r) => r.geographic_level === 'Regional').map(area);
  const authorities = current.filter((r) => r.geographic_level === 'Local authority').map(area);
  // Sandwell first: it is the organisation the demo seeds, so the dashboard shows it.
  authorities.sort((a, b) => Number(b.oldLaCode === SANDWELL_LA) - Number(a.oldLaCode === SANDWELL_LA));
  return { england, regions, authorities };
}
