import { monthRange } from '../../shared/src/index';
import { ExcelJS } from '../lib/deps';
import { Prng } from '../lib/prng';
import type { BenchArea } from './areas';
import { RETURNS_FIRST_MONTH, RETURNS_LAST_MONTH } from './config';
import { csvText } from './csv';
import type { BenchKpi } from './kpis';
import { round } from './kpis';

export const RETURN_MONTHS = monthRange(RETURNS_FIRST_MONTH, RETURNS_LAST_MONTH);

export function unitLabel(kpi: BenchKpi): string {
  const decimals =
    kpi.precision === 0 ? 'whole number' : `${kpi.precision} decimal place${kpi.precision === 1 ? '' : 's'}`;
  const unit = {
    percent: '% (0 to 100)',
    rate_per_10k: 'rate per 10,000 children',
    count: 'count',
    average: 'average',
    days: 'days',
    money: '£',
  }[kpi.unit];
  return `${unit}, ${decimals}`;
}

/**
 * Ten years of an authority's monthly return in the product's own template layout (KPIs as
 * rows, months as columns: `kpi_code, title, units, 2015-08 … 2025-07`), as a commissioner would
 * upload a backfill. Each series is a slow random walk around the KPI's typical level scaled to
 * the authority, with a little seasonality, so the outlier check stays quiet (no warnings to
 * confirm). A handful of cells hold the symbol `x` (not available), as real returns do.
 * `revision` > 0 gives the same file with every figure moved slightly (a full resubmission).
 */
export function generateReturnCsv(area: BenchArea, kpis: readonly BenchKpi[], revision = 0): string {
  return csvText(generateReturnRows(area, kpis, revision));
}

/** The cells of `generateReturnCsv`, header row first, figures as numbers. */
export function generateReturnRows(area: BenchArea, kpis: readonly BenchKpi[], revision = 0): (string | number)[][] {
  const months = RETURN_MONTHS;
  const rows: (string | number)[][] = [['kpi_code', 'title', 'units', ...months]];
  const size = Math.exp(new Prng(`size-${area.code}`).between(Math.log(0.25), Math.log(3)));
  for (const kpi of kpis) {
    const prng = new Prng(`return-${area.code}-${kpi.code}`);
    const scale = kpi.unit === 'count' ? size : 1;
    let level = kpi.base * scale * prng.between(0.9, 1.1);
    const cells: (string | number)[] = [];
    for (let m = 0; m < months.length; m++) {
      level *= 1 + 0.004 * prng.normal();
      const seasonal = 1 + 0.01 * Math.sin((2 * Math.PI * m) / 12);
      let value = level * seasonal * (1 + kpi.noise * 0.3 * prng.normal()) * (1 + 0.002 * revision);
      if (kpi.unit === 'percent') value = Math.min(99.9, Math.max(0.1, value));
      value = Math.max(kpi.precision === 0 ? 1 : 0.1, round(value, kpi.precision));
      cells.push(prng.next() < 0.002 ? 'x' : value);
    }
    rows.push([kpi.code, kpi.title, unitLabel(kpi), ...cells]);
  }
  return rows;
}

/**
 * The same return as an Excel workbook (one worksheet named "Return", figures as numeric cells),
 * which is how many Trusts send it.
 */
export async function generateReturnXlsx(area: BenchArea, kpis: readonly BenchKpi[], revision = 0): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Return').addRows(generateReturnRows(area, kpis, revision));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function returnFileName(area: BenchArea, revision = 0, extension: 'csv' | 'xlsx' = 'csv'): string {
  return `return-${area.oldLaCode}-${RETURNS_FIRST_MONTH}-to-${RETURNS_LAST_MONTH}${revision ? `-rev${revision}` : ''}.${extension}`;
}
