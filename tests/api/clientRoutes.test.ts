import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../client/build/precompress';
import { createTestApp, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const SCRIPT = `export const figures = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => i))};\n`;

describe(`serving the client (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    const clientDist = mkdtempSync(path.join(tmpdir(), 'kpi-client-'));
    writeFileSync(path.join(clientDist, 'index.html'), '<!doctype html><title>KPI dashboard</title>');
    mkdirSync(path.join(clientDist, 'assets'));
    writeFileSync(path.join(clientDist, 'assets', 'app.js'), SCRIPT);
    // The build step that writes .br and .gz beside each asset, run on this directory.
    await precompressDirectory(clientDist);
    t = await createTestApp({ clientDist });
  });
  afterAll(() => t.close());

  it.each(['GET', 'HEAD'] as const)('%s of a client route answers with the app, so deep links work', async (method) => {
    const response = await t.app.inject({ method, url: '/scorecard?month=2021-03' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  it('sends the asset compressed at build time when the browser accepts it', async () => {
    const get = (encoding?: string) =>
      t.app.inject({ method: 'GET', url: '/assets/app.js', headers: encoding ? { 'accept-encoding': encoding } : {} });
    const brotli = await get('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(SCRIPT);
    expect(brotli.rawPayload.length).toBeLessThan(SCRIPT.length / 2);
    const gzipped = await get('gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('a missing asset is a 404, not the app', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(response.statusCode).toBe(404);
  });

  it('an unknown API path is a problem+json 404, not the app', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
