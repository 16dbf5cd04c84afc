import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { constants, createGzip } from 'node:zlib';
import { DEFERRED_MODULES_ID, EMBEDDED_READS_ID, SIGN_IN_PATH } from '@kpi/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FirstViewCache } from '../cache/firstViewCache';

/**
 * The client's index.html, per route, with hints that start the page's requests while the browser
 * is still downloading and running the JavaScript (issue 17): without them a cold visit to a KPI
 * page was a waterfall of HTML → JS → session → the page's chunk → its data → render.
 *
 * - `<link rel="preload" as="fetch" crossorigin="anonymous">` for the session and the route's
 *   first API reads. The client's `fetch` (mode cors, credentials same-origin, the same URL) then
 *   takes the preloaded response instead of asking again; `crossorigin="anonymous"` is what gives
 *   the preload that same mode and credentials, so the two match.
 * - `<link rel="modulepreload">` (and its stylesheets) for a lazily loaded route's chunk, from
 *   Vite's manifest, so the chunk arrives with the entry instead of after it.
 * - For someone signed in, the answers to those reads themselves (`embeddedReads`), in a
 *   `<script type="application/json">` element the client puts in its query cache before its first
 *   render: the page is drawn with no request waiting at all. A read that could not be embedded
 *   keeps its preload link.
 * - For the scorecard and a KPI page, its first view itself, rendered here from those answers by the
 *   client's own components (`client/dist-ssr/renderFirstView.js`, a `vite build --ssr` of
 *   client/src/ssr/renderFirstView.tsx), inside `#root`: the first KPI row, or the KPI's chart (as
 *   plain SVG: recharts draws only in a browser), is on screen before any JavaScript has run, and
 *   the browser's first render replaces it with the same markup. The page is streamed: its head
 *   leaves before this work starts.
 * No inline script or style (a JSON element is data, never run), so the strict
 * Content-Security-Policy holds.
 */

/** Vite's build manifest (`build.manifest`), the parts read here. */
type ManifestChunk = { file: string; css?: string[]; imports?: string[] };
type Manifest = Record<string, ManifestChunk>;

/**
 * The app itself, which the small entry (client/src/main.tsx) imports once the page has painted:
 * every page preloads it, with its stylesheets, so it is fetched while the HTML is parsed.
 */
const APP_MODULE = 'src/app/startApp.tsx';
/** The lazily loaded route modules whose chunks a route's HTML preloads (keys of Vite's manifest). */
const INDICATOR_PAGE_MODULE = 'src/features/indicators/routes/IndicatorPage.tsx';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A KPI code as the contract writes them (PI2, BK01, CSC-3); anything else gets no data hint. */
const KPI_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const SERIES_VIEWS = new Set(['monthly', 'rolling12', 'fytd']);
/** Pages that never ask who is signed in before they draw. */
const WITHOUT_SESSION = new Set([SIGN_IN_PATH]);

const escapeAttribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

const fetchHint = (href: string) =>
  `<link rel="preload" href="${escapeAttribute(href)}" as="fetch" crossorigin="anonymous">`;

/**
 * The API reads a route starts with, exactly as the client asks for them (same path and query,
 * in the same order), or the browser would not reuse the preloaded response.
 */
export function apiReadsFor(pathname: string, search: URLSearchParams): string[] {
  if (WITHOUT_SESSION.has(pathname)) return [];
  const reads = ['/api/auth/me'];
  if (pathname === '/scorecard') {
    const month = search.get('month');
    reads.push(month && MONTH.test(month) ? `/api/scorecard?${new URLSearchParams({ month })}` : '/api/scorecard');
  }
  const indicator = /^\/indicators\/([^/]+)$/.exec(pathname);
  const code = indicator ? decodeURIComponent(indicator[1]!) : '';
  if (KPI_CODE.test(code)) {
    const base = `/api/indicators/${encodeURIComponent(code)}`;
    reads.push(base);
    // the client's defaults (seriesParams.ts): monthly, the server's range; a range the wrong way round is dropped
    const view = search.get('view') ?? '';
    const query = new URLSearchParams({ view: SERIES_VIEWS.has(view) ? view : 'monthly' });
    const from = search.get('from');
    const to = search.get('to');
    const validFrom = from && MONTH.test(from) ? from : undefined;
    const validTo = to && MONTH.test(to) ? to : undefined;
    if (validFrom && !(validTo && validFrom > validTo)) query.set('from', validFrom);
    if (validTo) query.set('to', validTo);
    reads.push(`${base}/series?${query}`);
  }
  return reads;
}

