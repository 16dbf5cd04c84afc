import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../client/build/precompress';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const SCRIPT = `export const figures = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => i))};\n`;

describe(`serving the client (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    const clientDist = mkdtempSync(path.join(tmpdir(), 'kpi-client-'));
    writeFileSync(
      path.join(clientDist, 'index.html'),
      '<!doctype html><head><title>KPI dashboard</title><script type="module" crossorigin src="/assets/app.js"></script></head>',
    );
    mkdirSync(path.join(clientDist, 'assets'));
    // Vite's manifest: the KPI page is a lazy chunk that imports a shared one and has a stylesheet.
    mkdirSync(path.join(clientDist, '.vite'));
    writeFileSync(
      path.join(clientDist, '.vite', 'manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/app.js', isEntry: true },
        'src/features/indicators/routes/IndicatorPage.tsx': {
          file: 'assets/IndicatorPage-abc.js',
          imports: ['_charts.js', 'index.html'],
          css: ['assets/IndicatorPage-abc.css'],
        },
        '_charts.js': { file: 'assets/charts-def.js' },
      }),
    );
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

  it("a route's HTML starts its session and data reads, and its lazy chunks, before the JavaScript runs", async () => {
    const cookie = await signInAs(t.app, 'viewer');
    const html = (url: string, headers: Record<string, string> = { cookie }) =>
      t.app.inject({ method: 'GET', url, headers }).then((r) => r.body);
    const fetches = (body: string) =>
      [...body.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous">/g)].map((m) =>
        // the attribute as the browser reads it
        m[1]?.replaceAll('&amp;', '&'),
      );
    const modules = (body: string) =>
      [...body.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);

    const scorecard = await html('/scorecard');
    expect(fetches(scorecard)).toEqual(['/api/auth/me', '/api/scorecard']);
    expect(modules(scorecard)).toEqual([]);
    expect(fetches(await html('/scorecard?month=2021-03'))).toEqual(['/api/auth/me', '/api/scorecard?month=2021-03']);

    const kpi = await html('/indicators/PI2?view=rolling12&to=2025-03');
    expect(fetches(kpi)).toEqual([
      '/api/auth/me',
      '/api/indicators/PI2',
      '/api/indicators/PI2/series?view=rolling12&to=2025-03',
    ]);
    // the chunk and what it imports, not the entry the page already loads
    expect(modules(kpi)).toEqual(['/assets/IndicatorPage-abc.js', '/assets/charts-def.js']);
    expect(kpi).toContain('<link rel="preload" as="style" href="/assets/IndicatorPage-abc.css">');

    // Signed out, only the session is asked for: a refused read of the page's data would be taken,
    // after signing in on the same page, as the answer to its first read.
    expect(fetches(await html('/scorecard?month=2021-03', {}))).toEqual(['/api/auth/me']);
    expect(fetches(await html('/indicators/PI2', { cookie: 'kpi_session=expired' }))).toEqual(['/api/auth/me']);
    // nothing is read before signing in, and nothing from an address is written into the page unescaped
    expect(fetches(await html('/sign-in'))).toEqual([]);
    expect(fetches(await html('/indicators/%22%3E%3Cscript%3E'))).toEqual(['/api/auth/me']);
  });

  it('sends the page uncached and the hashed assets cached for good', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
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
