import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTidyCsv, TIDY_KEY_COLUMNS, tidyCell } from './tidyCsv';

/**
 * The LAIT extract (data/reference/dfe/lait_csc_indicators_2016_to_2025.csv) is in the tidy-CSV
 * layout, so the one tidy reader reads it as it reads DfE's own files: every cell a number, a
 * suppression symbol or empty, and the published figures as LAIT gives them.
 */
const FILE = path.join(__dirname, '../../data/reference/dfe/lait_csc_indicators_2016_to_2025.csv');

describe('the LAIT children’s social care extract through the tidy-CSV reader', () => {
  const table = readTidyCsv(readFileSync(FILE));
  const measures = table.columns.filter((c) => !TIDY_KEY_COLUMNS.has(c));

  it('has the twelve measure columns and one row per year and area, 2016 to 2025', () => {
    expect(measures).toHaveLength(12);
    expect(measures).toContain('assessments_within_45_working_days_percent');
    expect(measures).toContain('care_leavers_neet_percent');
    const years = [...new Set(table.records.map((r) => r.time_period))];
    expect(years).toEqual(['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025']);
    const national = table.records.filter((r) => r.geographic_level === 'National');
    expect(national).toHaveLength(10);
    const keys = table.records.map((r) => `${r.time_period}|${r.geographic_level}|${r.region_code}|${r.new_la_code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads every cell as a number, a suppression symbol or empty', () => {
    let symbols = 0;
    table.records.forEach((record, i) => {
      for (const column of measures) {
        const cell = tidyCell(record, column, table.rowNumbers[i]!);
        if (cell.symbol !== null) symbols += 1;
      }
    });
    // LAIT's "-" is written "x" in the extract: figures DfE does not publish stay symbols, not zeros.
    expect(symbols).toBeGreaterThan(100);
  });

  it("gives Sandwell's and England's 2024 figures as published", () => {
    const row = (level: string, name: string) =>
      table.records.find(
        (r) => r.time_period === '2024' && r.geographic_level === level && (level === 'National' || r.la_name === name),
      )!;
    const sandwell = row('Local authority', 'Sandwell');
    const rowNumber = table.rowNumbers[table.records.indexOf(sandwell)]!;
    expect(sandwell.new_la_code).toBe('E08000028');
    expect(tidyCell(sandwell, 'assessments_within_45_working_days_percent', rowNumber)).toEqual({
      value: 83.3,
      symbol: null,
    });
    expect(tidyCell(sandwell, 'referrals_no_further_action_percent', rowNumber)).toEqual({ value: null, symbol: 'x' });
    expect(tidyCell(sandwell, 'care_leavers_eet_percent', rowNumber).value).toBe(41);
    const england = row('National', '');
    expect(tidyCell(england, 'assessments_within_45_working_days_percent', 2).value).toBe(84.5);
  });
});
