import { queryRows } from '@kpi/server/db';
import {
  problemSchema,
  RETURN_UPLOAD_CONFLICT_CODES,
  returnAbandonResponseSchema,
  returnUploadListResponseSchema,
  returnUploadResponseSchema,
} from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commit,
  countRows,
  createReturnsTestApp,
  insertLockedMeeting,
  type ReturnsTestApp,
  upload,
} from '../fixtures/returns/support';
import { testDriverName } from '../support/testDatabase';

/**
 * Issue 5: a checked upload that will not be loaded can be abandoned (by its uploader, a
 * commissioner or an administrator), audited, and then never loaded; and every 409 from loading a
 * return says which kind of conflict it is (`code`) as well as what to do (`detail`).
 */

const driver = testDriverName();

function longCsv(...rows: string[]): Buffer {
  return Buffer.from(`kpi_code,month,value\r\n${rows.join('\r\n')}\r\n`);
}

describe(`abandoning an upload, and what a conflict is (${driver})`, () => {
  let t: ReturnsTestApp;
  beforeAll(async () => {
    t = await createReturnsTestApp();
  });
  afterAll(() => t.close());

  async function preview(name: string, bytes: Buffer, cookie = t.cookies.commissioner): Promise<number> {
    const response = await upload(t.app, cookie, name, bytes);
    expect(response.json().upload.outcome, response.body).toBe('validated');
    return response.json().upload.id;
  }

  const abandon = (cookie: string, id: number) =>
    t.app.inject({ method: 'POST', url: `/api/returns/uploads/${id}/abandon`, headers: { cookie } });

  async function conflict(response: Awaited<ReturnType<typeof abandon>>) {
    expect(response.statusCode, response.body).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(response.json());
    expect(RETURN_UPLOAD_CONFLICT_CODES).toContain(problem.code);
    return problem;
  }

  async function audits(id: number) {
    return queryRows<{ action: string; outcome: string; username: string }>(
      t.database.db,
      sql`select action, outcome, username from audit_log
          where action = 'return.abandon' and target = ${`upload ${id}`} order by id`,
    );
  }

  it('the uploader abandons a checked upload: listed and shown as abandoned, audited, never loadable', async () => {
    const id = await preview('draft.csv', longCsv('PI5,2021-01,1200'), t.cookies.analyst);
    const before = await countRows(t.database.db);

    const response = await abandon(t.cookies.analyst, id);
    expect(response.statusCode, response.body).toBe(200);
    const body = returnAbandonResponseSchema.parse(response.json());
    expect(body.upload.outcome).toBe('abandoned');
    expect(body.abandon).toEqual({ abandonedAt: '2021-05-15T10:00:00.000Z', abandonedBy: expect.any(String) });
    expect(body.message).toBe(
      'Abandoned on 15 May 2021 at 11:00: nothing from draft.csv was saved, and it can no longer be loaded.',
    );
    expect(await countRows(t.database.db)).toEqual(before);
    expect(await audits(id)).toEqual([{ action: 'return.abandon', outcome: 'success', username: 'analyst' }]);

    const page = returnUploadResponseSchema.parse(
      (await t.app.inject({ url: `/api/returns/uploads/${id}`, headers: { cookie: t.cookies.commissioner } })).json(),
    );
    expect(page.upload.outcome).toBe('abandoned');
    expect(page.canCommit).toBe(false);
    expect(page.abandon?.abandonedBy).toBe(body.abandon.abandonedBy);
    expect(page.message).toBe(
      `This upload was abandoned on 15 May 2021 at 11:00 by ${body.abandon.abandonedBy}; nothing from it was saved.`,
    );
    const list = returnUploadListResponseSchema.parse(
      (await t.app.inject({ url: '/api/returns/uploads', headers: { cookie: t.cookies.commissioner } })).json(),
    );
    expect(list.uploads.find((u) => u.id === id)?.outcome).toBe('abandoned');

    // Loading it now: 409 upload_abandoned, nothing written.
    const loaded = await commit(t.app, t.cookies.commissioner, id, { confirmWarnings: true, reason: 'r' });
    const problem = await conflict(loaded);
    expect(problem.code).toBe('upload_abandoned');
    expect(problem.detail).toBe(
      `This upload was abandoned on 15 May 2021 at 11:00 by ${body.abandon.abandonedBy}, so nothing from it can be loaded. Upload the file again if its figures should be loaded.`,
    );
    expect(await countRows(t.database.db)).toEqual(before);

    // Abandoning it again: 409 upload_abandoned, audited as refused.
    const again = await conflict(await abandon(t.cookies.analyst, id));
    expect(again.code).toBe('upload_abandoned');
    expect(again.detail).toBe(
      `This upload was already abandoned on 15 May 2021 at 11:00 by ${body.abandon.abandonedBy}.`,
    );
    expect((await audits(id)).map((a) => a.outcome)).toEqual(['success', 'refused']);
  });

  it('a commissioner or an administrator may abandon anyone’s upload; another analyst may not', async () => {
    const byAdmin = await preview('admin-draft.csv', longCsv('PI5,2021-02,1100'), t.cookies.admin);
    const refused = await abandon(t.cookies.analyst, byAdmin);
    expect(refused.statusCode).toBe(403);
    expect(problemSchema.parse(refused.json()).detail).toMatch(
      /^Only .+, a commissioner or an administrator can abandon this upload\.$/,
    );
    expect(await audits(byAdmin)).toEqual([{ action: 'return.abandon', outcome: 'refused', username: 'analyst' }]);
    const [row] = await queryRows<{ outcome: string }>(
      t.database.db,
      sql`select outcome from uploads where id = ${byAdmin}`,
    );
    expect(row!.outcome).toBe('validated');

    expect((await abandon(t.cookies.commissioner, byAdmin)).statusCode).toBe(200);
    const byAnalyst = await preview('analyst-draft.csv', longCsv('PI5,2021-03,1000'), t.cookies.analyst);
    expect((await abandon(t.cookies.admin, byAnalyst)).statusCode).toBe(200);
    expect((await abandon(t.cookies.viewer, byAnalyst)).statusCode).toBe(403);
    expect((await abandon(t.cookies.admin, 999_999)).statusCode).toBe(404);
  });

  it('a loaded upload cannot be abandoned, nor loaded twice: already_committed', async () => {
    const id = await preview('pi14-jan.csv', longCsv('PI14,2021-01,19'));
    expect((await commit(t.app, t.cookies.commissioner, id, { confirmWarnings: true, reason: 'r' })).statusCode).toBe(
      200,
    );
    const twice = await conflict(
      await commit(t.app, t.cookies.commissioner, id, { confirmWarnings: true, reason: 'r' }),
    );
    expect(twice.code).toBe('already_committed');
    expect(twice.detail).toMatch(
      /^This upload was already loaded on 15 May 2021 at 11:00 by .+\. It cannot be loaded twice/,
    );

    const abandoned = await conflict(await abandon(t.cookies.commissioner, id));
    expect(abandoned.code).toBe('already_committed');
    expect(abandoned.detail).toMatch(
      /^This upload was loaded on 15 May 2021 at 11:00 by .+, so it cannot be abandoned\. To correct its figures, upload a corrected file\.$/,
    );
  });

  it('a rejected upload has nothing to abandon: upload_rejected', async () => {
    const response = await upload(t.app, t.cookies.commissioner, 'bad.csv', longCsv('PI5,2021-01,lots'));
    expect(response.json().upload.outcome).toBe('rejected');
    const problem = await conflict(await abandon(t.cookies.commissioner, response.json().upload.id));
    expect(problem.code).toBe('upload_rejected');
  });

  it('the data changed since the preview: data_changed', async () => {
    const stale = await preview('stale.csv', longCsv('PI2,2020-04,50'));
    const other = await preview('other.csv', longCsv('PI2,2020-04,51'));
    expect((await commit(t.app, t.cookies.commissioner, other)).statusCode).toBe(200);
    const problem = await conflict(await commit(t.app, t.cookies.commissioner, stale));
    expect(problem.code).toBe('data_changed');
    expect(problem.detail).toBe(
      'Figures in this file have changed in the dashboard since it was checked (PI2 April 2020), probably by another upload. Nothing was saved. Upload the file again to see a fresh preview.',
    );
  });

  it('a meeting locked since the preview: meeting_locked', async () => {
    const id = await preview('pi2-june.csv', longCsv('PI2,2020-06,52'));
    await insertLockedMeeting(t.database.db, '2020-06', '2020-06', '2020-07-15');
    const problem = await conflict(await commit(t.app, t.cookies.commissioner, id));
    expect(problem.code).toBe('meeting_locked');
    expect(problem.detail).toMatch(/^A meeting has been locked since this file was checked/);
  });

  it('loading and abandoning at the same moment: exactly one wins, the other is told which', async () => {
    const id = await preview('race.csv', longCsv('PI5,2021-04,900'));
    const [loaded, abandoned] = await Promise.all([
      commit(t.app, t.cookies.commissioner, id, { confirmWarnings: true, reason: 'r' }),
      abandon(t.cookies.admin, id),
    ]);
    expect([loaded.statusCode, abandoned.statusCode].sort()).toEqual([200, 409]);
    const loser = loaded.statusCode === 409 ? loaded : abandoned;
    expect(problemSchema.parse(loser.json()).code).toBe(
      loaded.statusCode === 409 ? 'upload_abandoned' : 'already_committed',
    );
  });
});
