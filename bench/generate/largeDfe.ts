import type { BenchArea, BenchAreas } from './areas';
import { csvLine } from './csv';
import { DFE_AREA_KEY_COLUMNS } from './dfe';

/**
 * A DfE tidy CSV as large as an upload may be (about 20 MB): every area of the b1 file for
 * hundreds of reporting years, so that every row is a distinct area and period and every mapped
 * cell becomes a figure. Real files are smaller; this is the worst a benchmark manager can send
 * inside the limit, to see what its parsing and writing do to everyone else's requests.
 */

export interface LargeDfeFile {
  fileName: string;
  bytes: Buffer;
  rows: number;
  /** Two measures mapped as published (a count and a percentage): about 2 figures per row. */
  mappings: Array<{ measureCode: string; unit: 'count' | 'percent'; numerator: string; timing: 'yearToMarch' }>;
}

const KEY = DFE_AREA_KEY_COLUMNS;
const MEASURES = 10;

export function largeDfeFile(areas: BenchAreas, targetBytes: number): LargeDfeFile {
  const all: BenchArea[] = [areas.england, ...areas.regions, ...areas.authorities];
  const lines = [csvLine([...KEY, ...Array.from({ length: MEASURES }, (_, j) => `measure_${j}`)])];
  let bytes = lines[0]!.length + 2;
  let rows = 0;
  for (let year = 2025; bytes < targetBytes && year > 1000; year--) {
    for (const a of all) {
      const line = csvLine([
        year,
        'Reporting year',
        a.level,
        'E92000001',
        'England',
        a.level === 'National' ? '' : a.regionCode,
        a.level === 'National' ? '' : a.regionName,
        a.level === 'Local authority' ? a.oldLaCode : '',
        a.level === 'Local authority' ? a.code : '',
        a.level === 'Local authority' ? a.name : '',
        ...Array.from({ length: MEASURES }, (_, j) =>
          (rows + j) % 97 === 0 ? 'c' : j % 2 === 0 ? (rows * 7 + j) % 5000 : ((rows + j) % 1000) / 10,
        ),
      ]);
      lines.push(line);
      bytes += line.length + 2;
      rows++;
    }
  }
  return {
    fileName: 'bench_large_release.csv',
    bytes: Buffer.from(`${lines.join('\r\n')}\r\n`),
    rows,
    mappings: [
      { measureCode: 'bench_large_count', unit: 'count', numerator: 'measure_0', timing: 'yearToMarch' },
      { measureCode: 'bench_large_percent', unit: 'percent', numerator: 'measure_1', timing: 'yearToMarch' },
    ],
  };
}
