import { FIRST_SUPPORTED_YEAR } from '@kpi/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * The month picker takes any supported month. Before the demo's first figure (April 2018) no KPI
 * set was in force and nothing was reported, and the scorecard said "The indicators below are
 * monitored without bands" above an empty page: it promised a list that was not there. The note
 * must say "below" only when monitored indicators follow it, and say plainly when nothing does.
 */
interface Scorecard {
  kpiSet: unknown;
  noSetNote: string | null;
  items: unknown[];
  monitored: unknown[];
  availableMonths: { from: string; to: string } | null;
}

describe(`the scorecard of a month with no set and no figures says so (${testDriverName()})`, () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await createSeededTestApp();
    for (const role of ['viewer', 'admin']) cookies[role] = await signInAs(t.app, role);
  }, 300_000);
  afterAll(() => t.close());

  async function scorecard(role: string, month: string): Promise<Scorecard> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/scorecard?month=${month}`,
      headers: { cookie: cookies[role]! },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('never promises indicators below when none follow (property over months before the first figure)', async () => {
    const first = (await scorecard('admin', '2025-07')).availableMonths!.from;
    expect(first).toBe('2018-04');
    const beforeFirst = fc
      .record({ year: fc.integer({ min: FIRST_SUPPORTED_YEAR, max: 2018 }), month: fc.integer({ min: 1, max: 12 }) })
      .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`)
      .filter((month) => month < first);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('viewer', 'admin'), beforeFirst, async (role, month) => {
        const card = await scorecard(role, month);
        expect(card.kpiSet).toBeNull();
        expect(card.items).toEqual([]);
        expect(card.monitored).toEqual([]);
        expect(card.noSetNote).toContain('No contract KPI set was in force');
        expect(card.noSetNote).not.toMatch(/below/);
        expect(card.noSetNote).toMatch(/No indicator has a figure to show in the 12 months to/);
      }),
      { numRuns: 25 },
    );
  });
});
