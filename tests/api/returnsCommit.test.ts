import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreRows, type StoredRows } from '../../server/src/returns/storedRows';
import {
  commit,
  countRows,
  createReturnsTestApp,
  fixture,
  insertLockedMeeting,
  type ReturnsTestApp,
  storedFigures,
  upload,
} from '../fixtures/returns/support';
import { asTablesOwner, testDriverName } from '../support/testDatabase';

const driver = testDriverName();

function longCsv(...rows: string[]): Buffer {
  return Buffer.from(`kpi_code,month,value\r\n${rows.join('\r\n')}\r\n`);
}

describe(`committing a return: all or nothing, one at a time (${driver})`, () => {
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

  async function outcomeOf(id: number): Promise<string> {
    const [row] = await queryRows<{ outcome: string }>(
      t.database.db,
      sql`select outcome from uploads where id = ${id}`,
    );
    return row!.outcome;
  }

  it('a failure after some observations were written leaves nothing written', async () => {
    // A trigger that fails the revision insert, but only once this upload's 11 observations are in
    // place inside the transaction: the failure is proven to come after they were written.
    // The application's role may not create functions or triggers (PostgreSQL stage): the owner does.
    await asTablesOwner(t.database, async (owner) => {
      await owner.execute(sql`create function fail_after_observations() returns trigger language plpgsql as $$
        begin
          if (select count(*) from observations where upload_id = new.upload_id) >= 11 then
            raise exception 'injected failure after the observations were written';
          end if;
          return new;
        end $$`);
      await owner.execute(sql`create trigger fail_after_observations before insert on observation_revisions
        for each row execute function fail_after_observations()`);
    });

    const id = await preview('valid-wide.csv', fixture('valid-wide.csv'));
    const failed = await commit(t.app, t.cookies.commissioner, id);
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({
      title: 'Internal server error',
      detail: 'Something went wrong on our side.',
    });
    expect(await countRows(t.database.db)).toEqual({ observations: 0, revisions: 0 });
    expect(await outcomeOf(id)).toBe('validated');
    const [audit] = await queryRows<{ outcome: string }>(
      t.database.db,
      sql`select outcome from audit_log where action = 'return.commit' and target = ${`upload ${id}`}`,
    );
    expect(audit).toEqual({ outcome: 'failure' });

    await asTablesOwner(t.database, (owner) =>
      owner.execute(sql`drop trigger fail_after_observations on observation_revisions`),
    );
    const retried = await commit(t.app, t.cookies.commissioner, id);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(await countRows(t.database.db)).toEqual({ observations: 11, revisions: 11 });
    expect(await outcomeOf(id)).toBe('committed');
  });

  it("an analyst may commit their own upload but not a commissioner's; the commissioner may commit either", async () => {
    const theirs = await preview('commissioner.csv', longCsv('PI1,2019-04,60'));
    const refused = await commit(t.app, t.cookies.analyst, theirs);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/An analyst can load only a return they uploaded themselves/);
    expect(await outcomeOf(theirs)).toBe('validated');
    expect((await commit(t.app, t.cookies.commissioner, theirs)).statusCode).toBe(200);
    const own = await preview('analyst.csv', longCsv('PI1,2019-05,61'), t.cookies.analyst);
    expect((await commit(t.app, t.cookies.analyst, own)).statusCode).toBe(200);
    const analysts = await preview('analyst2.csv', longCsv('PI1,2019-06,62'), t.cookies.analyst);
    expect((await commit(t.app, t.cookies.commissioner, analysts)).statusCode).toBe(200);
  });

  it('committing the same upload twice is refused with 409', async () => {
    const id = await preview('pi5-jan.csv', longCsv('PI5,2021-01,1200'));
    const first = await commit(t.app, t.cookies.commissioner, id, { confirmWarnings: true, reason: 'Correction' });
    expect(first.statusCode, first.body).toBe(200);
    const second = await commit(t.app, t.cookies.commissioner, id, { confirmWarnings: true, reason: 'Correction' });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toBe(
      'This upload was already loaded on 15 May 2021 at 11:00 by Commissioning manager (demo). It cannot be loaded twice; upload the file again to see what it would change now.',
    );
  });

  it('two commits of one upload at the same moment: one loads it, the other gets 409', async () => {
    const id = await preview('pi14-jan.csv', longCsv('PI14,2021-01,19'));
    const responses = await Promise.all([
      commit(t.app, t.cookies.commissioner, id, { confirmWarnings: true, reason: 'r' }),
      commit(t.app, t.cookies.admin, id, { confirmWarnings: true, reason: 'r' }),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [revisions] = await queryRows<{ n: string }>(
      t.database.db,
      sql`select count(*) as n from observation_revisions where upload_id = ${id}`,
    );
    expect(Number(revisions!.n)).toBe(1);
  });

  it('two uploads over the same months committed at once: one succeeds, the other gets 409 and writes nothing', async () => {
    const months = ['2020-04', '2020-05', '2020-06', '2020-07', '2020-08', '2020-09'];
    const a = await preview('a.csv', longCsv(...months.map((m) => `PI1,${m},70`)));
    const b = await preview('b.csv', longCsv(...months.map((m) => `PI1,${m},71`)), t.cookies.analyst);
    const before = await countRows(t.database.db);
    const [ra, rb] = await Promise.all([commit(t.app, t.cookies.commissioner, a), commit(t.app, t.cookies.analyst, b)]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const loser = ra.statusCode === 409 ? ra : rb;
    const winnerValue = ra.statusCode === 200 ? 70 : 71;
    expect(loser.json().detail).toMatch(
      /^Figures in this file have changed in the dashboard since it was checked \(PI1 April 2020, PI1 May 2020, .* and 1 more\), probably by another upload\. Nothing was saved\. Upload the file again to see a fresh preview\.$/,
    );
    const figures = await storedFigures(t.database.db);
    for (const m of months) expect(figures[`PI1 ${m}`]).toBe(winnerValue);
    expect(await countRows(t.database.db)).toEqual({
      observations: before.observations + 6,
      revisions: before.revisions + 6,
    });
    expect(await outcomeOf(ra.statusCode === 409 ? a : b)).toBe('validated');
  });

  it('a figure changed by another upload after the preview: the commit is refused and asks for a fresh preview', async () => {
    const stale = await preview('stale.csv', longCsv('PI2,2020-04,50'));
    const other = await preview('other.csv', longCsv('PI2,2020-04,51'));
    expect((await commit(t.app, t.cookies.commissioner, other)).statusCode).toBe(200);
    const before = await countRows(t.database.db);
    const refused = await commit(t.app, t.cookies.commissioner, stale);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/\(PI2 April 2020\), probably by another upload/);
    expect(await countRows(t.database.db)).toEqual(before);
    expect((await storedFigures(t.database.db))['PI2 2020-04']).toBe(51);
  });

  it('a meeting locked after the preview: the commit is refused and asks for a fresh preview', async () => {
    const id = await preview('pi2-june.csv', longCsv('PI2,2020-06,52'));
    await insertLockedMeeting(t.database.db, '2020-06', '2020-06', '2020-07-15');
    const refused = await commit(t.app, t.cookies.commissioner, id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/^A meeting has been locked since this file was checked/);
  });

  it('an upload previewed before rows were stored as tuples (summary version 1) still shows and commits', async () => {
    const id = await preview('pi5-feb.csv', longCsv('PI5,2021-02,1210', 'PI5,2021-03,1220'));
    const [stored] = await queryRows<{ summary: { version: number; checked: StoredRows } }>(
      t.database.db,
      sql`select summary from uploads where id = ${id}`,
    );
    const { checked, ...rest } = stored!.summary;
    const versionOne = { ...rest, version: 1, rows: restoreRows(checked), commit: null };
    await t.database.db.execute(
      sql`update uploads set summary = ${JSON.stringify(versionOne)}::jsonb where id = ${id}`,
    );

    const shown = await t.app.inject({
      method: 'GET',
      url: `/api/returns/uploads/${id}`,
      headers: { cookie: t.cookies.commissioner },
    });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().counts).toMatchObject({ figures: 2 });
    const loaded = await commit(t.app, t.cookies.commissioner, id, { confirmWarnings: true, reason: 'Correction' });
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json().commit).toMatchObject({ revisionsWritten: 2 });
    const figures = await storedFigures(t.database.db);
    expect([figures['PI5 2021-02'], figures['PI5 2021-03']]).toEqual([1210, 1220]);
  });
});
