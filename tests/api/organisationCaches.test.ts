import { loadSeedData } from '@kpi/seed';
import { buildApp } from '@kpi/server';
import { queryRows, withTenantScope } from '@kpi/server/db';
import { regionalKpisResponseSchema, seriesResponseSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commit, upload } from '../fixtures/returns/support';
import { createSeededTestApp, REFERENCE_DIR } from '../support/seededApp';
import { addMembership, addPerson, DUDLEY, SANDWELL, seedServedCouncil } from '../support/servedCouncils';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * Cached pages at national scale (issue 19): each council's cached scorecard is valid for the
 * global data version and its own organisation's, so one council's commit leaves every other
 * council's cached bodies valid, while a change to data every council shows (DfE comparators), or
 * a write outside any council's scope, still reaches every council. Two application instances on
 * one database stand for two server processes: the second learns of the first's writes by
 * notification. Whether a body was served from the cache is read from the instance's count of
 * bodies computed. The application names a statement's organisations to PostgreSQL only: on PGlite
 * every write counts as one outside any council (README, "Row-level security"), so there the other
 * council's page is computed again, and only its being unchanged is checked.
 */
describe(`one council's change leaves other councils' cached pages (${testDriverName()})`, () => {
  let t: TestApp;
  /** Another server process on the same database. */
  let other: FastifyInstance;
  let sandwellId: number;
  let dudleyId: number;
  /** A published month of both councils. */
  const month = '2023-06';
  const scorecardUrl = `/api/scorecard?month=${month}`;
  let newValue: number;
  /** Statements carry their organisations to the database (PostgreSQL), so versions are per organisation. */
  let perOrganisation: boolean;
  const cookies: Record<string, string> = {};
  const get = (app: FastifyInstance, who: string, url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[who]!, ...headers } });
  const computed = (app: FastifyInstance) => app.readCaches.reads.bodiesComputed;
  /** The scorecard's tag, and whether answering it computed a body (rather than serving the cached one). */
  const scorecard = async (app: FastifyInstance, who: string) => {
    const before = computed(app);
    const response = await get(app, who, scorecardUrl);
    expect(response.statusCode, response.body).toBe(200);
    return { etag: String(response.headers.etag), recomputed: computed(app) > before, body: response.body };
  };
  /** Another process's write reaches this one by notification, milliseconds after its commit. */
  const eventually = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 2_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('not seen within 2 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const tags: Record<string, string> = {};

  beforeAll(async () => {
    t = await createSeededTestApp();
    const data = await loadSeedData(REFERENCE_DIR);
    dudleyId = await seedServedCouncil(t.database.db, data, {
      areaCode: DUDLEY,
      name: 'Dudley',
      codes: ['PI1', 'PI4'],
      factor: 0.9,
      unpublishedFrom: '9999-12',
    });
    const [sandwell] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from organisations where area_code = ${SANDWELL}`,
    );
    sandwellId = sandwell!.id;
    perOrganisation = t.database.driver === 'postgres';
    await addMembership(t.database.db, await addPerson(t.database.db, 'dudley.viewer'), dudleyId, 'viewer');
    const both = await addPerson(t.database.db, 'both.viewer');
    await addMembership(t.database.db, both, sandwellId, 'viewer');
    await addMembership(t.database.db, both, dudleyId, 'viewer');
    other = await buildApp({ config: t.config, database: t.database });
    for (const who of ['viewer', 'commissioner', 'dudley.viewer', 'both.viewer']) {
      cookies[who] = await signInAs(t.app, who);
    }
  }, 300_000);
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it("a return committed in Sandwell changes Sandwell's scorecard here at once and in the other process by notification; Dudley's stays served from the cache", async () => {
    for (const [name, app] of [
      ['here', t.app],
      ['other', other],
    ] as const) {
      for (const who of ['viewer', 'dudley.viewer']) tags[`${name} ${who}`] = (await scorecard(app, who)).etag;
    }
    expect(tags['other viewer']).toBe(tags['here viewer']);
    expect(tags['here dudley.viewer']).not.toBe(tags['here viewer']);
    const series = await get(t.app, 'viewer', `/api/indicators/PI1/series?from=${month}&to=${month}`);
    const old = seriesResponseSchema.parse(series.json()).points.find((p) => p.month === month)?.value ?? 50;
    newValue = old > 50 ? 41.5 : 58.5;

    const uploaded = await upload(
      t.app,
      cookies.commissioner!,
      'correction.csv',
      Buffer.from(`kpi_code,month,value\r\nPI1,${month},${newValue}\r\n`),
    );
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const committed = await commit(t.app, cookies.commissioner!, uploaded.json().upload.id, {
      confirmWarnings: true,
      reason: 'Corrected figure',
    });
    expect(committed.statusCode, committed.body).toBe(200);

    const sandwellHere = await scorecard(t.app, 'viewer');
    expect(sandwellHere.recomputed).toBe(true);
    expect(sandwellHere.etag).not.toBe(tags['here viewer']);
    await eventually(async () => (await scorecard(other, 'viewer')).etag === sandwellHere.etag);
    for (const [name, app] of [
      ['here', t.app],
      ['other', other],
    ] as const) {
      const before = computed(app);
      const dudley = await get(app, 'dudley.viewer', scorecardUrl, {
        'if-none-match': tags[`${name} dudley.viewer`]!,
      });
      expect(dudley.statusCode, name).toBe(304);
      if (perOrganisation) expect(computed(app), `${name}: Dudley's scorecard was computed again`).toBe(before);
    }

    // The regional comparison across both councils reads Sandwell's new figure.
    const regional = await get(t.app, 'both.viewer', `/api/regional/kpis?code=PI1&month=${month}`, {
      'x-organisation': SANDWELL,
    });
    expect(regional.statusCode, regional.body).toBe(200);
    const councils = regionalKpisResponseSchema.parse(regional.json()).councils;
    expect(councils.map((c) => c.areaCode).sort()).toEqual([DUDLEY, SANDWELL].sort());
    expect(councils.find((c) => c.areaCode === SANDWELL)?.value).toBe(newValue);
  });

  it("another process's write in Dudley's scope reaches both processes by notification, and only Dudley's scorecard is computed again", async () => {
    const dudleyBefore = (await scorecard(t.app, 'dudley.viewer')).etag;
    const sandwellTags = {
      here: (await scorecard(t.app, 'viewer')).etag,
      other: (await scorecard(other, 'viewer')).etag,
    };
    await withTenantScope([dudleyId], () =>
      t.database.db.execute(
        sql`update indicators set title = title || ' (renamed)' where organisation_id = ${dudleyId}`,
      ),
    );
    for (const app of [t.app, other]) {
      await eventually(async () => (await scorecard(app, 'dudley.viewer')).etag !== dudleyBefore);
    }
    for (const [name, app] of [
      ['here', t.app],
      ['other', other],
    ] as const) {
      const sandwell = await scorecard(app, 'viewer');
      expect(sandwell.etag).toBe(sandwellTags[name]);
      if (perOrganisation) expect(sandwell.recomputed, `${name}: Sandwell's scorecard was computed again`).toBe(false);
    }
  });

  it('a change to data every council shows, or a write outside any council, is computed again for both councils', async () => {
    const changes = [
      // DfE's comparators are shared: written in Sandwell's scope, they still change Dudley's pages.
      () =>
        withTenantScope([sandwellId], () =>
          t.database.db.execute(sql`update comparator_values set value = value where area_code = ${SANDWELL}`),
        ),
      // The system scope (the seed, onboarding, a DfE import) may have touched any council.
      () =>
        withTenantScope('system', () =>
          t.database.db.execute(
            sql`update observations set value = value where indicator_id in (select id from indicators where organisation_id = ${sandwellId} and code = 'PI4')`,
          ),
        ),
    ];
    for (const change of changes) {
      for (const app of [t.app, other]) {
        for (const who of ['viewer', 'dudley.viewer']) await scorecard(app, who);
      }
      await change();
      for (const app of [t.app, other]) {
        await eventually(async () => (await scorecard(app, 'dudley.viewer')).recomputed);
        expect((await scorecard(app, 'viewer')).recomputed).toBe(true);
      }
    }
  });
});
