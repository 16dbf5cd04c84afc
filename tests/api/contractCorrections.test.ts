import { queryRows, schema } from '@kpi/server/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';
import { addStabilityKpi, setUpTestshire } from '../support/testshire';

const { indicators, observations } = schema;

/**
 * Commissioners configure the contract on screen and get it wrong sometimes: a new KPI set while
 * the old one runs ends the old one (said before approval); sets that would rate the same month are
 * refused; a mistyped band is corrected until a published meeting has covered its months.
 */
describe(`correcting the contract's configuration (${testDriverName()})`, () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookie[who]! }, ...(payload ? { payload } : {}) });
  const approve = async (id: number) => {
    const approved = await as('admin', 'POST', `/api/contract/proposals/${id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json();
  };
  const proposeSet = (body: object) =>
    as('commissioner', 'POST', '/api/contract/proposals/kpi-set', { indicatorCodes: ['LTS'], reason: 'x', ...body });
  const proposeBands = (effectiveFrom: string, target: string, failure: string) =>
    as('commissioner', 'POST', '/api/contract/proposals/threshold', {
      indicatorCode: 'LTS',
      effectiveFrom,
      target,
      failure,
      reason: 'Schedule typed in',
    });
  const sets = async () =>
    (await as('viewer', 'GET', '/api/contract/kpi-sets'))
      .json()
      .kpiSets.map((s: { code: string; effectiveFrom: string; effectiveTo: string | null }) => ({
        code: s.code,
        effectiveFrom: s.effectiveFrom,
        effectiveTo: s.effectiveTo,
      }));
  const status = async (month: string) =>
    (await as('admin', 'GET', `/api/scorecard?month=${month}`))
      .json()
      .items.find((i: { code: string }) => i.code === 'LTS').current.status;

  beforeAll(async () => {
    t = await createTestApp({}, () => new Date('2025-01-15T12:00:00Z'));
    for (const who of ['viewer', 'commissioner', 'admin']) cookie[who] = await signInAs(t.app, who);
    await setUpTestshire(t);
    await addStabilityKpi(t, cookie.commissioner!, 'LTS');
  }, 120_000);
  afterAll(() => t.close());

  it('a new set while the open-ended one runs ends it the month before, and says so before approval', async () => {
    const first = await proposeSet({ code: 'C2024', name: 'Contract 2024', effectiveFrom: '2024-04' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().change.ends).toEqual([]);
    await approve(first.json().id);

    const next = await proposeSet({ code: 'C2026', name: 'Contract 2026', effectiveFrom: '2026-04' });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().title).toContain('Contract 2024 (C2024) will end in March 2026.');
    expect(next.json().change.ends).toEqual([
      { code: 'C2024', name: 'Contract 2024', effectiveTo: '2026-03-31', graceTrimmed: [] },
    ]);
    // Proposed only: nothing has ended yet.
    expect(await sets()).toEqual([{ code: 'C2024', effectiveFrom: '2024-04-01', effectiveTo: null }]);
    const listed = (await as('admin', 'GET', '/api/contract/proposals')).json().proposals;
    expect(listed[0].change.ends).toEqual([
      { code: 'C2024', name: 'Contract 2024', effectiveTo: '2026-03-31', graceTrimmed: [] },
    ]);

    await approve(next.json().id);
    expect(await sets()).toEqual([
      { code: 'C2024', effectiveFrom: '2024-04-01', effectiveTo: '2026-03-31' },
      { code: 'C2026', effectiveFrom: '2026-04-01', effectiveTo: null },
    ]);
  });

  it('refuses a set that would rate months another set rates, in the one error shape', async () => {
    const cases = [
      [
        { code: 'C2024B', name: 'Contract 2024 again', effectiveFrom: '2026-04' },
        /on or before the first month of Contract 2026/,
      ],
      [
        { code: 'C2025', name: 'Contract 2025', effectiveFrom: '2025-04', effectiveTo: '2026-06' },
        /overlap Contract 2024 \(C2024, April 2024 to March 2026\), which already has its last month/,
      ],
      // Reopening the ended set would run into the next one.
      [
        { code: 'C2024', name: 'Contract 2024', effectiveFrom: '2024-04' },
        /C2024 \(from April 2024, open-ended\) would start on or before the first month of Contract 2026.* or end it by March 2026\./,
      ],
    ] as const;
    for (const [body, message] of cases) {
      const refused = await proposeSet(body);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json()).toMatchObject({
        status: 409,
        code: 'kpi_sets_overlap',
        detail: expect.stringMatching(message),
      });
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await sets()).toHaveLength(2);
  });

  it('a mistyped band is corrected until a published meeting covers its months; then refused naming the first month', async () => {
    const [indicator] = await t.database.db.select().from(indicators).where(eq(indicators.code, 'LTS'));
    await t.database.db.insert(observations).values(
      ['2024-04', '2024-05', '2024-11'].map((m) => ({
        indicatorId: indicator!.id,
        month: `${m}-01`,
        value: 82,
        provenance: 'uploaded_return' as const,
      })),
    );
    const typo = await proposeBands('2024-04', 'Target > 85%', 'Failure < 75%');
    await approve(typo.json().id);
    expect(await status('2024-05')).toBe('amber');

    // The contract says 80%: corrected from the same month, before any meeting has covered it.
    const corrected = await proposeBands('2024-04', 'Target > 80%', 'Failure < 70%');
    expect(corrected.statusCode, corrected.body).toBe(201);
    await approve(corrected.json().id);
    expect(await status('2024-05')).toBe('green');
    const bands = (await as('viewer', 'GET', '/api/contract/indicators/LTS/bands')).json();
    expect(bands).toEqual({
      indicatorCode: 'LTS',
      bands: [
        expect.objectContaining({
          effectiveFrom: '2024-04-01',
          effectiveTo: null,
          target: 'Target > 80%',
          failure: 'Failure < 70%',
        }),
      ],
      changeableFrom: null,
    });
    // The replaced bands are kept in the audit log, exactly as they were.
    const [applied] = await queryRows<{ details: { replaced: { targetValue: number }[] } }>(
      t.database.db,
      sql`select details from audit_log where action = 'threshold.apply' order by id desc limit 1`,
    );
    expect(applied!.details.replaced.map((r) => r.targetValue)).toEqual([85]);

    const meeting = await as('commissioner', 'POST', '/api/contract/meetings', {
      board: 'Scrutiny board',
      heldOn: '2024-12-02',
      monthsFrom: '2024-04',
      monthsTo: '2024-10',
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    expect((await as('commissioner', 'POST', `/api/meetings/${meeting.json().id}/publish`)).statusCode).toBe(200);

    const published = await proposeBands('2024-06', 'Target > 90%', 'Failure < 70%');
    expect(published.statusCode).toBe(409);
    expect(published.json()).toMatchObject({
      code: 'months_published',
      detail: expect.stringMatching(/Bands for LTS can be changed from November 2024 \(2024-11\) at the earliest/),
    });
    expect((await as('viewer', 'GET', '/api/contract/indicators/LTS/bands')).json().changeableFrom).toBe('2024-11');

    // From the first month no meeting has covered: added, then corrected in the same month.
    await approve((await proposeBands('2024-11', 'Target > 90%', 'Failure < 70%')).json().id);
    expect(await status('2024-11')).toBe('amber');
    const again = await proposeBands('2024-11', 'Target > 81%', 'Failure < 70%');
    expect(again.statusCode, again.body).toBe(201);
    await approve(again.json().id);
    expect(await status('2024-11')).toBe('green');
    expect(await status('2024-05')).toBe('green');
    const after = (await as('viewer', 'GET', '/api/contract/indicators/LTS/bands')).json().bands;
    expect(
      after.map((b: { effectiveFrom: string; effectiveTo: string | null; target: string }) => [
        b.effectiveFrom,
        b.effectiveTo,
        b.target,
      ]),
    ).toEqual([
      ['2024-04-01', '2024-10-31', 'Target > 80%'],
      ['2024-11-01', null, 'Target > 81%'],
    ]);
    expect((await as('viewer', 'GET', '/api/contract/indicators/NOPE/bands')).statusCode).toBe(404);
  });
  it('ending a set ends its grace periods with it, said before approval and audited', async () => {
    const graced = await proposeSet({
      code: 'C2026',
      name: 'Contract 2026',
      effectiveFrom: '2026-04',
      grace: [{ indicatorCode: 'LTS', months: 6, fromMonth: '2027-01' }],
    });
    expect(graced.statusCode, graced.body).toBe(201);
    await approve(graced.json().id);

    // C2027 ends C2026 in March 2027, half way through LTS's grace (January to June 2027).
    const next = await proposeSet({ code: 'C2027', name: 'Contract 2027', effectiveFrom: '2027-04' });
    expect(next.statusCode, next.body).toBe(201);
    const trimmed = [{ indicatorCode: 'LTS', startsOn: '2027-01-01', endsOn: '2027-06-30', newEndsOn: '2027-03-31' }];
    expect(next.json().change.ends).toEqual([
      { code: 'C2026', name: 'Contract 2026', effectiveTo: '2027-03-31', graceTrimmed: trimmed },
    ]);
    expect(next.json().title).toContain(
      "LTS's grace period in C2026 (January 2027 to June 2027) will end in March 2027, with C2026.",
    );
    const graceOf = async (code: string) =>
      (await as('viewer', 'GET', '/api/contract/kpi-sets'))
        .json()
        .kpiSets.find((s: { code: string }) => s.code === code)
        .indicators[0].grace.map((g: { startsOn: string; endsOn: string }) => [g.startsOn, g.endsOn]);
    expect(await graceOf('C2026')).toEqual([['2027-01-01', '2027-06-30']]);

    await approve(next.json().id);
    // April to June 2027 are C2027's months: C2026's grace no longer lifts their consequence.
    expect(await graceOf('C2026')).toEqual([['2027-01-01', '2027-03-31']]);
    const [applied] = await queryRows<{ details: { ends: { graceTrimmed: unknown }[] } }>(
      t.database.db,
      sql`select details from audit_log where action = 'kpi_set.apply' and target = 'kpi_set:C2027' order by id desc limit 1`,
    );
    expect(applied!.details.ends[0]!.graceTrimmed).toEqual(trimmed);
  });
});
