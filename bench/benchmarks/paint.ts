import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../tests/support/chromium';
import { playwright } from '../lib/deps';
import type { BenchServer } from '../lib/server';
import { median, round } from '../lib/stats';

/**
 * Speed as a person sees it (issue 17): in Chromium, on one server in one run, milliseconds from
 * navigation start until something is on screen, for
 *   - a blank page: a static page of the same server (same static plugin, headers, connection)
 *     with one heading, the floor no page can beat;
 *   - the scorecard, to its first KPI row;
 *   - a KPI page, to its chart;
 * each cold (a new browser context: empty HTTP cache, new connection) and warm (the same context,
 * opened a second time: the HTTP cache holds what the first visit left there).
 * Every page is detected the same way (a `requestAnimationFrame`-polled selector), so the ratios
 * compare like with like.
 */

export type PaintPage = 'blank' | 'scorecard' | 'kpi';
export type CacheState = 'cold' | 'warm';

export interface PaintTiming {
  page: PaintPage;
  cache: CacheState;
  medianMs: number;
  /** median ÷ the blank page's median in the same cache state. */
  ratio: number;
  allMs: number[];
}

export interface WaterfallEntry {
  /** Path and query of the request (or "document"). */
  what: string;
  startMs: number;
  endMs: number;
  /** Bytes on the wire; 0 when served from the HTTP cache. */
  transferBytes: number;
}

export interface PaintResult {
  runs: number;
  kpiCode: string;
  timings: PaintTiming[];
  /** One cold visit of each page, request by request, in start order: where the time goes. */
  waterfalls: Record<Exclude<PaintPage, 'blank'>, { paintMs: number; entries: WaterfallEntry[] }>;
}

export const BLANK_PAGE = 'paint-blank.html';
const BLANK_HTML =
  '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Blank</title></head><body><h1>Blank</h1></body></html>';

/** Writes the blank page beside the client build (call before the server starts: the static plugin lists files then). */
export function writeBlankPage(clientDir: string) {
  writeFileSync(path.join(clientDir, BLANK_PAGE), BLANK_HTML);
}

const TARGETS: Record<PaintPage, { path: (code: string) => string; selector: string }> = {
  blank: { path: () => `/${BLANK_PAGE}`, selector: 'h1' },
  // the compact scorecard's first KPI row, or the first card in the detail view
  scorecard: { path: () => '/scorecard', selector: 'tr.compact__row, article.kpi-card' },
  // the trend chart's drawing, not the figure's caption: the plain SVG the server sends with the
  // page (StaticTrendChart) or recharts' own, whichever is on screen first
  kpi: {
    path: (code) => `/indicators/${encodeURIComponent(code)}`,
    selector: 'figure.figure svg.chart__static, figure.figure svg.recharts-surface',
  },
};

/**
 * Milliseconds from navigation start until the target is on screen: the later of the frame in
 * which it was first found in the document (an animation-frame poll, so the frame that draws it)
 * and the first contentful paint. A frame can run before the browser paints anything (Chromium
 * holds the first paint while the entry's scripts run), so the frame alone could count an element
 * that nobody could see yet; and an element already there at the first paint was drawn by it.
 */
async function openAndWait(page: Page, baseUrl: string, kind: PaintPage, code: string): Promise<number> {
  const target = TARGETS[kind];
  await page.goto(baseUrl + target.path(code), { waitUntil: 'commit', timeout: 60_000 });
  const found = await page.waitForFunction(
    (selector) => (document.querySelector(selector) !== null ? performance.now() : false),
    target.selector,
    { timeout: 60_000, polling: 'raf' },
  );
  const foundMs = (await found.jsonValue()) as number;
  const firstPaint = await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? false,
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  const firstPaintMs = (await firstPaint.jsonValue()) as number;
  return Math.max(foundMs, firstPaintMs);
}

async function waterfall(page: Page): Promise<WaterfallEntry[]> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const rows = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => {
      const url = new URL(entry.name);
      return {
        what: url.pathname + url.search,
        startMs: Math.round(entry.startTime),
        endMs: Math.round(entry.responseEnd),
        transferBytes: entry.transferSize,
      };
    });
    const document = nav
      ? [{ what: 'document', startMs: 0, endMs: Math.round(nav.responseEnd), transferBytes: nav.transferSize }]
      : [];
    return [...document, ...rows].sort((a, b) => a.startMs - b.startMs);
  });
}

