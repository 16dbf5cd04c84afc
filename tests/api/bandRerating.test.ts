import { queryRows, schema } from '@kpi/server/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';
import { addStabilityKpi, setUpTestshire } from '../support/testshire';

const { indicators, observations } = schema;

/**
 * New bands re-rate the months already loaded. Before anyone approves them, the proposal lists the
 * months whose rating would change (and a persistent failure that would start or stop), rated as
 * the scorecard rates them: after approval the scorecard says exactly what the list said.
 */
describe(`what new bands would re-rate, said before approval (${testDriverName()})`, () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookie[who]! }, ...(payload ? { payload } : {}) });
  const proposeBands = (effectiveFrom: string, target: string, failure: string) =>
    as('commissioner', 'POST', '/api/contract/proposals/threshold', {
      indicatorCode: 'LTS',
      effectiveFrom,
      target,
      failure,
      reason: 'Schedule agreed at the contract review',
    });
  const approve = async (id: number) => {
    const approved = await as('admin', 'POST', `/api/contract/proposals/${id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json();
  };
  const scorecardItem = async (month: string) =>
    (await as('admin', 'GET', `/api/scorecard?month=${month}`))
      .json()
      .items.find((i: { code: string }) => i.code === 'LTS');
  // April to September 2024, against Target > 80%, Failure < 70%: red for four months (a persistent
  // failure in July, more than 3), then 80% (amber: not more than 80) and 75% (amber).
  const figures = { '2024-04': 69, '2024-05': 65, '2024-06': 68, '2024-07': 66, '2024-08': 80, '2024-09': 75 };

  beforeAll(async () => {
    t = await createTestApp({}, () => new Date('2025-01-15T12:00:00Z'));
    for (const who of ['viewer', 'commissioner', 'admin']) cookie[who] = await signInAs(t.app, who);
    await setUpTestshire(t);
    await addStabilityKpi(t, cookie.commissioner!, 'LTS');
    const set = await as('commissioner', 'POST', '/api/contract/proposals/kpi-set', {
      code: 'C2024',
      name: 'Contract 2024',
      effectiveFrom: '2024-04',
      indicatorCodes: ['LTS'],
      reason: 'x',
    });
    expect(set.statusCode, set.body).toBe(201);
    expect(set.json().rerating).toBeNull();
    await approve(set.json().id);
    const first = await proposeBands('2024-04', 'Target > 80%', 'Failure < 70%');
    // No figure loaded yet: nothing to re-rate.
    expect(first.json().rerating).toEqual([]);
    await approve(first.json().id);
    const db = t.database.db;
    const [indicator] = await db.select().from(indicators).where(eq(indicators.code, 'LTS'));
    await db.insert(observations).values(
      Object.entries(figures).map(([m, value]) => ({
        indicatorId: indicator!.id,
        month: `${m}-01`,
        value,
        provenance: 'uploaded_return' as const,
      })),
    );
  }, 120_000);
  afterAll(() => t.close());

  it('lists the months whose rating would change, to the proposer and the approver, and the scorecard agrees after', async () => {
    expect((await scorecardItem('2024-07')).streak.persistentFailure).toBe(true);
    const proposed = await proposeBands('2024-04', 'Target >= 80%', 'Failure < 67%');
    expect(proposed.statusCode, proposed.body).toBe(201);
    const expected = [
      {
        month: '2024-04',
        displayValue: '69%',
        now: { status: 'red', monthsInRating: 1, persistentFailure: false },
        after: { status: 'amber', monthsInRating: 1, persistentFailure: false },
      },
      {
        month: '2024-06',
        displayValue: '68%',
        now: { status: 'red', monthsInRating: 3, persistentFailure: false },
        after: { status: 'amber', monthsInRating: 1, persistentFailure: false },
      },
      // Still red, but no longer the fourth red month in a row: not a persistent failure.
      {
        month: '2024-07',
        displayValue: '66%',
        now: { status: 'red', monthsInRating: 4, persistentFailure: true },
        after: { status: 'red', monthsInRating: 1, persistentFailure: false },
      },
      // 80% meets "80% or more".
      {
        month: '2024-08',
        displayValue: '80%',
        now: { status: 'amber', monthsInRating: 1, persistentFailure: false },
        after: { status: 'green', monthsInRating: 1, persistentFailure: false },
      },
    ];
    expect(proposed.json().rerating).toEqual(expected);
    const listed = (await as('admin', 'GET', '/api/contract/proposals')).json().proposals;
    expect(listed.find((p: { id: number }) => p.id === proposed.json().id).rerating).toEqual(expected);

    // The figures are unpublished (no meeting has presented them): the look is recorded.
    const looks = await queryRows<{ target: string; details: { months: string[] } }>(
      t.database.db,
      sql`select target, details from audit_log where action = 'prerelease.view' and target like 'proposal:%' order by id desc limit 1`,
    );
    expect(looks[0]).toEqual({
      target: `proposal:${proposed.json().id} re-rating`,
      details: { months: ['2024-04', '2024-06', '2024-07', '2024-08'] },
    });

    const approved = await approve(proposed.json().id);
    expect(approved.rerating).toBeNull();
    for (const row of expected) {
      const item = await scorecardItem(row.month);
      expect([row.month, item.current.status, item.streak.months, item.streak.persistentFailure]).toEqual([
        row.month,
        row.after.status,
        row.after.monthsInRating,
        row.after.persistentFailure,
      ]);
    }
    const decided = (await as('admin', 'GET', '/api/contract/proposals')).json().proposals;
    expect(decided.every((p: { rerating: unknown }) => p.rerating === null)).toBe(true);
  });

  it('says none when no loaded month would change rating, and only months from the new bands on', async () => {
    // From September only: 75% stays amber under either bands; August and before keep their bands.
    const proposed = await proposeBands('2024-09', 'Target >= 85%', 'Failure < 60%');
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json().rerating).toEqual([]);
    const stricter = await proposeBands('2024-09', 'Target >= 85%', 'Failure < 76%');
    expect(stricter.json().rerating.map((r: { month: string }) => r.month)).toEqual(['2024-09']);
  });

  it('lists every pending band change with its own re-rating, from one look at the figures', async () => {
    const proposed = [
      await proposeBands('2024-05', 'Target >= 70%', 'Failure < 60%'),
      await proposeBands('2024-08', 'Target >= 90%', 'Failure < 79%'),
      await proposeBands('2024-09', 'Target > 70%', 'Failure < 50%'),
    ].map((r) => r.json());
    const looksBefore = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'prerelease.view'`,
    );
    const listed = (await as('admin', 'GET', '/api/contract/proposals')).json().proposals;
    for (const p of proposed) expect(listed.find((l: { id: number }) => l.id === p.id).rerating).toEqual(p.rerating);
    // One look recorded for the whole list, naming every month any pending change would re-rate.
    const looks = await queryRows<{ target: string; details: { months: string[] } }>(
      t.database.db,
      sql`select target, details from audit_log where action = 'prerelease.view' order by id`,
    );
    const fromList = looks.slice(looksBefore[0]!.n);
    const pending = listed.filter((l: { rerating: unknown }) => Array.isArray(l.rerating));
    const months = [
      ...new Set(pending.flatMap((l: { rerating: { month: string }[] }) => l.rerating.map((r) => r.month))),
    ].sort();
    expect(fromList).toEqual([{ target: 'proposals: pending band changes re-rating', details: { months } }]);
  });

  it('is for the people who manage the contract only', async () => {
    expect((await as('viewer', 'GET', '/api/contract/proposals')).statusCode).toBe(403);
  });
});
