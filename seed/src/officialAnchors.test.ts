import path from 'node:path';
import { monthsBetween, roundToPrecision } from '@kpi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData, SANDWELL_CODE } from './index';
import type { SeedData } from './types';

const REFERENCE = path.resolve(import.meta.dirname, '../../data/reference');

/**
 * The demo's illustrative series of DfE's own measures must not contradict Sandwell's own DfE
 * figure beside them (PI4 read 86.9% over 2024-25, green, where DfE publishes 78.3%). Checked
 * against the DfE figures as loaded from the reference files, by what each measure is: the
 * month's figure of a snapshot or a rolling 12 months, Σ numerators ÷ Σ denominators of a flow
 * percentage, the sum of a flow count.
 */
describe('illustrative series against Sandwell’s DfE figures', () => {
  let data: SeedData;
  beforeAll(async () => {
    data = await loadSeedData(REFERENCE);
  }, 120_000);

  it('never contradicts Sandwell’s own DfE figure, unless a paper gives its own for those months', () => {
    // Same definition and period as DfE's measure. PI13 is not one: the contract's vacancy rate of
    // permanent front-line social workers runs about 10 points above DfE's every year.
    const codes = ['PI2', 'PI3', 'PI4', 'PI14', 'RE-REFERRALS', 'REFERRALS', 'S47-RATE-12M', 'CIC-COUNT'];
    const workforce = ['VACANCY-RATE-SW', 'AGENCY-SW-PCT'];
    const disagreements: string[] = [];
    let compared = 0;
    for (const indicator of data.indicators.filter((i) => [...codes, ...workforce].includes(i.code))) {
      const figures = data.comparators.filter(
        (c) =>
          c.measureCode === indicator.comparatorMeasure &&
          c.areaCode === SANDWELL_CODE &&
          c.kind === 'area' &&
          c.source !== 'published_paper' &&
          c.value !== null,
      );
      const series = data.observations.filter((o) => o.indicatorCode === indicator.code && o.value !== null);
      for (const f of figures) {
        const start = f.periodStart.slice(0, 7);
        const end = f.periodEnd.slice(0, 7);
        const months = series.filter((o) => o.month >= start && o.month <= end);
        const flow = indicator.measureType === 'flow';
        // A month the series has no figure for contradicts nothing (the papers' sparse points before it).
        if (flow ? months.length < monthsBetween(start, end) + 1 : !months.some((o) => o.month === end)) continue;
        let ours: number;
        if (flow && indicator.unit === 'percent') {
          const n = months.reduce((sum, o) => sum + (o.numerator ?? Number.NaN), 0);
          const d = months.reduce((sum, o) => sum + (o.denominator ?? Number.NaN), 0);
          ours = (n / d) * 100;
        } else if (flow) ours = months.reduce((sum, o) => sum + (o.value ?? 0), 0);
        else ours = months.find((o) => o.month === end)?.value ?? Number.NaN;
        // Compared at DfE's own precision: its 92 children in care per 10,000 is 92.1 to 1 dp.
        const decimals = (String(f.value).split('.')[1] ?? '').length;
        compared += 1;
        if (!Number.isFinite(ours) || roundToPrecision(ours, decimals) !== f.value) {
          const paper = months.some((o) => o.provenance === 'published_paper') ? ' (paper)' : '';
          const shown = Number.isFinite(ours) ? roundToPrecision(ours, Math.max(decimals, 1)) : 'none';
          disagreements.push(`${indicator.code} ${f.timePeriod}: ours ${shown}, DfE ${f.value}${paper}`);
        }
      }
    }
    expect(compared).toBeGreaterThan(30);
    // Each is the papers' own figure for those months (the seed report lists them): PI3 and PI4
    // 2022-23 from the papers' year totals, PI14 2020-21 from the review's team tables.
    expect(disagreements.sort()).toEqual([
      'CIC-COUNT 2021: ours 888, DfE 879 (paper)',
      'CIC-COUNT 2023: ours 802, DfE 796 (paper)',
      'PI14 2020: ours 19.7, DfE 20.1',
      'PI2 2021: ours 58.8, DfE 56.1 (paper)',
      'PI2 2023: ours 39, DfE 38.8 (paper)',
      'PI3 2023: ours 78, DfE 71.8',
      'PI4 2023: ours 65.3, DfE 76.5',
    ]);
  });

  it('says in the seed report which DfE figures each series meets and where a paper’s figure is kept', () => {
    const pi4 = data.decisions.find((d) => d.startsWith('PI4 meets'));
    expect(pi4).toContain('2024-04 to 2025-03 = 78.3%');
    expect(pi4).toContain('paper 65.3, DfE 76.5');
  });
});
