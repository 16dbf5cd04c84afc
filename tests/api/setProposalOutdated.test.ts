import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';
import { addStabilityKpi, setUpTestshire } from '../support/testshire';

/**
 * A set proposal says which open-ended set approving it ends. If another set is approved first,
 * approving the older proposal would end a different set (or on another day) than its approver
 * read: it is refused, and nothing is written.
 */
describe(`a set proposal approved after another set change (${testDriverName()})`, () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookie[who]! }, ...(payload ? { payload } : {}) });
  const proposeSet = async (code: string, effectiveFrom: string) => {
    const proposed = await as('commissioner', 'POST', '/api/contract/proposals/kpi-set', {
      code,
      name: `Contract ${code}`,
      effectiveFrom,
      indicatorCodes: ['NEW1'],
      reason: 'Contract variation',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    return proposed.json();
  };
  const approve = (id: number) => as('admin', 'POST', `/api/contract/proposals/${id}/approve`, {});
  const sets = async () =>
    (await as('viewer', 'GET', '/api/contract/kpi-sets'))
      .json()
      .kpiSets.map((s: { code: string; effectiveFrom: string; effectiveTo: string | null }) => [
        s.code,
        s.effectiveFrom,
        s.effectiveTo,
      ]);

  beforeAll(async () => {
    t = await createTestApp({}, () => new Date('2025-01-15T12:00:00Z'));
    for (const who of ['viewer', 'commissioner', 'admin']) cookie[who] = await signInAs(t.app, who);
    await setUpTestshire(t);
    await addStabilityKpi(t, cookie.commissioner!, 'NEW1');
    expect((await approve((await proposeSet('C2024', '2024-04')).id)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('is refused when approving it would now end another set, and writes nothing', async () => {
    const later = await proposeSet('C2025', '2025-04');
    expect(later.change.ends).toMatchObject([{ code: 'C2024', effectiveTo: '2025-03-31' }]);
    const sooner = await proposeSet('V2025', '2025-01');
    expect((await approve(sooner.id)).statusCode).toBe(200);
    expect(await sets()).toEqual([
      ['C2024', '2024-04-01', '2024-12-31'],
      ['V2025', '2025-01-01', null],
    ]);

    // Approving C2025 now would end V2025, not C2024 as its proposal said.
    const refused = await approve(later.id);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'proposal_outdated' });
    expect(refused.json().detail).toBe(
      'Since this change was proposed, another change to the KPI sets has been approved: approving it now would end V2025 (last day 2025-03-31), not C2024 (last day 2025-03-31) as proposed. Reject it and propose it again.',
    );
    expect(await sets()).toEqual([
      ['C2024', '2024-04-01', '2024-12-31'],
      ['V2025', '2025-01-01', null],
    ]);
    const listed = (await as('admin', 'GET', '/api/contract/proposals')).json().proposals;
    expect(listed.find((p: { id: number }) => p.id === later.id).status).toBe('pending');

    // Proposed again, it says what it would end now, and is approved.
    const again = await proposeSet('C2025', '2025-04');
    expect(again.change.ends).toMatchObject([{ code: 'V2025', effectiveTo: '2025-03-31' }]);
    expect((await approve(again.id)).statusCode).toBe(200);
    expect(await sets()).toEqual([
      ['C2024', '2024-04-01', '2024-12-31'],
      ['V2025', '2025-01-01', '2025-03-31'],
      ['C2025', '2025-04-01', null],
    ]);
  });

  it("keeps a set's months the board received: its last month may stay as it is, never move from or to one of them", async () => {
    // A published meeting has received October 2024 to January 2025: C2024's last month, December, is locked.
    await t.database.db.execute(sql`insert into meetings (organisation_id, board, held_on, months_from, months_to, published_at, locked_at)
      select id, 'Scrutiny board', '2025-01-10', '2024-10-01', '2025-01-01', '2025-01-10', '2025-01-10' from organisations`);
    const proposeEnding = (effectiveTo: string) =>
      as('commissioner', 'POST', '/api/contract/proposals/kpi-set', {
        code: 'C2024',
        name: 'Contract C2024',
        effectiveFrom: '2024-04',
        effectiveTo,
        indicatorCodes: ['NEW1'],
        reason: 'Contract variation',
      });
    // Unchanged (a schedule uploaded back as downloaded): accepted.
    expect((await proposeEnding('2024-12')).statusCode).toBe(201);
    const earlier = await proposeEnding('2024-11');
    expect(earlier.statusCode).toBe(409);
    expect(earlier.json()).toMatchObject({
      code: 'months_published',
      detail:
        "A published meeting has covered C2024's months up to 2025-01, so its last month cannot move from 2024-12 to 2024-11. Start a new set from a later month instead.",
    });
    // Later runs into the next set's months: refused as an overlap.
    expect((await proposeEnding('2025-02')).json().code).toBe('kpi_sets_overlap');
  });
});
