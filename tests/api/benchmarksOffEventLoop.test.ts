import { FileReaderPool } from '@kpi/server';
import { queryRows } from '@kpi/server/db';
import { problemSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BenchmarkTestApp,
  benchmarkState,
  createBenchmarkTestApp,
  dfeFile,
  FILES,
  postFile,
  postJson,
} from '../fixtures/benchmarks/support';
import { testDriverName } from '../support/testDatabase';

/**
 * A large benchmark file is parsed and planned in the file reader pool's worker thread, so other
 * people's requests are answered while it is read; and a file that takes too long to read is
 * refused with the one problem shape, not a 500.
 */

const previewUrl = (name: string) => `/api/benchmarks/dfe/preview?fileName=${encodeURIComponent(name)}`;

/** A DfE tidy CSV of every authority the dashboard knows, for as many reporting years as fill `bytes`. */
async function largeDfeFile(t: BenchmarkTestApp, bytes: number) {
  const areas = await queryRows<{ code: string; name: string; old_la_code: string }>(
    t.database.db,
    sql`select code, name, old_la_code from areas where old_la_code is not null order by code`,
  );
  const lines = [
    'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,referrals,referral_pct',
  ];
  let size = 0;
  let rows = 0;
  for (let year = 2025; size < bytes; year--) {
    for (const a of areas) {
      const line = `${year},Reporting year,Local authority,E92000001,England,,,${a.old_la_code},${a.code},"${a.name}",${(rows * 7) % 900},${(rows % 1000) / 10}`;
      lines.push(line);
      size += line.length + 1;
      rows++;
    }
  }
  return { bytes: Buffer.from(`${lines.join('\n')}\n`), rows };
}

const MAPPINGS = [
  { measureCode: 'test_large_referrals', unit: 'count', numerator: 'referrals', timing: 'yearToMarch' },
  { measureCode: 'test_large_referral_pct', unit: 'percent', numerator: 'referral_pct', timing: 'yearToMarch' },
];

/** Until the file is in a worker; or the request has been answered already (the test then fails). */
async function whileReading(readers: FileReaderPool, request: Promise<unknown>) {
  let answered = false;
  void request.finally(() => {
    answered = true;
  });
  while (readers.running === 0 && !answered) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe(`a large DfE file does not hold up other requests (${testDriverName()})`, () => {
  const readers = new FileReaderPool();
  let t: BenchmarkTestApp;
  let file: { bytes: Buffer; rows: number };
  let uploadId = 0;

  beforeAll(async () => {
    t = await createBenchmarkTestApp({ fileReaders: readers });
    file = await largeDfeFile(t, 3 * 1024 * 1024);
  });
  afterAll(() => t.close());

  /** Sends `slow`, then — while its file is being read — asks who is signed in; returns both in the order answered. */
  async function meanwhile(slow: () => Promise<LightMyRequestResponse>) {
    const order: string[] = [];
    const sent = slow().then((response) => {
      order.push('file');
      return response;
    });
    await whileReading(readers, sent);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: t.cookies.viewer } });
    order.push('me');
    expect(me.statusCode, me.body).toBe(200);
    return { order, response: await sent };
  }

  it('signed-in pages are answered while the file is previewed', async () => {
    const { order, response } = await meanwhile(() =>
      postFile(t.app, t.cookies.analyst, previewUrl('large.csv'), Buffer.from(file.bytes)),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().rowCount).toBe(file.rows);
    expect(order).toEqual(['me', 'file']);
    uploadId = response.json().upload.id;
  });

  it('and while it is imported; every figure is stored', async () => {
    const { order, response } = await meanwhile(() =>
      postJson(t.app, t.cookies.analyst, '/api/benchmarks/dfe/import', {
        uploadId,
        sourceRelease: 'Large test release',
        mappings: MAPPINGS,
      }),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(order).toEqual(['me', 'file']);
    expect(response.json().totals).toEqual({ inserted: file.rows * 2, changed: 0, unchanged: 0 });
    const [stored] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from comparator_values where measure_code like 'test_large_%' and kind = 'area'`,
    );
    expect(stored!.n).toBe(file.rows * 2);
  });
});

describe(`a file that takes too long to read is refused with the problem shape (${testDriverName()})`, () => {
  // Far too short for any file: every read times out, and its worker is replaced.
  const readers = new FileReaderPool({ timeoutMs: 1 });
  let t: BenchmarkTestApp;

  beforeAll(async () => {
    t = await createBenchmarkTestApp({ fileReaders: readers });
  });
  afterAll(() => t.close());

  it('400, saying so, and nothing is kept; the next file gets a new worker', async () => {
    const before = await benchmarkState(t.database.db);
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await postFile(t.app, t.cookies.analyst, previewUrl(FILES.c4), dfeFile(FILES.c4));
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = problemSchema.parse(response.json());
      expect(problem.detail).toMatch(/^The file took too long to read/);
      expect(problem.errors?.[0]?.path).toBe('file');
    }
    expect(await benchmarkState(t.database.db)).toEqual(before);
  });
});
