import { buildApp, ensureDemoAccounts, loadConfig, seedDemo } from '@kpi/server';
import { type Database, openDatabase } from '@kpi/server/db';
import { kpiMonthCommentarySchema, readyResponseSchema, scorecardResponseSchema } from '@kpi/shared';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBinaries, type PgCluster, startPgCluster, startPgStandby } from '../support/pgCluster';
import { REFERENCE_DIR } from '../support/seededApp';
import { signInAs, TEST_PASSWORD } from '../support/testApp';

/**
 * Reads from a streaming-replication standby (DATABASE_READ_URL), on a primary and a hot standby of
 * their own (PostgreSQL binaries, `pg_basebackup -R`). Runs in the PostgreSQL stage of the suite
 * (TEST_DATABASE_URL set); on PGlite there is no standby to read from, so it is skipped.
 */
const binDir = process.env.TEST_DATABASE_URL ? findPostgresBinaries() : null;

describe.skipIf(!binDir)('reads from a hot standby (postgres)', () => {
  let primary: PgCluster | undefined;
  let standby: PgCluster | undefined;
  let database: Database;
  let app: FastifyInstance;
  let cookie: string;

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const ready = async () => {
    const response = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(response.statusCode).toBe(200);
    return readyResponseSchema.parse(response.json());
  };
  const standbyReads = async () => (await ready()).standbys?.[0]?.reads ?? 0;
  /** Statements on the standby itself (replay control), outside the application. */
  const onStandby = async (statement: string) => {
    const client = new pg.Client({ connectionString: standby!.url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  /** Reads until one is answered by the standby (it is probed, and catches up, in the background). */
  const untilStandbyReads = async (url: string) => {
    const before = await standbyReads();
    const deadline = Date.now() + 20_000;
    while ((await standbyReads()) === before) {
      if (Date.now() > deadline) throw new Error(`the standby never answered: ${JSON.stringify(await ready())}`);
      expect((await get(url)).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    primary = await startPgCluster(binDir!);
    const seeding = openDatabase({ databaseUrl: primary.url, poolMax: 4 });
    try {
      await seeding.migrate();
      await seedDemo(seeding.db, { referenceDir: REFERENCE_DIR });
      await ensureDemoAccounts(seeding.db, TEST_PASSWORD);
    } finally {
      await seeding.close();
    }
    standby = await startPgStandby(binDir!, primary);
    database = openDatabase({ databaseUrl: primary.url, readUrls: [standby.url], poolMax: 4 });
    // Six readers as fast as the machine allows: the per-person rate limit is not what is tested.
    const config = {
      ...loadConfig({ NODE_ENV: 'test', CLIENT_DIST: '/nonexistent' }),
      databaseUrl: primary.url,
      rateLimitPerMinute: 1_000_000,
    };
    app = await buildApp({ config, database });
    cookie = await signInAs(app, 'analyst');
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    standby?.stop();
    primary?.stop();
  });

  it('answers a scorecard from the standby, the same as the primary holds', async () => {
    // Commentary is not in the response cache, so every read of it reaches the database.
    await untilStandbyReads('/api/indicators/PI1/commentary/2023-06');
    expect((await ready()).standbys).toEqual([expect.objectContaining({ available: true, current: true })]);
    const before = await standbyReads();
    const response = await get('/api/scorecard?month=2021-03');
    expect(response.statusCode).toBe(200);
    const scorecard = scorecardResponseSchema.parse(response.json());
    expect(scorecard.financialYear).toBe('2020-21');
    expect(scorecard.items.length).toBeGreaterThan(10);
    expect(await standbyReads()).toBeGreaterThan(before);
  });

  it("reads a person's own write straight after it, while the standby has not replayed it", async () => {
    const url = '/api/indicators/PI1/commentary/2023-06';
    await untilStandbyReads(url);
    // The standby keeps receiving WAL but applies none of it: whatever is written now, it lacks.
    await onStandby('select pg_wal_replay_pause()');
    try {
      const draft = await app.inject({
        method: 'POST',
        url: `${url}/draft`,
        headers: { cookie },
        payload: { body: 'Written just now', basedOn: null },
      });
      expect(draft.statusCode, draft.body).toBe(200);
      const before = await standbyReads();
      const read = await get(url);
      expect(read.statusCode).toBe(200);
      expect(kpiMonthCommentarySchema.parse(read.json()).latest?.body).toBe('Written just now');
      expect(await standbyReads()).toBe(before);
      expect((await ready()).standbys?.[0]?.current).toBe(false);
    } finally {
      await onStandby('select pg_wal_replay_resume()');
    }
    // Once it has replayed the write, the standby serves reads again, and has the write.
    await untilStandbyReads(url);
    expect(kpiMonthCommentarySchema.parse((await get(url)).json()).latest?.body).toBe('Written just now');
  });

  it('falls back to the primary without an error when the standby is killed under load', async () => {
    const urls = ['PI1', 'PI2', 'PI3', 'PI4'].flatMap((code) =>
      ['2023-04', '2023-05', '2023-06'].map((month) => `/api/indicators/${code}/commentary/${month}`),
    );
    await untilStandbyReads(urls[0]!);
    const failures: string[] = [];
    let answered = 0;
    let stop = false;
    const worker = async (offset: number) => {
      for (let i = offset; !stop; i += 1) {
        const url = i % 5 === 0 ? `/api/scorecard?month=2023-0${1 + (i % 3)}` : urls[i % urls.length]!;
        const response = await get(url);
        if (response.statusCode !== 200) failures.push(`${url}: ${response.statusCode} ${response.body}`);
        answered += 1;
      }
    };
    const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(1_000);
    const readsBeforeKill = await standbyReads();
    expect(readsBeforeKill).toBeGreaterThan(0);
    standby!.kill();
    const answeredAtKill = answered;
    await sleep(3_000);
    stop = true;
    await load;

    expect(failures).toEqual([]);
    expect(answered - answeredAtKill).toBeGreaterThan(20);
    expect((await ready()).standbys).toEqual([expect.objectContaining({ available: false, current: false })]);
    // Reads now are answered by the primary.
    const readsAfterKill = await standbyReads();
    for (const url of urls) expect((await get(url)).statusCode).toBe(200);
    expect(await standbyReads()).toBe(readsAfterKill);
  });
});
