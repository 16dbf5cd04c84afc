import { gunzipSync } from 'node:zlib';
import { DEMO_DFE_SOURCES } from '@kpi/seed';
import { seedDemo } from '@kpi/server';
import { queryRows } from '@kpi/server/db';
import { scorecardResponseSchema, seriesResponseSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dfeFile, FILES, postFile, postJson } from '../fixtures/benchmarks/support';
import { commit, upload } from '../fixtures/returns/support';
import { createSeededTestApp, REFERENCE_DIR } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const SERIES_2023 = '/api/indicators/PI1/series?from=2023-01&to=2023-12';

/**
 * The scorecard and series are served from a cache with strong ETags. Whatever writes the data —
 * a return, a DfE import, publishing a meeting, the seed, or another process writing SQL — the
 * next look must show it; and a body computed for someone who sees unpublished figures must never
 * reach someone who does not.
 */
describe(`cached scorecard and series with conditional requests (${testDriverName()})`, () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const get = (url: string, who: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]!, ...headers } });
  const etagOf = async (url: string, who = 'viewer') => {
    const response = await get(url, who);
    expect(response.statusCode, response.body).toBe(200);
    return String(response.headers.etag);
  };
  /** A write by another process reaches this one by notification, a few milliseconds after its commit. */
  const eventually = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 2_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('not seen within 2 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const auditedLooks = async (username: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from audit_log where action = 'prerelease.view' and username = ${username}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await createSeededTestApp();
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

  it('answers a repeat look with 304 and no body, privately and always revalidated, gzipped when accepted', async () => {
    for (const url of ['/api/scorecard', SERIES_2023]) {
      const first = await get(url, 'viewer');
      expect(first.statusCode).toBe(200);
      expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      expect(String(first.headers.vary)).toMatch(/Cookie/);
      const again = await get(url, 'viewer', { 'if-none-match': String(first.headers.etag) });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      expect((await get(url, 'viewer', { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
      const zipped = await get(url, 'viewer', { 'accept-encoding': 'gzip, deflate, br' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.etag).toBe(first.headers.etag);
      expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(first.body);
    }
    // Unchanged data: the same tag for another viewer who sees the same figures.
    await signInAs(t.app, 'viewer').then(async (other) => {
      const response = await t.app.inject({ method: 'GET', url: '/api/scorecard', headers: { cookie: other } });
      expect(response.headers.etag).toBe(await etagOf('/api/scorecard'));
    });
  });

  it('never sends a body with unpublished figures to a viewer off the pre-release list', async () => {
    const viewerBefore = scorecardResponseSchema.parse((await get('/api/scorecard', 'viewer')).json());
    // A meeting to come covers the last three months: those are unpublished now. (The demo's
    // 8 September 2025 meeting presented to July 2025; a month a published meeting presented stays
    // public, so here it presented to April 2025.)
    await t.database.db.execute(sql`update meetings set months_to = '2025-04-01' where held_on = '2025-09-08'`);
    await t.database.db.execute(
      sql`insert into meetings (organisation_id, board, held_on, months_from, months_to)
          values (1, 'Children''s Services and Education Scrutiny Board', '2099-01-01', '2025-05-01', '2025-07-01')`,
    );
    // The chair looks first, so a shared cache entry would be filled with the pre-release body.
    await eventually(async () => (await get('/api/scorecard', 'chair')).json().publication.published === false);
    const chairLooks = await auditedLooks('chair');
    const chair = await get('/api/scorecard', 'chair');
    expect(chair.headers['cache-control']).toBe('no-store');
    expect(chair.headers.etag).toBeUndefined();
    expect(scorecardResponseSchema.parse(chair.json()).publication.published).toBe(false);
    expect(await auditedLooks('chair')).toBe(chairLooks + 1);

    const viewer = await get('/api/scorecard', 'viewer');
    const shown = scorecardResponseSchema.parse(viewer.json());
    expect(shown.month < '2025-05').toBe(true);
    expect(shown.publication.published).toBe(true);
    expect(viewer.body).not.toBe(chair.body);
    // Asking for the unpublished month by name, even with the chair's tag, is refused.
    const refused = await get(`/api/scorecard?month=${viewerBefore.month}`, 'viewer', { 'if-none-match': '*' });
    expect(refused.statusCode).toBe(403);
    expect(await auditedLooks('viewer')).toBe(0);

    // Publishing the meeting changes what the viewer is sent, and its tag.
    const before = String(viewer.headers.etag);
    const [meeting] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from meetings where held_on = '2099-01-01'`,
    );
    const publish = await t.app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting!.id}/publish`,
      headers: { cookie: cookies.commissioner! },
      payload: { confirmMissingCommentary: true },
    });
    expect(publish.statusCode, publish.body).toBe(200);
    const after = await get('/api/scorecard', 'viewer', { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    expect(scorecardResponseSchema.parse(after.json()).month).toBe(viewerBefore.month);
  });

  it('a committed return changes the series and its tag at once', async () => {
    const before = await get(SERIES_2023, 'viewer');
    const june = seriesResponseSchema.parse(before.json()).points.find((p) => p.month === '2023-06')!;
    const newValue = Number(((june.value ?? 50) > 50 ? 41.5 : 58.5).toFixed(1));
    const uploaded = await upload(
      t.app,
      cookies.commissioner!,
      'june.csv',
      Buffer.from(`kpi_code,month,value\r\nPI1,2023-06,${newValue}\r\n`),
    );
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const committed = await commit(t.app, cookies.commissioner!, uploaded.json().upload.id, {
      confirmWarnings: true,
      reason: 'Corrected figure',
    });
    expect(committed.statusCode, committed.body).toBe(200);

    const after = await get(SERIES_2023, 'viewer', { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(seriesResponseSchema.parse(after.json()).points.find((p) => p.month === '2023-06')!.value).toBe(newValue);
  });

  it('a DfE import, the seed, or another process writing changes the tag', async () => {
    const cinSeries = '/api/indicators/CIC-COUNT/series';
    const original = await etagOf(cinSeries);
    // Another process removes the figures directly: seen once its notification arrives.
    await t.database.db.execute(
      sql`delete from observations where indicator_id = (select id from indicators where code = 'CIC-COUNT')`,
    );
    await eventually(async () => (await get(cinSeries, 'viewer')).statusCode === 404);
    // The seed (idempotent) puts the demo figures back: the same body again, so the same tag.
    await seedDemo(t.database.db, { referenceDir: REFERENCE_DIR });
    await eventually(async () => (await etagOf(cinSeries)) === original);

    // A DfE import puts back comparator figures that had gone: the series showing them changes.
    const [withC4] = await queryRows<{ code: string; measure: string }>(
      t.database.db,
      sql`select i.code, i.comparator_measure as measure from indicators i
          where exists (select 1 from comparator_values c where c.measure_code = i.comparator_measure
                        and c.source_file = ${FILES.c4})
          order by i.code limit 1`,
    );
    expect(withC4, 'an indicator compared with a c4 measure').toBeDefined();
    const c4Series = `/api/indicators/${withC4!.code}/series`;
    const withComparators = await etagOf(c4Series);
    await t.database.db.execute(sql`delete from comparator_values where measure_code = ${withC4!.measure}`);
    await eventually(async () => (await etagOf(c4Series)) !== withComparators);
    const withoutComparators = await etagOf(c4Series);
    const preview = await postFile(
      t.app,
      cookies.analyst!,
      `/api/benchmarks/dfe/preview?fileName=${FILES.c4}`,
      dfeFile(FILES.c4),
    );
    expect(preview.statusCode, preview.body).toBe(200);
    const imported = await postJson(t.app, cookies.analyst!, '/api/benchmarks/dfe/import', {
      uploadId: preview.json().upload.id,
      sourceRelease: 'Re-import of c4',
      mappings: DEMO_DFE_SOURCES.filter((s) => s.file === 'c4').map((s) => s.mapping),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const afterImport = await get(c4Series, 'viewer', { 'if-none-match': withoutComparators });
    expect(afterImport.statusCode).toBe(200);
    expect(seriesResponseSchema.parse(afterImport.json()).comparators.some((c) => c.points.length > 0)).toBe(true);
  });
});