export async function paintBenchmark(params: {
  server: BenchServer;
  /** The session cookie's value for a signed-in viewer. */
  sessionCookie: string;
  kpiCode: string;
  runs: number;
  log: (line: string) => void;
}): Promise<PaintResult> {
  const { server, sessionCookie, kpiCode, runs, log } = params;
  // Whether the server drew each page's first view: without it the figures measure another product
  // (a server-rendering build that cannot load is only a warning in the server's log).
  for (const kind of ['scorecard', 'kpi'] as const) {
    const html = await (
      await fetch(server.baseUrl + TARGETS[kind].path(kpiCode), { headers: { cookie: `kpi_session=${sessionCookie}` } })
    ).text();
    const drawn = /<div id="root"><(?!\/div>)/.test(html);
    log(
      `  ${kind === 'kpi' ? 'KPI page' : 'scorecard'}: first view ${drawn ? 'drawn by the server' : 'NOT drawn by the server'}`,
    );
  }
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium (set CHROMIUM_PATH)');
  const browser: Browser = await playwright.chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const samples = new Map<string, number[]>();
  const record = (kind: PaintPage, cache: CacheState, ms: number) => {
    const key = `${kind}/${cache}`;
    samples.set(key, [...(samples.get(key) ?? []), ms]);
  };
  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'kpi_session', value: sessionCookie, url: server.baseUrl }]);
    return context;
  };
  /** A cold visit in a new context, then a warm one in the same context. */
  const visit = async (kind: PaintPage, keep?: (page: Page, ms: number) => Promise<void>) => {
    const context = await newContext();
    try {
      const cold = await context.newPage();
      const coldMs = await openAndWait(cold, server.baseUrl, kind, kpiCode);
      await keep?.(cold, coldMs);
      // let the first visit finish what it started (lazy chunks, later queries) before the warm one
      await cold.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
      await cold.close();
      const warm = await context.newPage();
      const warmMs = await openAndWait(warm, server.baseUrl, kind, kpiCode);
      return { coldMs, warmMs };
    } finally {
      await context.close();
    }
  };
  try {
    const waterfalls = {} as PaintResult['waterfalls'];
    // a first round, not counted, also captures the waterfalls
    await visit('blank');
    for (const kind of ['scorecard', 'kpi'] as const) {
      await visit(kind, async (page, paintMs) => {
        waterfalls[kind] = { paintMs: round(paintMs, 0), entries: await waterfall(page) };
      });
    }
    const order: PaintPage[] = ['blank', 'scorecard', 'kpi'];
    for (let i = 0; i < runs; i++) {
      // rotate the order so no page always runs first
      const round_ = order.map((_, j) => order[(i + j) % order.length]!);
      const line: string[] = [];
      for (const kind of round_) {
        const { coldMs, warmMs } = await visit(kind);
        record(kind, 'cold', coldMs);
        record(kind, 'warm', warmMs);
        line.push(`${kind} ${coldMs.toFixed(0)}/${warmMs.toFixed(0)}`);
      }
      log(`  paint run ${i + 1}/${runs} (cold/warm ms): ${line.join(', ')}`);
    }
    const timings: PaintTiming[] = [];
    for (const cache of ['cold', 'warm'] as const) {
      const blank = median(samples.get(`blank/${cache}`)!);
      for (const kind of order) {
        const all = samples.get(`${kind}/${cache}`)!;
        timings.push({
          page: kind,
          cache,
          medianMs: round(median(all), 0),
          ratio: round(median(all) / blank, 2),
          allMs: all.map((v) => round(v, 0)),
        });
      }
    }
    return { runs, kpiCode, timings, waterfalls };
  } finally {
    await browser.close();
  }
}

/** The waterfall as printable lines: start → end, what, bytes. */
export function formatWaterfall(name: string, w: PaintResult['waterfalls']['scorecard']): string[] {
  return [
    `  ${name}: painted at ${w.paintMs} ms`,
    ...w.entries.map(
      (e) =>
        `    ${String(e.startMs).padStart(5)} → ${String(e.endMs).padStart(5)} ms  ${e.what}${e.transferBytes === 0 ? ' (cache)' : ` ${e.transferBytes} B`}`,
    ),
  ];
}