/** A chunk and every chunk it imports statically, with their stylesheets, from the manifest. */
function chunkFiles(manifest: Manifest, key: string): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (name: string) => {
    const chunk = manifest[name];
    if (!chunk || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
    // after what it imports, as Vite orders them: a chunk's own rules come later in the cascade
    for (const css of chunk.css ?? []) styles.add(css);
  };
  visit(key);
  return { scripts: [...scripts], styles: [...styles] };
}

/** A first read answered on the server: its URL and the API's JSON, as sent. */
export interface EmbeddedRead {
  url: string;
  json: string;
  /** The API sent it `no-store` (it shows unpublished figures): so is the page that carries it. */
  noStore: boolean;
}

/**
 * The answers as one JSON object keyed by URL, safe inside a script element: `<` is written
 * `\u003c` (the same string to JSON.parse), so no `</script>` or `<!--` in the data can end it.
 */
export function embeddedReadsElement(reads: readonly EmbeddedRead[]): string {
  const json = `{${reads.map((read) => `${JSON.stringify(read.url)}:${read.json}`).join(',')}}`;
  return `<script type="application/json" id="${EMBEDDED_READS_ID}">${json.replaceAll('<', '\\u003c')}</script>`;
}

/**
 * Answers a page's first reads as the API would answer them for this person, by asking the API
 * itself (the same routes, session, visibility, organisation and pre-release record), in
 * parallel. Only 200 answers are kept; a read that failed is left to the browser.
 */
export async function answerFirstReads(
  app: FastifyInstance,
  request: FastifyRequest,
  urls: readonly string[],
): Promise<EmbeddedRead[]> {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const name of ['cookie', 'user-agent'] as const) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const answers = await Promise.all(
    urls.map(async (url) => {
      try {
        // the person's own address, so the rate limit and the audit count them as theirs
        const response = await app.inject({ method: 'GET', url, headers, remoteAddress: request.ip });
        if (response.statusCode !== 200 || !String(response.headers['content-type']).includes('json')) return null;
        const noStore = String(response.headers['cache-control'] ?? '').includes('no-store');
        return { url, json: response.body, noStore };
      } catch (error) {
        request.log.warn({ err: error, url }, 'a first read could not be embedded in the page');
        return null;
      }
    }),
  );
  return answers.filter((answer) => answer !== null);
}

/**
 * Who asks for a page: someone signed in, looking at their default organisation (their first
 * reads are answered in the page); nobody signed in (the page says so, so the app does not ask
 * and log an expected 401); or someone signed in looking at another organisation (the page's
 * reads are about the default one, so it carries none).
 */
export type PageVisitor = 'signed-in' | 'signed-out' | 'another-organisation';

/** "Nobody is signed in", as the session read answers it in the page (the client takes null as that). */
const NOBODY_SIGNED_IN: EmbeddedRead = { url: '/api/auth/me', json: 'null', noStore: false };

/** The server-rendering build's entry (client/src/ssr/renderFirstView.tsx). */
type RenderFirstView = (url: string, answers: Readonly<Record<string, unknown>>) => string | null;

/** Where the server-rendering build sits: `client/dist-ssr/` beside `client/dist/`. */
export const firstViewEntryFor = (clientDist: string) =>
  path.join(path.dirname(clientDist), 'dist-ssr', 'renderFirstView.js');

export interface ClientPage {
  /** The API reads this address starts with, for someone signed in (see `apiReadsFor`). */
  readsFor(url: string): string[];
  /**
   * index.html for this address, with its hints and the answers already read. The page's data is
   * preloaded or embedded only for someone signed in: a refused (401) preload would otherwise be
   * taken, after signing in on the same page, as the answer to the page's first read.
   * It is `startOf` followed by `endOf`.
   */
  htmlFor(url: string, visitor: PageVisitor, embedded?: readonly EmbeddedRead[], firstView?: string | null): string;
  /**
   * The page up to the inside of `#root`: everything the browser can start on before the first
   * reads are answered (the app's scripts and stylesheets, a KPI page's chunk).
   */
  startOf(url: string, visitor: PageVisitor): string;
  /** The rest: the first view, then, before `</body>`, the answers and a preload for each read not answered. */
  endOf(url: string, visitor: PageVisitor, embedded?: readonly EmbeddedRead[], firstView?: string | null): string;
  /**
   * The page's first view rendered from its embedded answers (the scorecard or a KPI page), or null: no
   * server-rendering build, another page, an answer missing, or the rendering failed.
   */
  firstViewFor(request: FastifyRequest, embedded: readonly EmbeddedRead[]): Promise<string | null>;
}

/** Room for the drawings kept: about a hundred scorecards (≈ 80 KB each) or KPI pages. */
const FIRST_VIEW_CACHE_BYTES = 16 * 1024 * 1024;

