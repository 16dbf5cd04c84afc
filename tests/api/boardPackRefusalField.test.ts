import { problemSchema } from '@kpi/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * The board pack's data is asked for in the address (`GET /api/exports/board-pack/data?kpis=`),
 * the pack itself in a body (`POST /api/exports/board-pack`, `kpiCodes`). A refusal of KPIs that
 * were not in force in the month must name the field the request used, so that a client (or the
 * person reading the answer) can tell which input to change: the data route named `body.kpiCodes`,
 * a field a GET has not got.
 */
const SET_2018 = ['PI1', 'PI5', 'PI12', 'PI15'];
const SET_2024 = ['PI2', 'PI3', 'PI4'];

describe(`a refused board-pack KPI choice names the request's own field (${testDriverName()})`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createSeededTestApp();
    admin = await signInAs(t.app, 'admin');
  }, 300_000);
  afterAll(() => t.close());

  it('GET /api/exports/board-pack/data names querystring.kpis (property over months and choices)', async () => {
    // Months of the 2018 set with a 2024-only code, months of the 2024 set with a 2018-only code,
    // and months with no set at all (before April 2018).
    const refused = fc.oneof(
      fc.record({
        month: fc.constantFrom('2019-04', '2021-03', '2023-12'),
        kpis: fc.subarray(SET_2018).chain((ok) => fc.constant([...ok, 'LTPS-2Y'])),
      }),
      fc.record({
        month: fc.constantFrom('2024-04', '2025-01', '2025-07', '2026-03'),
        kpis: fc
          .subarray(SET_2024)
          .chain((ok) => fc.subarray(SET_2018, { minLength: 1 }).map((bad) => [...ok, ...bad])),
      }),
      fc.record({ month: fc.constantFrom('2016-01', '2018-03'), kpis: fc.subarray(SET_2018, { minLength: 1 }) }),
    );
    await fc.assert(
      fc.asyncProperty(refused, async ({ month, kpis }) => {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/exports/board-pack/data?${new URLSearchParams({ month, kpis: kpis.join(',') })}`,
          headers: { cookie: admin },
        });
        expect(response.statusCode, response.body).toBe(400);
        const problem = problemSchema.parse(response.json());
        expect(problem.errors?.map((e) => e.path)).toEqual(['querystring.kpis']);
        expect(problem.detail).toMatch(/not in the KPI set in force|No KPI set was in force/);
      }),
      { numRuns: 30 },
    );
  });

  it('a choice in force is answered with the pack data (the control)', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/exports/board-pack/data?month=2025-07&kpis=PI2,PI4',
      headers: { cookie: admin },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().kpis.map((k: { item: { code: string } }) => k.item.code)).toEqual(['PI2', 'PI4']);
  });
});
