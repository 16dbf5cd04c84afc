import { queryRows } from '@kpi/server/db';
import {
  actionListResponseSchema,
  exceptionReportSchema,
  kpiActionSchema,
  kpiMonthCommentarySchema,
  problemSchema,
  scorecardResponseSchema,
} from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/** Commentary written on screen, its review, its history, pre-release rules, actions and the exception report. */
describe(`commentary, actions and the exception report (${testDriverName()})`, () => {
  let t: TestApp;
  let meetingId: number;
  const cookies: Record<string, string> = {};
  const URL = '/api/indicators/PI1/commentary/2023-06';
  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, who: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
  const read = async (who: string, url = URL) => {
    const response = await send('GET', url, who);
    expect(response.statusCode, response.body).toBe(200);
    return kpiMonthCommentarySchema.parse(response.json());
  };
  const audited = async (action: string) =>
    queryRows<{ username: string; outcome: string; details: Record<string, unknown> | null }>(
      t.database.db,
      sql`select username, outcome, details from audit_log where action = ${action} order by id`,
    );

  beforeAll(async () => {
    t = await createSeededTestApp();
    // A meeting still to come, covering January to March 2024: those months are unpublished.
    // (The demo's 25 March 2024 meeting presented to February 2024; a month a published meeting
    // presented stays public, so here it presented to December 2023.)
    await t.database.db.execute(sql`update meetings set months_to = '2023-12-01' where held_on = '2024-03-25'`);
    const [row] = await queryRows<{ id: number }>(
      t.database.db,
      sql`insert into meetings (organisation_id, board, held_on, months_from, months_to)
          values (1, 'Children''s Services and Education Scrutiny Board', '2024-04-22', '2024-01-01', '2024-03-01')
          returning id`,
    );
    meetingId = row!.id;
    await t.database.db.execute(
      sql`insert into users (username, display_name, role, password_hash, pre_release)
          select 'chair', 'Chair of the board', 'viewer', password_hash, true from users where username = 'viewer'`,
    );
    // On the council's pre-release list: a viewer there, with pre-release in their membership.
    await t.database.db.execute(
      sql`insert into memberships (user_id, organisation_id, role, pre_release)
          select id, 1, 'viewer', true from users where username = 'chair'`,
    );
    for (const who of ['viewer', 'chair', 'analyst', 'commissioner', 'admin'])
      cookies[who] = await signInAs(t.app, who);
    // seeding the demo takes minutes on a loaded machine
  }, 600_000);
  afterAll(() => t.close());

  it('write, submit, send back with a reason, resubmit, agree: each a version, viewers see only agreed text', async () => {
    const start = await read('analyst');
    expect(start).toMatchObject({ agreed: null, latest: null, history: [], may: { save: true, agree: false } });

    const draft = await send('POST', `${URL}/draft`, 'analyst', { body: 'First draft', basedOn: null });
    expect(draft.statusCode, draft.body).toBe(200);
    const afterDraft = kpiMonthCommentarySchema.parse(draft.json());
    expect(afterDraft.latest).toMatchObject({ state: 'draft', body: 'First draft', by: expect.any(String) });
    expect((await read('viewer')).latest).toBeNull();
    expect((await read('viewer')).agreed).toBeNull();

    // An analyst cannot agree; a commissioner cannot agree a draft that was never submitted.
    expect((await send('POST', `${URL}/agree`, 'analyst', { basedOn: afterDraft.latest!.id })).statusCode).toBe(403);
    const early = await send('POST', `${URL}/agree`, 'commissioner', { basedOn: afterDraft.latest!.id });
    expect(early.statusCode).toBe(409);
    expect(problemSchema.parse(early.json()).detail).toMatch(/"Draft" cannot be agreed/);

    const submitted = kpiMonthCommentarySchema.parse(
      (await send('POST', `${URL}/submit`, 'analyst', { basedOn: afterDraft.latest!.id })).json(),
    );
    expect(submitted.latest!.state).toBe('submitted');

    const noReason = await send('POST', `${URL}/send-back`, 'commissioner', {
      basedOn: submitted.latest!.id,
      reason: '  ',
    });
    expect(noReason.statusCode).toBe(400);
    const returned = kpiMonthCommentarySchema.parse(
      (
        await send('POST', `${URL}/send-back`, 'commissioner', {
          basedOn: submitted.latest!.id,
          reason: 'Say why the rate fell in June',
        })
      ).json(),
    );
    expect(returned.latest).toMatchObject({ state: 'returned', reason: 'Say why the rate fell in June' });

    // Acting on an old version is a conflict, never a silent overwrite.
    const stale = await send('POST', `${URL}/draft`, 'analyst', { body: 'Stale', basedOn: submitted.latest!.id });
    expect(stale.statusCode).toBe(409);

    const resubmitted = kpiMonthCommentarySchema.parse(
      (
        await send('POST', `${URL}/submit`, 'analyst', {
          basedOn: returned.latest!.id,
          body: 'Two social workers left in June.\n\n- Agency cover from July\n- Recruitment drive',
        })
      ).json(),
    );
    expect(resubmitted.latest!.state).toBe('submitted');
    const agreed = kpiMonthCommentarySchema.parse(
      (await send('POST', `${URL}/agree`, 'commissioner', { basedOn: resubmitted.latest!.id })).json(),
    );
    expect(agreed.agreed).toMatchObject({ state: 'agreed', body: resubmitted.latest!.body });
    expect(agreed.history.map((v) => v.state)).toEqual(['draft', 'submitted', 'returned', 'submitted', 'agreed']);

    const viewer = await read('viewer');
    expect(viewer).toMatchObject({
      agreed: { body: resubmitted.latest!.body },
      latest: null,
      history: [],
      historyShown: false,
    });
    // The agreed text is what the scorecard shows, with the submitter as its author.
    const scorecard = scorecardResponseSchema.parse(
      (await send('GET', '/api/scorecard?month=2023-06', 'viewer')).json(),
    );
    expect(scorecard.items.find((i) => i.code === 'PI1')!.commentary).toMatchObject({
      month: '2023-06',
      body: resubmitted.latest!.body,
      author: 'Trust analyst (demo)',
    });

    // A new draft of agreed text leaves the agreed text shown until the revision is agreed.
    const latestId = agreed.history.at(-1)!.id;
    await send('POST', `${URL}/draft`, 'analyst', { body: 'Revised, not agreed', basedOn: latestId });
    expect((await read('viewer')).agreed!.body).toBe(resubmitted.latest!.body);
    expect((await read('commissioner')).latest!.body).toBe('Revised, not agreed');

    const steps = (await audited('commentary.save')).concat(
      await audited('commentary.submit'),
      await audited('commentary.send_back'),
      await audited('commentary.agree'),
    );
    expect(steps.filter((s) => s.outcome === 'success')).toHaveLength(6);
    expect(steps.filter((s) => s.outcome === 'refused').map((s) => s.username)).toEqual(
      expect.arrayContaining(['analyst', 'commissioner']),
    );
  });

  it('keeps every version: the database refuses to change or remove one', async () => {
    await expect(t.database.db.execute(sql`update commentary_versions set body = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from commentary_versions`)).rejects.toThrow();
    const [count] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from commentary_versions`,
    );
    expect(count!.n).toBeGreaterThanOrEqual(6);
  });

  it('four eyes: a commissioner cannot agree the commentary they submitted; another person can', async () => {
    const url = '/api/indicators/PI1/commentary/2023-05';
    const submitted = kpiMonthCommentarySchema.parse(
      (
        await send('POST', `${url}/submit`, 'commissioner', { body: 'Written by the commissioner', basedOn: null })
      ).json(),
    );
    const own = await read('commissioner', url);
    expect(own.may.agree).toBe(false);
    expect(own.agreeRefusal).toMatch(/You submitted this commentary, so someone else must agree it/);
    const refused = await send('POST', `${url}/agree`, 'commissioner', { basedOn: submitted.latest!.id });
    expect(refused.statusCode).toBe(403);
    expect(problemSchema.parse(refused.json()).detail).toMatch(/someone else must agree it/);
    expect((await read('viewer', url)).agreed).toBeNull();
    expect((await audited('commentary.agree')).filter((a) => a.outcome === 'refused').at(-1)).toMatchObject({
      username: 'commissioner',
      details: { month: '2023-05' },
    });
    // The administrator (a second person) sees the agree button and may agree it.
    expect((await read('admin', url)).may.agree).toBe(true);
    const agreed = await send('POST', `${url}/agree`, 'admin', { basedOn: submitted.latest!.id });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect((await read('viewer', url)).agreed!.body).toBe('Written by the commissioner');
  });

  it('applies pre-release rules to commentary exactly as to figures', async () => {
    const url = '/api/indicators/PI1/commentary/2024-02';
    const draft = kpiMonthCommentarySchema.parse(
      (await send('POST', `${url}/submit`, 'analyst', { body: 'Unpublished February', basedOn: null })).json(),
    );
    expect(draft.publication.published).toBe(false);
    await send('POST', `${url}/agree`, 'commissioner', { basedOn: draft.latest!.id });
    // The viewer may not see the month: not its figures, not its commentary, not in the scorecard.
    expect((await send('GET', url, 'viewer')).statusCode).toBe(404);
    expect((await send('POST', `${url}/draft`, 'viewer', { body: 'x', basedOn: null })).statusCode).toBe(403);
    const series = (await send('GET', '/api/indicators/PI1/series?from=2023-10&to=2024-03', 'viewer')).json();
    expect(series.commentary.map((c: { month: string }) => c.month)).not.toContain('2024-02');
    // The pre-release list sees the agreed text, and the look is recorded.
    const chair = await read('chair', url);
    expect(chair.agreed!.body).toBe('Unpublished February');
    expect(chair.history).toEqual([]);
    const looks = await queryRows<{ target: string }>(
      t.database.db,
      sql`select target from audit_log where action = 'prerelease.view' and username = 'chair'`,
    );
    expect(looks.map((l) => l.target)).toContain('commentary PI1');
  });

  it('records actions with an owner, due date, status and months; late ones are flagged; closed ones stay', async () => {
    const created = await send('POST', '/api/indicators/PI1/actions', 'analyst', {
      description: 'Recruit two permanent social workers',
      owner: 'Head of Service, Assessment',
      dueOn: '2023-09-30',
      status: 'on_track',
      months: ['2023-06'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = kpiActionSchema.parse(created.json());
    expect(action).toMatchObject({
      status: 'on_track',
      late: true,
      months: ['2023-06'],
      createdBy: 'Trust analyst (demo)',
    });
    expect((await send('POST', '/api/indicators/PI1/actions', 'viewer', {})).statusCode).toBe(403);
    const hidden = await send('POST', '/api/indicators/PI1/actions', 'commissioner', {
      description: 'Unpublished action',
      owner: 'Director',
      dueOn: '2030-01-01',
      months: ['2024-02'],
    });
    expect(hidden.statusCode).toBe(201);
    const done = await send('PATCH', `/api/indicators/PI1/actions/${action.id}`, 'commissioner', { status: 'done' });
    expect(kpiActionSchema.parse(done.json())).toMatchObject({
      status: 'done',
      late: false,
      updatedBy: 'Commissioning manager (demo)',
    });
    const list = actionListResponseSchema.parse((await send('GET', '/api/indicators/PI1/actions', 'viewer')).json());
    expect(list.actions.map((a) => a.description)).toEqual(['Recruit two permanent social workers']);
    const all = actionListResponseSchema.parse((await send('GET', '/api/indicators/PI1/actions', 'analyst')).json());
    expect(all.actions).toHaveLength(2);
    expect((await audited('action.update'))[0]!.details).toMatchObject({ status: { from: 'on_track', to: 'done' } });
  });

  it('the exception report lists each flagged KPI with agreed commentary or "commentary missing"', async () => {
    expect((await send('GET', `/api/meetings/${meetingId}/exceptions`, 'viewer')).statusCode).toBe(403);
    const report = exceptionReportSchema.parse(
      (await send('GET', `/api/meetings/${meetingId}/exceptions`, 'analyst')).json(),
    );
    expect(report.month).toBe('2024-03');
    // SPC is in: a KPI worsening by a signal is flagged too.
    expect(report.criteria).toContain('worsening_signal');
    expect(report.items.length).toBeGreaterThan(0);
    for (const item of report.items) {
      expect(item.reasons.length, item.code).toBeGreaterThan(0);
      expect(item.commentaryMissing).toBe(item.commentary === null);
    }
    expect(report.missingCommentary).toBe(report.items.filter((i) => i.commentaryMissing).length);
    const first = report.items[0]!;
    const url = `/api/indicators/${first.code}/commentary/2024-03`;
    const submitted = kpiMonthCommentarySchema.parse(
      (await send('POST', `${url}/submit`, 'analyst', { body: 'Explained', basedOn: null })).json(),
    );
    await send('POST', `${url}/agree`, 'commissioner', { basedOn: submitted.latest!.id });
    const after = exceptionReportSchema.parse(
      (await send('GET', `/api/meetings/${meetingId}/exceptions`, 'analyst')).json(),
    );
    expect(after.items.find((i) => i.code === first.code)).toMatchObject({
      commentaryMissing: false,
      commentary: { body: 'Explained' },
    });
  });

  it('publishing with commentary missing asks for confirmation, and records it', async () => {
    const refused = await send('POST', `/api/meetings/${meetingId}/publish`, 'commissioner');
    expect(refused.statusCode).toBe(409);
    expect(problemSchema.parse(refused.json())).toMatchObject({ code: 'commentary_missing' });
    const published = await send('POST', `/api/meetings/${meetingId}/publish`, 'commissioner', {
      confirmMissingCommentary: true,
    });
    expect(published.statusCode, published.body).toBe(200);
    const rows = await audited('meeting.publish');
    expect(rows.map((r) => [r.outcome, r.details?.confirmed])).toEqual([
      ['refused', false],
      ['success', true],
    ]);
    expect((rows[1]!.details!.missingCommentary as string[]).length).toBeGreaterThan(0);
  });
});
