import { queryRows, schema } from '@kpi/server/db';
import { type ComparatorPoint, type SeriesResponse, scorecardResponseSchema, seriesResponseSchema } from '@kpi/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const SANDWELL = 'E08000028';
const NOT_COMPARED =
  /^Not compared: this KPI’s definition differs from DfE’s \(The contract counts vacant permanent front-line social worker posts only; DfE's vacancy rate is for all children and family social workers .* at 30 September, a broader measure\), so its monthly figures are not set against DfE’s\.$/;
const BESIDE =
  /^This KPI’s definition differs from DfE’s \(The contract counts vacant permanent front-line .*\): only DfE’s figures are compared with each other/;

/**
 * PI13 is the vacancy rate of permanent front-line social worker posts; DfE's comparator is all
 * children and family social workers at 30 September. Its monthly figures are never judged against
 * DfE's (two measures), while DfE's own figures still are (like with like). To make the monthly
 * basis arise at all (the demo has the council's DfE figure for every year), its own DfE figures
 * for 2023 (vacancy rate and caseload) are removed: PI14 (no stated difference) is then compared on
 * its monthly figures and PI13 is not, until its text is cleared.
 */
describe(`a KPI whose definition differs from DfE's measure (${testDriverName()})`, () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const as = (who: string, method: 'GET' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookie[who]! }, ...(payload ? { payload } : {}) });
  const series = async (code: string): Promise<SeriesResponse> => {
    const response = await as('analyst', 'GET', `/api/indicators/${code}/series?from=2022-04&to=2024-03`);
    expect(response.statusCode, response.body).toBe(200);
    return seriesResponseSchema.parse(response.json());
  };
  const others = (body: SeriesResponse, timePeriod: string): ComparatorPoint[] =>
    body.comparators
      .filter((l) => l.line !== 'council_official')
      .flatMap((l) => l.points)
      .filter((p) => p.timePeriod === timePeriod);

  beforeAll(async () => {
    t = await createSeededTestApp();
    const { comparatorValues } = schema;
    await t.database.db
      .delete(comparatorValues)
      .where(
        and(
          inArray(comparatorValues.measureCode, ['workforce_vacancy_rate_pct', 'workforce_caseload_avg']),
          eq(comparatorValues.areaCode, SANDWELL),
          eq(comparatorValues.kind, 'area'),
          eq(comparatorValues.timePeriod, '2023'),
        ),
      );
    for (const who of ['viewer', 'analyst', 'commissioner', 'admin']) cookie[who] = await signInAs(t.app, who);
  });
  afterAll(() => t.close());

  it('PI13’s chart: no verdict on a monthly figure, said in words; a KPI without the text still gets one', async () => {
    const pi13 = await series('PI13');
    expect(pi13.indicator.comparatorDifference).toMatch(/^The contract counts vacant permanent front-line/);
    const all = pi13.comparators.flatMap((l) => l.points);
    expect(all.filter((p) => p.comparison?.basis === 'monthly')).toEqual([]);
    const unjudged = others(pi13, '2023');
    expect(unjudged.map((p) => p.line).sort()).toEqual(['england', 'region', 'statistical_neighbours']);
    for (const p of unjudged) {
      expect(p.comparison, p.line).toBeNull();
      expect(p.notCompared, p.line).toMatch(NOT_COMPARED);
      expect(p.notes, p.line).toContain(p.notCompared);
    }
    // DfE against DfE is like with like: still compared, and the difference said beside it.
    const official = others(pi13, '2022');
    expect(official.length).toBe(3);
    for (const p of official) {
      expect(p.comparison?.basis, p.line).toBe('dfe_official');
      expect(p.notCompared).toBeNull();
      expect(
        p.notes.some((n) => BESIDE.test(n)),
        p.line,
      ).toBe(true);
    }
    // The council's own DfE line says it too: the monthly line is drawn beside it.
    const own = pi13.comparators.find((l) => l.line === 'council_official')!.points;
    expect(own.length).toBeGreaterThan(0);
    for (const p of own) expect(p.notes.some((n) => BESIDE.test(n))).toBe(true);

    const same = await series('PI14');
    expect(same.indicator.comparatorDifference).toBeNull();
    const judged = others(same, '2023');
    expect(judged.length).toBe(3);
    for (const p of judged) {
      expect(p.comparison?.basis, p.line).toBe('monthly');
      expect(p.notCompared).toBeNull();
      expect(p.notes.join(' ')).not.toMatch(/definition differs/);
    }
  });

  it('the scorecard: PI13’s comparators carry no monthly verdict and say why; PI14’s are compared on its month', async () => {
    const response = await as('viewer', 'GET', '/api/scorecard?month=2023-10');
    expect(response.statusCode, response.body).toBe(200);
    const scorecard = scorecardResponseSchema.parse(response.json());
    const pi13 = scorecard.items.find((i) => i.code === 'PI13')!;
    const pi13Others = pi13.comparators.filter((c) => c.line !== 'council_official');
    expect(pi13Others.map((c) => c.timePeriod)).toEqual(['2023', '2023', '2023']);
    for (const c of pi13Others) {
      expect(c.comparison, c.line).toBeNull();
      expect(c.notCompared, c.line).toMatch(NOT_COMPARED);
      expect(c.notes).toContain(c.notCompared);
    }
    const pi14 = scorecard.items.find((i) => i.code === 'PI14')!;
    const pi14Others = pi14.comparators.filter((c) => c.line !== 'council_official');
    expect(pi14Others.length).toBe(3);
    for (const c of pi14Others) {
      expect(c.comparison?.basis, c.line).toBe('monthly');
      expect(c.comparison?.councilLabel).toMatch(/October 2023 figure/);
      expect(c.notCompared).toBeNull();
    }
  });

  it('the exports carry it: the scorecard’s comparator cells and the series’ notes', async () => {
    const scorecard = await as('analyst', 'GET', '/api/exports/scorecard.csv?month=2023-10');
    expect(scorecard.statusCode, scorecard.body).toBe(200);
    const pi13Row = scorecard.body.split('\n').find((line) => line.startsWith('PI13,'));
    expect(pi13Row).toMatch(/Not compared: this KPI’s definition differs from DfE’s \(The contract counts/);
    expect(pi13Row).not.toMatch(/is (better than|worse than|similar to)/);

    const notes = await as(
      'analyst',
      'GET',
      '/api/exports/indicators/PI13/series.csv?from=2022-04&to=2024-03&table=notes',
    );
    expect(notes.statusCode, notes.body).toBe(200);
    expect(notes.body).toMatch(/PI13’s monthly figures are not the measure DfE publishes: The contract counts/);
    const other = await as(
      'analyst',
      'GET',
      '/api/exports/indicators/PI14/series.csv?from=2022-04&to=2024-03&table=notes',
    );
    expect(other.body).not.toMatch(/not the measure DfE publishes/);
  });

  describe('set and cleared by a contract administrator', () => {
    const patch = (who: string, payload: object) => as(who, 'PATCH', '/api/contract/indicators/PI13', payload);
    const updates = () =>
      queryRows<{ details: { before: object; after: object } }>(
        t.database.db,
        sql`select details from audit_log where action = 'indicator.update' and outcome = 'success'
             and target = 'indicator:PI13' order by id`,
      );

    it('refuses a hidden character, an over-long text and anyone but a contract administrator', async () => {
      const hidden = await patch('commissioner', { comparatorDifference: 'DfE counts all \u202Esocial workers' });
      expect(hidden.statusCode).toBe(400);
      expect(hidden.json().errors[0].path).toMatch(/comparatorDifference/);
      const long = await patch('commissioner', { comparatorDifference: 'x'.repeat(1001) });
      expect(long.statusCode).toBe(400);
      expect(JSON.stringify(long.json().errors)).toMatch(/comparatorDifference/);
      for (const who of ['viewer', 'analyst'])
        expect((await patch(who, { comparatorDifference: null })).statusCode).toBe(403);
      expect(await updates()).toEqual([]);
    });

    it('cleared (blank), PI13’s monthly figures are compared again; set, they are not; each change audited', async () => {
      const before = (await series('PI13')).indicator.comparatorDifference!;
      const cleared = await patch('commissioner', { comparatorDifference: '   ' });
      expect(cleared.statusCode, cleared.body).toBe(200);
      expect(cleared.json().comparatorDifference).toBeNull();
      const plain = await series('PI13');
      expect(plain.indicator.comparatorDifference).toBeNull();
      for (const p of others(plain, '2023')) {
        expect(p.comparison?.basis, p.line).toBe('monthly');
        expect(p.notCompared).toBeNull();
      }

      const set = await patch('admin', { comparatorDifference: 'DfE counts agency-covered posts as filled.' });
      expect(set.statusCode, set.body).toBe(200);
      const again = await series('PI13');
      for (const p of others(again, '2023')) {
        expect(p.comparison).toBeNull();
        expect(p.notCompared).toBe(
          'Not compared: this KPI’s definition differs from DfE’s (DfE counts agency-covered posts as filled), so its monthly figures are not set against DfE’s.',
        );
      }
      expect((await updates()).map((r) => r.details)).toEqual([
        { before: { comparatorDifference: before }, after: { comparatorDifference: null } },
        {
          before: { comparatorDifference: null },
          after: { comparatorDifference: 'DfE counts agency-covered posts as filled.' },
        },
      ]);
    });
  });
});
