import { queryRows } from '@kpi/server/db';
import { meetingSchema, problemSchema, scorecardResponseSchema, seriesResponseSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

describe(`pre-release control (${testDriverName()})`, () => {
  let t: TestApp;
  let meetingId: number;
  const cookies: Record<string, string> = {};
  const get = (url: string, who: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
  const preReleaseViews = async (username: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from audit_log where action = 'prerelease.view' and username = ${username}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await createSeededTestApp();
    // A board meeting still to come, covering January to March 2024: those months are unpublished.
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
    for (const who of ['viewer', 'chair', 'analyst', 'commissioner']) cookies[who] = await signInAs(t.app, who);
  });
  afterAll(() => t.close());

  it('refuses an unpublished month to a viewer who is not on the pre-release list, saying when it will be', async () => {
    const response = await get('/api/scorecard?month=2024-02', 'viewer');
    expect(response.statusCode).toBe(403);
    expect(problemSchema.parse(response.json()).detail).toMatch(
      /February 2024 are not published yet\. Unpublished until the meeting on 22 April 2024/,
    );
  });

  it('leaves unpublished months out of a series for that viewer', async () => {
    const series = seriesResponseSchema.parse(
      (await get('/api/indicators/PI1/series?from=2023-10&to=2024-03', 'viewer')).json(),
    );
    for (const point of series.points) {
      const unpublished = point.month >= '2024-01';
      expect(point.publication.published, point.month).toBe(!unpublished);
      if (unpublished) expect(point.value, point.month).toBeNull();
      else expect(point.value, point.month).not.toBeNull();
      // Said as what it is: not published yet (and when it will be), never "No data".
      if (unpublished) {
        expect(point.displayValue, point.month).toBe('Not published yet');
        expect(point.reason, point.month).toBe('Not published yet. Unpublished until the meeting on 22 April 2024.');
      } else expect(point.displayValue, point.month).not.toMatch(/published/);
    }
    expect(await preReleaseViews('viewer')).toBe(0);
  });

  it('shows them to people who produce the figures and to the pre-release list, and records each look', async () => {
    for (const who of ['analyst', 'chair']) {
      const response = await get('/api/scorecard?month=2024-02', who);
      expect(response.statusCode, who).toBe(200);
      const scorecard = scorecardResponseSchema.parse(response.json());
      expect(scorecard.publication).toEqual({
        published: false,
        note: 'Unpublished until the meeting on 22 April 2024.',
      });
      expect(scorecard.items.some((i) => i.current.value !== null)).toBe(true);
      expect(await preReleaseViews(who), who).toBe(1);
    }
    const series = seriesResponseSchema.parse(
      (await get('/api/indicators/PI1/series?from=2023-10&to=2024-03', 'chair')).json(),
    );
    expect(series.points.filter((p) => p.month >= '2024-01').every((p) => p.value !== null)).toBe(true);
    expect(await preReleaseViews('chair')).toBe(2);
  });

  it('keeps the unpublished meeting briefing from the viewer', async () => {
    expect((await get(`/api/meetings/${meetingId}/briefing`, 'viewer')).statusCode).toBe(403);
    expect((await get(`/api/meetings/${meetingId}/briefing`, 'analyst')).statusCode).toBe(200);
  });

  it('publishing the meeting makes the figures visible to every viewer, and is audited', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/publish`,
      headers: { cookie: cookies.analyst! },
    });
    expect(refused.statusCode).toBe(403);
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/publish`,
      headers: { cookie: cookies.commissioner! },
      // The exception report's KPIs have no agreed commentary here (tests/api/commentary.test.ts).
      payload: { confirmMissingCommentary: true },
    });
    expect(published.statusCode).toBe(200);
    expect(meetingSchema.parse(published.json())).toMatchObject({ locked: true });
    const response = await get('/api/scorecard?month=2024-02', 'viewer');
    expect(response.statusCode).toBe(200);
    expect(scorecardResponseSchema.parse(response.json()).publication.published).toBe(true);
    const audited = await queryRows<{ username: string }>(
      t.database.db,
      sql`select username from audit_log where action = 'meeting.publish'`,
    );
    expect(audited).toEqual([{ username: 'commissioner' }]);
  });
});