/** Reads index.html and the manifest once, at start-up; null when there is no client build. */
export function loadClientPage(clientDist: string, firstViewEntry = firstViewEntryFor(clientDist)): ClientPage | null {
  const indexFile = path.join(clientDist, 'index.html');
  if (!existsSync(indexFile)) return null;
  const html = readFileSync(indexFile, 'utf8');
  const manifestFile = path.join(clientDist, '.vite', 'manifest.json');
  const manifest: Manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
  // The entry's own chunks are already in index.html: only what it does not preload is added.
  const inIndex = (file: string) => html.includes(`/${file}"`);
  const modulePreload = (file: string) => `<link rel="modulepreload" crossorigin href="/${escapeAttribute(file)}">`;
  // crossorigin, as Vite's own loader links a chunk's stylesheets, so it finds these and adds none
  const stylesheet = (file: string) => `<link rel="stylesheet" crossorigin href="/${escapeAttribute(file)}">`;
  // The app's stylesheets are linked, not just preloaded: the server's first view needs them to paint.
  const app = chunkFiles(manifest, APP_MODULE);
  const inApp = (file: string) => app.scripts.includes(file) || app.styles.includes(file);
  const indicatorPage = chunkFiles(manifest, INDICATOR_PAGE_MODULE);
  // A KPI page's stylesheets linked too: the server draws its first view, which needs them.
  const indicatorStyles = indicatorPage.styles.filter((file) => !inIndex(file) && !inApp(file));
  const indicatorScripts = indicatorPage.scripts.filter((file) => !inIndex(file) && !inApp(file));
  const styleHints = (indicator: boolean) => [
    ...app.styles.filter((file) => !inIndex(file)).map(stylesheet),
    ...(indicator ? indicatorStyles.map(stylesheet) : []),
  ];
  const moduleHints = (indicator: boolean) => [
    ...app.scripts.filter((file) => !inIndex(file)).map(modulePreload),
    ...(indicator ? indicatorScripts.map(modulePreload) : []),
  ];
  const headEnd = html.indexOf('</head>');
  const rootStart = html.indexOf('<div id="root">');
  const rootInside = rootStart < 0 ? -1 : rootStart + '<div id="root">'.length;
  const bodyEnd = html.lastIndexOf('</body>');
  // Without these landmarks (an index.html this code does not know) the page is sent as it is.
  const known = headEnd >= 0 && rootInside > headEnd && bodyEnd > rootInside;
  // Loaded once; without the build, pages are drawn by the browser.
  let renderer: Promise<RenderFirstView | null> | undefined;
  const loadRenderer = () => {
    renderer ??= existsSync(firstViewEntry)
      ? import(pathToFileURL(firstViewEntry).href).then(
          (module: { renderFirstView?: RenderFirstView }) => module.renderFirstView ?? null,
        )
      : Promise.resolve(null);
    return renderer;
  };
  const drawings = new FirstViewCache(FIRST_VIEW_CACHE_BYTES);
  // Loading it takes a few hundred milliseconds of the event loop: at start-up, not in the first page view.
  setImmediate(() => loadRenderer().catch(() => {}));
  const readsOf = (url: string) => {
    const address = new URL(url, 'http://localhost');
    return { address, reads: apiReadsFor(address.pathname, address.searchParams) };
  };
  const lines = (hints: string[]) => hints.map((hint) => `  ${hint}\n`).join('');
  /**
   * A page the server may draw (the scorecard, a KPI page, for someone signed in) leaves its
   * scripts out of the head: measured on a two-core machine, twenty script downloads beside the
   * page held its first paint back by 150-200 ms, and the server's view needs none of them.
   */
  const mayBeDrawn = (signedIn: boolean, reads: readonly string[]) => signedIn && reads.length > 1;
  const startOf = (url: string, visitor: PageVisitor) => {
    if (!known) return html;
    const { address, reads } = readsOf(url);
    const indicator = address.pathname.startsWith('/indicators/');
    const signedIn = visitor === 'signed-in';
    // stylesheets first: the first paint waits for them
    const hints = [...styleHints(indicator), ...(mayBeDrawn(signedIn, reads) ? [] : moduleHints(indicator))];
    // Another organisation in view: nothing is preloaded. The app asks with that organisation in a
    // header, which a preload cannot carry, and the browser would hand the app the preloaded answer
    // (about the person's default organisation) anyway: a reload of the second council's page then
    // showed the first, saying "you are not a member".
    return `${html.slice(0, headEnd)}${lines(hints)}${html.slice(headEnd, rootInside)}`;
  };
  const endOf = (
    url: string,
    visitor: PageVisitor,
    embedded: readonly EmbeddedRead[] = [],
    firstView?: string | null,
  ) => {
    if (!known) return '';
    if (visitor === 'another-organisation') return html.slice(rootInside);
    // Nobody signed in: the page answers "who am I" itself, on every page (the sign-in page too,
    // which asks to send someone already signed in onwards). Nothing else is read before signing in.
    if (visitor === 'signed-out')
      return `${html.slice(rootInside, bodyEnd)}${lines([embeddedReadsElement([NOBODY_SIGNED_IN])])}${html.slice(bodyEnd)}`;
    const { address, reads } = readsOf(url);
    const answered = new Set(embedded.map((read) => read.url));
    const hints = reads.filter((read) => !answered.has(read)).map(fetchHint);
    if (mayBeDrawn(true, reads)) {
      const modules = moduleHints(address.pathname.startsWith('/indicators/'));
      // Drawn: the app's entry (main.tsx) puts them in the head once the view is on screen, and
      // they are fetched then; not drawn, the browser needs them now.
      hints.push(...(firstView ? [`<template id="${DEFERRED_MODULES_ID}">${modules.join('')}</template>`] : modules));
    }
    if (embedded.length > 0) hints.push(embeddedReadsElement(embedded));
    return `${firstView ?? ''}${html.slice(rootInside, bodyEnd)}${lines(hints)}${html.slice(bodyEnd)}`;
  };
  return {
    readsFor: (url) => readsOf(url).reads,
    async firstViewFor(request, embedded) {
      // the session alone draws nothing: a page is rendered from its own answers
      if (!known || !embedded.some((read) => read.url !== '/api/auth/me')) return null;
      try {
        const render = await loadRenderer();
        if (!render) return null;
        return await drawings.get({ url: request.url, answers: embedded }, async () => {
          const answers = Object.fromEntries(embedded.map((read) => [read.url, JSON.parse(read.json) as unknown]));
          return render(request.url, answers);
        });
      } catch (error) {
        request.log.warn({ err: error }, 'the first view could not be rendered on the server');
        return null;
      }
    },
    startOf,
    endOf,
    htmlFor: (url, visitor, embedded = [], firstView = null) =>
      `${startOf(url, visitor)}${endOf(url, visitor, embedded, firstView)}`,
  };
}

