import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { seedDemo } from '@kpi/server';
import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../client/build/precompress';
import { firstViewEntryFor } from '../../server/src/plugins/clientPage';
import { REFERENCE_DIR } from '../support/seededApp';
import { createTestApp, signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const SCRIPT = `export const figures = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => i))};\n`;

/** A figure as the compact scorecard draws it: a rate's unit on a line of its own under the number. */
function drawnFigure(display: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rate = / per 10,000$/.exec(display);
  if (!rate) return new RegExp(`<strong>${literal(display)}</strong>`);
  const number = display.slice(0, rate.index);
  return new RegExp(`<strong>${literal(number)}(?:<!-- -->)? <span class="compact__unit">per 10,000</span></strong>`);
}

describe(`serving the client (${testDriverName()})`, () => {
  let t: TestApp;
  let clientFolder: string | undefined;
  beforeAll(async () => {
    clientFolder = mkdtempSync(path.join(tmpdir(), 'kpi-client-'));
    const clientDist = path.join(clientFolder, 'dist');
    mkdirSync(clientDist);
    writeFileSync(
      path.join(clientDist, 'index.html'),
      '<!doctype html><head><title>KPI dashboard</title><script type="module" crossorigin src="/assets/app.js"></script></head><body><div id="root"><noscript>Needs JavaScript</noscript></div></body>',
    );
    // The server-rendering build beside it (client/dist-ssr), here the client's source of it.
    mkdirSync(path.join(clientDist, '..', 'dist-ssr'));
    writeFileSync(
      firstViewEntryFor(clientDist),
      `export { renderFirstView } from ${JSON.stringify(path.resolve('client/src/ssr/renderFirstView.tsx'))};\n`,
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
    // the demo's figures, so the pages' first reads have answers to embed
    await seedDemo(t.database.db, { referenceDir: REFERENCE_DIR });
  });
  afterAll(async () => {
    await t?.close();
    if (clientFolder) rmSync(clientFolder, { recursive: true, force: true });
  });

  it.each(['GET', 'HEAD'] as const)('%s of a client route answers with the app, so deep links work', async (method) => {
    const response = await t.app.inject({ method, url: '/scorecard?month=2021-03' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  const html = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
  const fetches = (body: string) =>
    [...body.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous">/g)].map((m) =>
      // the attribute as the browser reads it
      m[1]?.replaceAll('&amp;', '&'),
    );
  const modules = (body: string) =>
    [...body.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);
  /** The answers embedded in the page, as the client's JSON.parse reads them; null when there are none. */
  const embedded = (body: string): Record<string, unknown> | null => {
    const found = /<script type="application\/json" id="first-reads">(.*?)<\/script>/s.exec(body);
    return found ? JSON.parse(found[1]!) : null;
  };

  it("a signed-in person's page carries its first reads' answers, exactly as the API gives them to that person", async () => {
    const cookie = await signInAs(t.app, 'viewer');
    const api = async (url: string) => (await html(url, { cookie })).json();

    const scorecard = await html('/scorecard', { cookie });
    expect(embedded(scorecard.body)).toEqual({
      '/api/auth/me': await api('/api/auth/me'),
      '/api/scorecard': await api('/api/scorecard'),
    });
    // answered, so not asked for again
    expect(fetches(scorecard.body)).toEqual([]);
    // the API sends the session no-store, and so is the page that carries it
    expect((await html('/api/auth/me', { cookie })).headers['cache-control']).toBe('no-store');
    expect(scorecard.headers['cache-control']).toBe('no-store');
    // tens of kilobytes of JSON: gzipped when the browser accepts it
    const zipped = await html('/scorecard', { cookie, 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(embedded(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(embedded(scorecard.body));

    const kpiUrl = '/indicators/PI2?view=rolling12&to=2025-03';
    const kpi = (await html(kpiUrl, { cookie })).body;
    const series = '/api/indicators/PI2/series?view=rolling12&to=2025-03';
    expect(Object.keys(embedded(kpi) ?? {})).toEqual(['/api/auth/me', '/api/indicators/PI2', series]);
    expect(embedded(kpi)?.[series]).toEqual(await api(series));
    // the chunk and what it imports, not the entry the page already loads
    expect(modules(kpi)).toEqual(['/assets/IndicatorPage-abc.js', '/assets/charts-def.js']);
    expect(kpi).toContain('<link rel="stylesheet" crossorigin href="/assets/IndicatorPage-abc.css">');
    // a read the API refuses is not embedded: the browser asks for it, and shows the API's answer
    const unknown = (await html('/indicators/NO-SUCH-KPI', { cookie })).body;
    expect(Object.keys(embedded(unknown) ?? {})).toEqual(['/api/auth/me']);
    expect(fetches(unknown)).toEqual([
      '/api/indicators/NO-SUCH-KPI',
      '/api/indicators/NO-SUCH-KPI/series?view=monthly',
    ]);
  });

  /** What the server drew inside #root before any JavaScript runs; empty when it drew nothing. */
  const firstView = (body: string) => /<div id="root">(.*?)<noscript>/s.exec(body)?.[1] ?? '';
  const rowCodes = (view: string) =>
    [...view.matchAll(/<tr class="compact__row[^"]*" data-kpi="([^"]+)"/g)].map((m) => m[1]);

  it("a signed-in person's scorecard is drawn in the HTML itself, row for row as the API gives it to them", async () => {
    const cookie = await signInAs(t.app, 'viewer');
    const api = (await html('/api/scorecard?month=2025-01', { cookie })).json() as {
      items: { code: string; title: string; current: { displayValue: string } }[];
    };
    const view = firstView((await html('/scorecard?month=2025-01', { cookie })).body);
    expect(api.items.length).toBeGreaterThan(5);
    // every KPI the API gives, once (grouped by theme, as in the browser)
    expect(rowCodes(view).sort()).toEqual(api.items.map((item) => item.code).sort());
    for (const item of api.items) expect(view).toMatch(drawnFigure(item.current.displayValue));
    // accessible as the browser's table: a caption, column and row headers, the rating in words
    expect(view).toContain('<caption class="compact-scorecard__caption">KPIs for January 2025, one row each');
    expect(view).toMatch(/<th scope="col" class="compact__head compact__head--rating"/);
    expect(view).toMatch(/<th scope="row" class="compact__kpi"/);
    expect(view).toMatch(/<strong>(Red|Amber|Green)<\/strong>/);
    expect(view).toContain('Signed in as <strong>');
    // text from the data is written as text
    const mark = '<b>Ann & "Bo"</b> ';
    await t.database.db.execute(sql`update users set display_name = ${mark} || display_name where username = 'viewer'`);
    try {
      const named = firstView((await html('/scorecard', { cookie: await signInAs(t.app, 'viewer') })).body);
      expect(named).toContain('Signed in as <strong>&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt; ');
    } finally {
      await t.database.db.execute(
        sql`update users set display_name = substr(display_name, ${mark.length + 1}) where username = 'viewer'`,
      );
    }
    // the strict CSP forbids inline styles and scripts: the markup has none
    expect(view).not.toMatch(/\sstyle=/);
    expect(view).not.toContain('<script');
    // another page, signed out, or another organisation: drawn by the browser, as before
    expect(firstView((await html('/meetings', { cookie })).body)).toBe('');
    expect(firstView((await html('/scorecard', {})).body)).toBe('');
    expect(firstView((await html('/scorecard?organisation=E09000001', { cookie })).body)).toBe('');
  });

  it('the same answers give the same drawing, and a corrected figure is drawn at once', async () => {
    const cookie = await signInAs(t.app, 'viewer');
    const url = '/scorecard?month=2025-02';
    const first = firstView((await html(url, { cookie })).body);
    expect(rowCodes(first).length).toBeGreaterThan(5);
    // the server keeps its drawing (server/src/cache/firstViewCache.ts): the same markup again
    expect(firstView((await html(url, { cookie })).body)).toBe(first);
    const figure = async () =>
      (
        (await html('/api/scorecard?month=2025-02', { cookie })).json() as {
          items: { code: string; current: { displayValue: string } }[];
        }
      ).items.find((item) => item.code === 'PI4')!.current.displayValue;
    const before = await figure();
    const pi4February = sql`month = '2025-02-01' and indicator_id = (select id from indicators where code = 'PI4' and organisation_id = 1)`;
    const [stored] = await queryRows<{ value: string }>(
      t.database.db,
      sql`select value::text as value from observations where ${pi4February}`,
    );
    await t.database.db.execute(sql`update observations set value = 12.3 where ${pi4February}`);
    try {
      // the write reaches the API's cache by notification, a few milliseconds after its commit
      const deadline = Date.now() + 2_000;
      while ((await figure()) === before) {
        if (Date.now() > deadline) throw new Error('the API did not give the corrected figure within 2 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const corrected = firstView((await html(url, { cookie })).body);
      expect(corrected).toMatch(drawnFigure(await figure()));
      expect(corrected).not.toBe(first);
    } finally {
      await t.database.db.execute(sql`update observations set value = ${stored!.value}::numeric where ${pi4February}`);
    }
  });

  it("a signed-in person's KPI page is drawn in the HTML itself, its chart as plain SVG of the API's figures", async () => {
    const cookie = await signInAs(t.app, 'viewer');
    for (const [page, read] of [
      ['/indicators/PI2', '/api/indicators/PI2/series?view=monthly'],
      [
        '/indicators/PI4?view=rolling12&from=2023-04&to=2024-03',
        '/api/indicators/PI4/series?view=rolling12&from=2023-04&to=2024-03',
      ],
    ] as const) {
      const series = (await html(read, { cookie })).json() as {
        points: { value: number | null; symbol: string | null; displayValue: string }[];
      };
      const view = firstView((await html(page, { cookie })).body);
      const chart = /<svg class="chart__static"[^>]*>(.*?)<\/svg>/s.exec(view)?.[1] ?? '';
      expect(chart, page).toMatch(/<title id="[^"]+">[A-Z0-9]+, .+ to .+<\/title>/);
      // one marker on the council's line for each month with a figure, in the API's order
      const council = /<g class="chart__line chart__line--council">(.*?)<\/g>/s.exec(chart)?.[1] ?? '';
      const figures = series.points.filter((point) => point.value !== null && !point.symbol);
      expect(figures.length, page).toBeGreaterThan(5);
      expect(council.match(/<circle /g)?.length, page).toBe(figures.length);
      expect(view, page).toContain(series.points.findLast((point) => point.value !== null)!.displayValue);
      // the strict CSP: no inline styles or scripts, and recharts' own box is not drawn here
      expect(view, page).not.toMatch(/\sstyle=/);
      expect(view, page).not.toContain('<script');
      expect(view, page).not.toContain('recharts');
    }
    // Drawn: the app's scripts are not fetched beside the page, but kept inert until it has painted;
    // not drawn (a KPI the API does not know), they are fetched at once, and the browser asks itself.
    const drawn = (await html('/indicators/PI2', { cookie })).body;
    const head = drawn.slice(0, drawn.indexOf('<div id="root">'));
    expect(modules(head)).toEqual([]);
    const template = /<template id="app-modules">(.*?)<\/template>/s.exec(drawn)?.[1] ?? '';
    expect(modules(template)).toEqual(['/assets/IndicatorPage-abc.js', '/assets/charts-def.js']);
    const notDrawn = (await html('/indicators/NO-SUCH-KPI', { cookie })).body;
    expect(firstView(notDrawn)).toBe('');
    expect(notDrawn).not.toContain('<template');
    expect(modules(notDrawn)).toEqual(['/assets/IndicatorPage-abc.js', '/assets/charts-def.js']);
  });

  it('tells someone signed out that nobody is signed in, and embeds nothing for another organisation than their own', async () => {
    // Signed out, the page answers "who am I" itself (null), so the app asks nothing and no expected
    // 401 reaches the console; nothing of the page's data is read or preloaded: a refused read
    // would be taken, after signing in on the same page, as the answer to its first read.
    const nobody = { '/api/auth/me': null };
    const signedOut = await html('/scorecard?month=2021-03', {});
    expect(embedded(signedOut.body)).toEqual(nobody);
    expect(signedOut.headers['cache-control']).toBe('no-cache');
    expect(signedOut.headers.vary).toMatch(/Cookie/);
    expect(fetches(signedOut.body)).toEqual([]);
    const expired = (await html('/indicators/PI2', { cookie: 'kpi_session=expired' })).body;
    expect(embedded(expired)).toEqual(nobody);
    expect(fetches(expired)).toEqual([]);
    expect(embedded((await html('/sign-in', {})).body)).toEqual(nobody);
    expect(fetches((await html('/sign-in', {})).body)).toEqual([]);
    // signed in, looking at another organisation: nothing embedded or preloaded (a preload cannot
    // carry the organisation's header, and the browser would give the app its answer for the default)
    const cookie = await signInAs(t.app, 'viewer');
    await t.database.db.execute(
      sql`insert into organisations (area_code, name) values ('E08000027', 'Dudley') on conflict do nothing`,
    );
    await t.database.db.execute(
      sql`insert into memberships (user_id, organisation_id, role)
          select u.id, o.id, 'viewer' from users u, organisations o
          where u.username = 'viewer' and o.area_code = 'E08000027' on conflict do nothing`,
    );
    const elsewhere = await html('/scorecard?organisation=E08000027', { cookie });
    expect(elsewhere.statusCode).toBe(200);
    expect(embedded(elsewhere.body)).toBeNull();
    expect(fetches(elsewhere.body)).toEqual([]);
    // signed in on the sign-in page: nothing read for it (the app asks who it is, and sends them onwards)
    expect(embedded((await html('/sign-in', { cookie })).body)).toBeNull();
    // nothing from an address is written into the page unescaped
    const hostile = (await html('/indicators/%22%3E%3Cscript%3E', {})).body;
    expect(hostile).not.toContain('"><script>');
    expect(fetches(hostile)).toEqual([]);
  });

  it('writes every < in the answers escaped, so nothing in the data can end the element', async () => {
    const name = '</script><script src="/evil.js"></script><!--';
    await t.database.db.execute(
      sql`insert into users (username, display_name, role, password_hash)
          select 'mallory', ${name}, 'viewer', password_hash from users where username = 'viewer'`,
    );
    const body = (await html('/scorecard', { cookie: await signInAs(t.app, 'mallory') })).body;
    expect(body).not.toContain('evil.js"');
    expect(body).toContain('\\u003c/script>\\u003cscript src=\\"/evil.js\\">');
    expect(embedded(body)?.['/api/auth/me']).toMatchObject({ user: { displayName: name } });
  });

  it('a page holding unpublished figures is never stored, as the API sends them', async () => {
    // A meeting to come covers the latest months: they are unpublished, and the analyst sees them.
    // (The demo's 8 September 2025 meeting presented to July 2025, and a month a published meeting
    // presented stays public: here it presented to April 2025.)
    await t.database.db.execute(sql`update meetings set months_to = '2025-04-01' where held_on = '2025-09-08'`);
    await t.database.db.execute(
      sql`insert into meetings (organisation_id, board, held_on, months_from, months_to)
          values (1, 'Children''s Services and Education Scrutiny Board', '2099-01-01', '2025-05-01', '2025-07-01')`,
    );
    const cookie = await signInAs(t.app, 'analyst');
    // the write reaches the server's cache by notification, a few milliseconds after its commit
    const deadline = Date.now() + 2_000;
    while ((await html('/api/scorecard', { cookie })).headers['cache-control'] !== 'no-store') {
      if (Date.now() > deadline) throw new Error('the API did not send the unpublished scorecard no-store within 2 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const page = await html('/scorecard', { cookie });
    expect(page.headers['cache-control']).toBe('no-store');
    expect(embedded(page.body)?.['/api/scorecard']).toMatchObject({ publication: { published: false } });
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
