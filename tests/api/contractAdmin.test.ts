import { queryRows, schema } from '@kpi/server/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';
import { setUpTestshire } from '../support/testshire';

const { indicators, observations } = schema;

/**
 * A council runs its contract in the product: an indicator, a set from April 2024 with a 3-month
 * grace period, bands proposed by one person and approved by another, figures in failure from the
 * first month, bands changed later. Ratings of earlier months never move.
 */
describe(`the contract, managed through the API (${testDriverName()})`, () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const as = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookie[who]! }, ...(payload ? { payload } : {}) });
  const audits = (action: string, outcome?: string) =>
    queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = ${action} and (${outcome ?? null}::text is null or outcome = ${outcome ?? null})`,
    ).then((rows) => rows[0]!.n);

  beforeAll(async () => {
    t = await createTestApp({}, () => new Date('2025-01-15T12:00:00Z'));
    for (const who of ['viewer', 'commissioner', 'analyst', 'admin']) cookie[who] = await signInAs(t.app, who);
  });
  afterAll(() => t.close());

  it('asks for the organisation to be set up before anything else', async () => {
    const response = await as('commissioner', 'GET', '/api/contract/indicators');
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/Set up the organisation/);
    await setUpTestshire(t);
  });

  it('adds an indicator; a refused body is audited by field, not value', async () => {
    const bad = await as('commissioner', 'POST', '/api/contract/indicators', { code: 'bad code!' });
    expect(bad.statusCode).toBe(400);
    expect(await audits('contract.invalid_request', 'refused')).toBe(1);

    const created = await as('commissioner', 'POST', '/api/contract/indicators', {
      code: 'NEW1',
      title: 'Children in the same home for two years',
      shortTitle: 'Placement stability',
      definition: 'Of children in care 2.5 years or more, the % in the same home for at least 2 years.',
      whyItMatters: 'Stable homes matter.',
      theme: 'children_in_care',
      unit: 'percent',
      polarity: 'higher_is_better',
      precision: 1,
      measureType: 'snapshot',
      numeratorLabel: 'Children in the same home 2+ years',
      denominatorLabel: 'Children in care 2.5+ years',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'NEW1',
      inUse: false,
      numeratorLabel: 'Children in the same home 2+ years',
    });
    const duplicate = await as('admin', 'POST', '/api/contract/indicators', { ...created.json(), inUse: undefined });
    expect(duplicate.statusCode).toBe(409);
    expect(await audits('indicator.create', 'refused')).toBe(1);
    const viewer = await as('viewer', 'POST', '/api/contract/indicators', {});
    expect(viewer.statusCode).toBe(403);
  });

  it('a set needs a second person in the other role: never its proposer', async () => {
    const proposed = await as('commissioner', 'POST', '/api/contract/proposals/kpi-set', {
      code: 'C2024',
      name: 'Contract 2024',
      effectiveFrom: '2024-04',
      indicatorCodes: ['NEW1'],
      grace: [{ indicatorCode: 'NEW1', months: 3 }],
      reason: 'New contract schedule from 1 April 2024',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const proposal = proposed.json();
    expect(proposal.change).toMatchObject({
      effectiveFrom: '2024-04-01',
      grace: [{ indicatorCode: 'NEW1', startsOn: '2024-04-01', endsOn: '2024-06-30' }],
      replaces: false,
    });
    expect(proposal.canDecide).toBe(false);

    const self = await as('commissioner', 'POST', `/api/contract/proposals/${proposal.id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toMatch(/someone else/);
    const analyst = await as('analyst', 'POST', `/api/contract/proposals/${proposal.id}/approve`, {});
    expect(analyst.statusCode).toBe(403);
    expect(await audits('proposal.approve', 'refused')).toBe(1);
    expect((await as('commissioner', 'GET', '/api/contract/kpi-sets')).json().kpiSets).toEqual([]);

    const approved = await as('admin', 'POST', `/api/contract/proposals/${proposal.id}/approve`, { note: 'Agreed' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decisionNote: 'Agreed' });
    expect(approved.json().decidedBy).not.toBe(approved.json().proposedBy);
    const again = await as('admin', 'POST', `/api/contract/proposals/${proposal.id}/approve`, {});
    expect(again.statusCode).toBe(409);

    const sets = (await as('viewer', 'GET', '/api/contract/kpi-sets')).json().kpiSets;
    expect(sets).toMatchObject([
      {
        code: 'C2024',
        effectiveFrom: '2024-04-01',
        effectiveTo: null,
        indicators: [{ code: 'NEW1', grace: [{ startsOn: '2024-04-01', endsOn: '2024-06-30' }] }],
      },
    ]);
    expect(await audits('kpi_set.apply')).toBe(1);
  });

  it("reads bands in the contract's words and refuses what the contract cannot mean", async () => {
    const wrong = await as('admin', 'POST', '/api/contract/proposals/threshold', {
      indicatorCode: 'NEW1',
      effectiveFrom: '2024-04',
      target: 'Target > 85 days',
      failure: 'Failure > 75%',
      reason: 'x',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.target']);
    // NEW1 is better when higher: a target met by lower figures would rate it green while worsening
    const backwards = await as('admin', 'POST', '/api/contract/proposals/threshold', {
      indicatorCode: 'NEW1',
      effectiveFrom: '2024-04',
      target: 'Target < 75%',
      failure: 'Failure > 85%',
      reason: 'x',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([
      {
        path: 'body.target',
        message: expect.stringMatching(
          /^The KPI is better when higher, but this target \(Target < 75%\) is met by lower figures/,
        ),
      },
    ]);

    const proposed = await as('admin', 'POST', '/api/contract/proposals/threshold', {
      indicatorCode: 'NEW1',
      effectiveFrom: '2024-04',
      target: 'Target > 85%',
      failure: 'Failure < 75%',
      kpiSetCode: 'C2024',
      reason: 'Contract schedule 2024',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json().change).toMatchObject({ targetOperator: '>', targetValue: 85, failureOperator: '<' });
    // Proposed by an administrator: another administrator is not the second role.
    const approved = await as('commissioner', 'POST', `/api/contract/proposals/${proposed.json().id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('grace months are red with no consequence; persistent failure only after more than 3 months that count', async () => {
    const [indicator] = await t.database.db.select().from(indicators).where(eq(indicators.code, 'NEW1'));
    const months = ['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10'];
    await t.database.db.insert(observations).values(
      months.map((m) => ({
        indicatorId: indicator!.id,
        month: `${m}-01`,
        value: 50,
        provenance: 'uploaded_return' as const,
      })),
    );
    const item = async (month: string) => {
      const response = await as('admin', 'GET', `/api/scorecard?month=${month}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.find((i: { code: string }) => i.code === 'NEW1');
    };
    const may = await item('2024-05');
    expect(may.current.status).toBe('red');
    expect(may.consequence.carriesConsequence).toBe(false);
    const september = await item('2024-09');
    expect(september.consequence.carriesConsequence).toBe(true);
    expect(september.streak.persistentFailure).toBe(false);
    expect((await item('2024-10')).streak.persistentFailure).toBe(true);
  });

  it('new bands rate from their month on; earlier months keep their rating; published months are closed', async () => {
    const earlier = await as('commissioner', 'POST', '/api/contract/proposals/threshold', {
      indicatorCode: 'NEW1',
      effectiveFrom: '2024-03',
      target: 'Target > 40%',
      failure: 'Failure < 30%',
      reason: 'x',
    });
    // No meeting has covered March 2024 yet: bands from then may still replace those from April.
    expect(earlier.statusCode, earlier.body).toBe(201);
    expect((await as('admin', 'POST', `/api/contract/proposals/${earlier.json().id}/reject`, {})).statusCode).toBe(200);

    const later = await as('commissioner', 'POST', '/api/contract/proposals/threshold', {
      indicatorCode: 'NEW1',
      effectiveFrom: '2024-09',
      target: 'Target > 45%',
      failure: 'Failure < 30%',
      reason: 'Bands revised at the September review',
    });
    expect(later.statusCode, later.body).toBe(201);
    expect((await as('admin', 'POST', `/api/contract/proposals/${later.json().id}/approve`, {})).statusCode).toBe(200);
    const status = async (month: string) =>
      (await as('admin', 'GET', `/api/scorecard?month=${month}`))
        .json()
        .items.find((i: { code: string }) => i.code === 'NEW1').current.status;
    expect(await status('2024-08')).toBe('red');
    expect(await status('2024-09')).toBe('green');

    const meeting = await as('commissioner', 'POST', '/api/contract/meetings', {
      board: 'Scrutiny board',
      heldOn: '2024-12-02',
      monthsFrom: '2024-04',
      monthsTo: '2024-10',
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const id = meeting.json().id;
    expect((await as('admin', 'PATCH', `/api/contract/meetings/${id}`, { heldOn: '2024-12-03' })).json().heldOn).toBe(
      '2024-12-03',
    );
    expect((await as('commissioner', 'POST', `/api/meetings/${id}/publish`)).statusCode).toBe(200);
    expect((await as('admin', 'PATCH', `/api/contract/meetings/${id}`, { heldOn: '2024-12-04' })).statusCode).toBe(409);

    // A meeting receives months that have ended by its date, and its figures are never published
    // before its last month has ended (that would make months public before they exist).
    const early = await as('commissioner', 'POST', '/api/contract/meetings', {
      board: 'Scrutiny board',
      heldOn: '2024-10-31',
      monthsFrom: '2024-04',
      monthsTo: '2024-10',
    });
    expect(early.statusCode, early.body).toBe(400);
    expect(early.json().errors).toEqual([
      {
        path: 'body.heldOn',
        message:
          'The meeting is on 31 October 2024, before October 2024 (the last month it receives) has ended: a meeting receives months that have ended.',
      },
    ]);
    const thisMonth = new Date().toISOString().slice(0, 7);
    const future = await as('commissioner', 'POST', '/api/contract/meetings', {
      board: 'Scrutiny board',
      heldOn: `${Number(thisMonth.slice(0, 4)) + 1}-12-01`,
      monthsFrom: thisMonth,
      monthsTo: thisMonth,
    });
    expect(future.statusCode, future.body).toBe(201);
    const tooSoon = await as('commissioner', 'POST', `/api/meetings/${future.json().id}/publish`, {
      confirmMissingCommentary: true,
    });
    expect(tooSoon.statusCode, tooSoon.body).toBe(409);
    expect(tooSoon.json().detail).toMatch(/which has not ended: its figures cannot be published before then/);
    expect(
      (await as('commissioner', 'PATCH', `/api/contract/meetings/${future.json().id}`, { heldOn: `${thisMonth}-01` }))
        .statusCode,
    ).toBe(400);
    const closed = await as('commissioner', 'POST', '/api/contract/proposals/threshold', {
      indicatorCode: 'NEW1',
      effectiveFrom: '2024-10',
      target: 'Target > 50%',
      failure: 'Failure < 30%',
      reason: 'x',
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('months_published');
  });

  it('an indicator in use keeps how it is rated and shown; its wording can change, audited', async () => {
    const unit = await as('admin', 'PATCH', '/api/contract/indicators/NEW1', { precision: 0 });
    expect(unit.statusCode).toBe(409);
    expect(unit.json().code).toBe('indicator_in_use');
    const title = await as('admin', 'PATCH', '/api/contract/indicators/NEW1', { shortTitle: 'Stability 2y' });
    expect(title.statusCode).toBe(200);
    const [row] = await queryRows<{ details: { before: object; after: object } }>(
      t.database.db,
      sql`select details from audit_log where action = 'indicator.update' and outcome = 'success'`,
    );
    expect(row!.details).toEqual({
      before: { shortTitle: 'Placement stability' },
      after: { shortTitle: 'Stability 2y' },
    });
  });

  it('records a relief event for named KPIs over a month range', async () => {
    const created = await as('commissioner', 'POST', '/api/contract/relief-events', {
      name: 'Cyber incident',
      reason: 'Case system unavailable',
      agreedOn: '2024-12-10',
      fromMonth: '2024-11',
      toMonth: '2024-12',
      indicatorCodes: ['NEW1', 'NOPE'],
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors).toEqual([{ path: 'body.indicatorCodes.1', message: 'There is no indicator NOPE.' }]);
    const ok = await as('commissioner', 'POST', '/api/contract/relief-events', {
      name: 'Cyber incident',
      reason: 'Case system unavailable',
      agreedOn: '2024-12-10',
      fromMonth: '2024-11',
      toMonth: '2024-12',
      indicatorCodes: ['NEW1'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await as('viewer', 'GET', '/api/contract/relief-events')).json().reliefEvents).toMatchObject([
      { name: 'Cyber incident', startsOn: '2024-11-01', endsOn: '2024-12-31', indicatorCodes: ['NEW1'] },
    ]);
  });
});
