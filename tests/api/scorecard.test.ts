import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type Operator,
  problemSchema,
  ragStatus,
  type ScorecardResponse,
  scorecardResponseSchema,
  type Unit,
} from '@kpi/shared';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp, REFERENCE_DIR } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

interface ContractRow {
  code: string;
  unit: string;
  polarity: string;
  target: string;
  failure: string;
}
// PI2's title holds an unquoted comma ("per 10,000"), so its row has one field too many: rejoin the title.
const [header, ...records] = parse(readFileSync(path.join(REFERENCE_DIR, 'contract-kpis-2018.csv')), {
  bom: true,
  relax_column_count: true,
}) as string[][];
const contract: ContractRow[] = records.map((fields) => {
  const repaired =
    fields.length > header!.length ? [fields[0]!, `${fields[1]},${fields[2]}`, ...fields.slice(3)] : fields;
  return Object.fromEntries(header!.map((name, i) => [name, repaired[i] ?? ''])) as unknown as ContractRow;
});

/** The contract's strict operators, read from the polarity alone ("Target > 75%; Failure < 65%"). */
function contractBands(row: ContractRow) {
  const higher = row.polarity === 'higher_is_better';
  return {
    effectiveFrom: '2018-04-01',
    effectiveTo: '2024-03-31',
    targetOperator: (higher ? '>' : '<') as Operator,
    targetValue: Number(row.target),
    failureOperator: (higher ? '<' : '>') as Operator,
    failureValue: Number(row.failure),
  };
}

describe(`scorecard API on the seeded demo (${testDriverName()})`, () => {
  let t: TestApp;
  let cookie: string;
  let march2021: ScorecardResponse;

  beforeAll(async () => {
    t = await createSeededTestApp();
    cookie = await signInAs(t.app, 'viewer');
    const response = await t.app.inject({ method: 'GET', url: '/api/scorecard?month=2021-03', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    march2021 = scorecardResponseSchema.parse(response.json());
  });
  afterAll(() => t.close());

  it('needs a signed-in person', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/scorecard?month=2021-03' });
    expect(response.statusCode).toBe(401);
  });

  it('lists the 15 contract KPIs in force in March 2021, in contract order', () => {
    expect(march2021.kpiSet?.name).toMatch(/Contract 2018/);
    expect(march2021.financialYear).toBe('2020-21');
    expect(march2021.items.map((i) => i.code)).toEqual(contract.map((row) => row.code));
  });

  it("rates every KPI by the contract's own bands, compared at display precision", () => {
    for (const item of march2021.items) {
      const row = contract.find((r) => r.code === item.code)!;
      const expected = ragStatus({
        value: item.current.value,
        symbol: item.current.symbol,
        unit: row.unit as Unit,
        precision: item.precision,
        threshold: contractBands(row),
      });
      expect(item.current.status, item.code).toBe(expected.status);
      expect(item.reason, item.code).toBe(expected.reason);
    }
    const counted = march2021.items.reduce<Record<string, number>>((n, i) => {
      n[i.current.status] = (n[i.current.status] ?? 0) + 1;
      return n;
    }, {});
    expect(march2021.counts).toMatchObject(counted);
  });

  it('shows the real published figures as published, not illustrative', () => {
    const pi2 = march2021.items.find((i) => i.code === 'PI2')!;
    expect(pi2.current).toMatchObject({ value: 58.8, displayValue: '58.8 per 10,000', provenance: 'published_paper' });
    expect(pi2.current.status).toBe('green');
    expect(pi2.thresholds?.target).toMatch(/less than 65/);
    const pi5 = march2021.items.find((i) => i.code === 'PI5')!;
    expect(pi5.current).toMatchObject({ value: 9, provenance: 'published_paper', status: 'green' });
  });

  it('marks illustrative demo data on every KPI whose figures are generated', () => {
    const pi1 = march2021.items.find((i) => i.code === 'PI1')!;
    expect(pi1.current.provenance).toBe('illustrative');
    expect(pi1.illustrative).toBe(true);
  });

  it('marks the COVID relief KPIs as carrying no consequence, with the reason', () => {
    for (const code of ['PI6', 'PI10', 'PI11', 'PI13']) {
      const item = march2021.items.find((i) => i.code === code)!;
      expect(item.consequence.carriesConsequence, code).toBe(false);
      expect(item.consequence.reason, code).toMatch(/relief/i);
    }
    const pi1 = march2021.items.find((i) => i.code === 'PI1')!;
    expect(pi1.consequence).toEqual({ carriesConsequence: true, reason: null });
  });

  it('gives direction of travel, a 13-month sparkline and a streak for each KPI', () => {
    for (const item of march2021.items) {
      expect(item.direction.previousMonth.month).toBe('2021-02');
      expect(item.direction.sameMonthLastYear.month).toBe('2020-03');
      expect(item.sparkline.map((p) => p.month)).toEqual([
        '2020-03',
        '2020-04',
        '2020-05',
        '2020-06',
        '2020-07',
        '2020-08',
        '2020-09',
        '2020-10',
        '2020-11',
        '2020-12',
        '2021-01',
        '2021-02',
        '2021-03',
      ]);
      expect(item.sparkline.at(-1)).toEqual(item.current);
      if (item.current.status !== 'no_data') expect(item.streak.status).toBe(item.current.status);
      expect(item.streak.months).toBeGreaterThanOrEqual(1);
    }
  });

  it('sets KPIs against statistical-neighbour, West Midlands and England figures with period and source', () => {
    const pi2 = march2021.items.find((i) => i.code === 'PI2')!;
    expect(pi2.comparators.map((c) => c.line).sort()).toEqual([
      'council_official',
      'england',
      'region',
      'statistical_neighbours',
    ]);
    const region = pi2.comparators.find((c) => c.line === 'region')!;
    expect(region.label).toBe('West Midlands');
    const neighbours = pi2.comparators.find((c) => c.line === 'statistical_neighbours')!;
    expect(neighbours.snModel).toMatch(/April 2021/);
    expect(neighbours.contributingCount).toBeGreaterThan(0);
    for (const comparator of pi2.comparators) {
      expect(comparator.periodEnd <= '2021-03-31').toBe(true);
      expect(comparator.sourceRelease).not.toBe('');
    }
  });

  it('defaults to the latest month with data', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/scorecard', headers: { cookie } });
    const latest = scorecardResponseSchema.parse(response.json());
    expect(latest.month).toBe(latest.availableMonths?.to);
  });

  it('answers a month before any KPI set with no KPIs rather than an error', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/scorecard?month=2015-01', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(scorecardResponseSchema.parse(response.json())).toMatchObject({ kpiSet: null, items: [] });
  });

  it('rejects a malformed month with a field error', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/scorecard?month=March', headers: { cookie } });
    expect(response.statusCode).toBe(400);
    expect(problemSchema.parse(response.json()).errors?.[0]?.path).toBe('querystring.month');
  });
});
