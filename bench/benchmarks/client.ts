import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, findChromium } from '../../tests/support/chromium';
import { REPO_ROOT } from '../generate/config';
import { playwright } from '../lib/deps';
import { signIn, startServer } from '../lib/server';
import { median, round } from '../lib/stats';

export interface BundleResult {
  /** The entry script and the chunks index.html preloads: what every first visit downloads. */
  initialJsKb: number;
  initialJsGzipKb: number;
  initialFiles: { file: string; kb: number; gzipKb: number }[];
  allJsGzipKb: number;
  buildSeconds: number;
}

export interface RenderResult {
  runs: number;
  blankMs: number;
  scorecardMs: number;
  /** scorecard ÷ blank. */
  ratio: number;
  kpiCards: number;
  /** JavaScript the browser downloaded for /scorecard (sent uncompressed by the server). */
  scorecardJsKb: number;
  scorecardJsGzipKb: number;
  /** Did the server send the API JSON compressed? */
  apiCompressed: boolean;
  allBlankMs: number[];
  allScorecardMs: number[];
}

const kb = (bytes: number) => round(bytes / 1024, 1);
const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** `vite build client` into a temporary directory (client/dist is left alone) and the sizes of what it made. */
export function buildClient(): { dir: string; bundle: BundleResult } {
  // dist/ and dist-ssr/ side by side, as the server expects them (plugins/clientPage.ts). The
  // server-rendering build carries its dependencies (client/vite.config.ts), so it loads from the
  // system's temporary folder; the paint benchmark says whether each page was drawn by the server.
  const parent = mkdtempSync(path.join(tmpdir(), 'kpi-bench-client-'));
  // ES modules, as in client/ (whose package.json says so): without it Node reads the server
  // build's .js as CommonJS there, and it fails to load
  writeFileSync(path.join(parent, 'package.json'), '{ "type": "module" }\n');
  const dir = path.join(parent, 'dist');
  const started = performance.now();
  const ssrEntry = 'src/ssr/renderFirstView.tsx';
  const builds = [['build', 'client', '--outDir', dir, '--emptyOutDir']];
  // (an older checkout, measured for a "before" figure, has no server rendering)
  if (existsSync(path.join(REPO_ROOT, 'client', ssrEntry))) {
    builds.push(['build', 'client', '--ssr', ssrEntry, '--outDir', path.join(parent, 'dist-ssr')]);
  }
  for (const args of builds) {
    const build = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vite'), [...args, '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr || build.stdout}`);
  }
  const buildSeconds = round((performance.now() - started) / 1000, 1);
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  // The entry, and the app chunk with its imports that the server's HTML preloads on every page.
  const manifest = JSON.parse(readFileSync(path.join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    { file: string; imports?: string[] }
  >;
  const appFiles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || appFiles.has(`/${chunk.file}`)) return;
    appFiles.add(`/${chunk.file}`);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('src/app/startApp.tsx');
  const initial = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!),
    ...appFiles,
  ];
  const initialFiles = [...new Set(initial)].map((file) => {
    const bytes = readFileSync(path.join(dir, file));
    return { file, kb: kb(bytes.length), gzipKb: kb(gz(bytes)) };
  });
  const assets = readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  const allJsGzip = assets.reduce((sum, f) => sum + gz(readFileSync(path.join(dir, 'assets', f))), 0);
  return {
    dir,
    bundle: {
      initialJsKb: round(
        initialFiles.reduce((s, f) => s + f.kb, 0),
        1,
      ),
      initialJsGzipKb: round(
        initialFiles.reduce((s, f) => s + f.gzipKb, 0),
        1,
      ),
      initialFiles,
      allJsGzipKb: kb(allJsGzip),
      buildSeconds,
    },
  };
}

/**
 * In Chromium, a signed-in councillor opening /scorecard in a new browser profile (cold cache):
 * milliseconds from navigation start until every KPI card is in the page, against a blank
 * HTML page served by the same server (same static plugin, headers and connection), alternating.
 */
export async function renderBenchmark(params: {
  clientDir: string;
  databaseUrl: string;
  password: string;
  runs: number;
  log: (line: string) => void;
}): Promise<RenderResult> {
  const { clientDir, databaseUrl, password, runs, log } = params;
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium (set CHROMIUM_PATH)');
  writeFileSync(
    path.join(clientDir, 'blank.html'),
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Blank</title></head><body></body></html>',
  );
  const server = await startServer({ DATABASE_URL: databaseUrl, DEMO_PASSWORD: password, CLIENT_DIST: clientDir });
  const browser = await playwright.chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const cookie = await signIn(server.baseUrl, 'viewer', password);
    const api = await fetch(`${server.baseUrl}/api/scorecard`, { headers: { cookie, 'accept-encoding': 'gzip' } });
    const apiCompressed = api.headers.get('content-encoding') !== null;
    const kpiCards = ((await api.json()) as { items: unknown[] }).items.length;
    const [, value] = cookie.split('=');
    const blank: number[] = [];
    const scorecard: number[] = [];
    let jsBytes = 0;
    let jsGzip = 0;
    const open = async (kind: 'blank' | 'scorecard') => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name: 'kpi_session', value: value!, url: server.baseUrl }]);
      const page = await context.newPage();
      const js: Promise<void>[] = [];
      let bytes = 0;
      let zipped = 0;
      page.on('response', (response) => {
        if (!response.url().endsWith('.js')) return;
        js.push(
          response.body().then((body) => {
            bytes += body.length;
            zipped += gz(body);
          }),
        );
      });
      try {
        if (kind === 'blank') {
          await page.goto(`${server.baseUrl}/blank.html`, { waitUntil: 'load', timeout: 60_000 });
        } else {
          await page.goto(`${server.baseUrl}/scorecard`, { waitUntil: 'commit', timeout: 60_000 });
          // every KPI's row in the compact scorecard (the default), or its card in the detail view
          await page.waitForFunction(
            (n) => document.querySelectorAll('tr[data-kpi], article.kpi-card').length >= n,
            kpiCards,
            {
              timeout: 60_000,
              polling: 'raf',
            },
          );
        }
        const ms = await page.evaluate(() => performance.now());
        await Promise.all(js);
        if (kind === 'scorecard') {
          jsBytes = bytes;
          jsGzip = zipped;
        }
        return ms;
      } finally {
        await context.close();
      }
    };
    await open('blank');
    await open('scorecard');
    for (let i = 0; i < runs; i++) {
      // alternate the order so neither always runs first
      if (i % 2 === 0) {
        blank.push(await open('blank'));
        scorecard.push(await open('scorecard'));
      } else {
        scorecard.push(await open('scorecard'));
        blank.push(await open('blank'));
      }
      log(
        `  render run ${i + 1}/${runs}: blank ${blank.at(-1)!.toFixed(0)} ms, scorecard ${scorecard.at(-1)!.toFixed(0)} ms`,
      );
    }
    return {
      runs,
      blankMs: round(median(blank), 0),
      scorecardMs: round(median(scorecard), 0),
      ratio: round(median(scorecard) / median(blank), 1),
      kpiCards,
      scorecardJsKb: kb(jsBytes),
      scorecardJsGzipKb: kb(jsGzip),
      apiCompressed,
      allBlankMs: blank.map((v) => round(v, 0)),
      allScorecardMs: scorecard.map((v) => round(v, 0)),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function removeClientBuild(dir: string) {
  rmSync(path.dirname(dir), { recursive: true, force: true });
}