/**
 * Sends index.html for a client route. For someone signed in (asking about their default
 * organisation), a GET carries its first reads' answers and, for the scorecard, its first view.
 * Those take the server tens of milliseconds, so the page is streamed: the head (the app's
 * scripts and stylesheets) leaves at once and the browser fetches them while the answers are
 * worked out; the rest follows. Such a page is never stored: the session it carries is sent
 * `no-store` by the API, and so may the scorecard be (unpublished months).
 */
export async function sendClientPage(
  app: FastifyInstance,
  page: ClientPage,
  request: FastifyRequest,
  reply: FastifyReply,
  visitor: PageVisitor,
) {
  const reads = visitor === 'signed-in' && request.method === 'GET' ? page.readsFor(request.url) : [];
  reply.type('text/html; charset=utf-8');
  if (reads.length === 0)
    // the page differs by who asks (signed out, it says nobody is signed in)
    return reply
      .header('cache-control', 'no-cache')
      .header('vary', 'Accept-Encoding, Cookie')
      .send(page.htmlFor(request.url, visitor));
  reply.header('cache-control', 'no-store').header('vary', 'Accept-Encoding, Cookie');
  const html = new PassThrough();
  // The answers make the page tens of kilobytes of JSON (a tenth of that gzipped); the compression
  // plugin only reaches declared routes, and this is the not-found handler. Compressed on libuv's
  // thread pool, each part flushed as soon as it is written.
  const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const gzip = gzipped ? createGzip({ flush: constants.Z_SYNC_FLUSH }) : null;
  const body = gzip ? html.pipe(gzip) : html;
  if (gzipped) reply.header('content-encoding', 'gzip');
  html.write(page.startOf(request.url, 'signed-in'));
  // The compressed head leaves before the first reads start: they keep the event loop busy (the
  // embedded database answers on this thread), and the compressor's answer would wait behind them,
  // so the browser would see nothing of the page until its end (measured: the head at 40-80 ms
  // instead of 8).
  const headCompressed = gzip ? new Promise<void>((resolve) => gzip.flush(() => resolve())) : Promise.resolve();
  void (async () => {
    let end: string;
    try {
      await headCompressed;
      const embedded = await answerFirstReads(app, request, reads);
      const firstView = embedded.length > 0 ? await page.firstViewFor(request, embedded) : null;
      end = page.endOf(request.url, 'signed-in', embedded, firstView);
    } catch (error) {
      // the browser then asks for each read itself, as it would without them
      request.log.warn({ err: error }, "the page's first reads could not be answered");
      end = page.endOf(request.url, 'signed-in');
    }
    html.end(end);
  })();
  return reply.send(body);
}
