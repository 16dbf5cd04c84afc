import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SIGN_IN_PATH } from '@kpi/shared';

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
 * Only links: no inline script or style, so the strict Content-Security-Policy holds.
 */

/** Vite's build manifest (`build.manifest`), the parts read here. */
type ManifestChunk = { file: string; css?: string[]; imports?: string[] };
type Manifest = Record<string, ManifestChunk>;

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
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return { scripts: [...scripts], styles: [...styles] };
}

export interface ClientPage {
  /**
   * index.html for this address, with its hints. The page's data is preloaded only for someone
   * signed in: a refused (401) preload would otherwise be taken, after signing in on the same
   * page, as the answer to the page's first read.
   */
  htmlFor(url: string, signedIn: boolean): string;
}

/** Reads index.html and the manifest once, at start-up; null when there is no client build. */
export function loadClientPage(clientDist: string): ClientPage | null {
  const indexFile = path.join(clientDist, 'index.html');
  if (!existsSync(indexFile)) return null;
  const html = readFileSync(indexFile, 'utf8');
  const manifestFile = path.join(clientDist, '.vite', 'manifest.json');
  const manifest: Manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
  // The entry's own chunks are already in index.html: only what it does not preload is added.
  const inIndex = (file: string) => html.includes(`/${file}"`);
  const indicatorPage = chunkFiles(manifest, INDICATOR_PAGE_MODULE);
  const indicatorChunkHints = [
    ...indicatorPage.scripts
      .filter((file) => !inIndex(file))
      .map((file) => `<link rel="modulepreload" crossorigin href="/${escapeAttribute(file)}">`),
    ...indicatorPage.styles
      .filter((file) => !inIndex(file))
      .map((file) => `<link rel="preload" as="style" href="/${escapeAttribute(file)}">`),
  ];
  const headEnd = html.indexOf('</head>');
  return {
    htmlFor(url, signedIn) {
      if (headEnd < 0) return html;
      const address = new URL(url, 'http://localhost');
      const reads = apiReadsFor(address.pathname, address.searchParams);
      const hints = (signedIn ? reads : reads.filter((read) => read === '/api/auth/me')).map(fetchHint);
      if (address.pathname.startsWith('/indicators/')) hints.push(...indicatorChunkHints);
      if (hints.length === 0) return html;
      return `${html.slice(0, headEnd)}${hints.map((hint) => `  ${hint}\n`).join('')}${html.slice(headEnd)}`;
    },
  };
}
