import { returnUploadResponseSchema } from '../../shared/src/index';
import { CHROMIUM_ARGS, findChromium } from '../../tests/support/chromium';
import type { BenchArea } from '../generate/areas';
import { benchKpis } from '../generate/kpis';
import { generateReturnCsv, returnFileName } from '../generate/returns';
import { playwright } from '../lib/deps';
import { signIn, startServer } from '../lib/server';
import { median, round, timeRuns } from '../lib/stats';

export interface PreviewRenderResult {
  runs: number;
  figures: number;
  responseBytes: number;
  /**
   * What no rendering can remove: median ms for the page to `JSON.parse` the response text, and
   * for the contract (`returnUploadResponseSchema`, which the client checks every response
   * against) to validate the parsed object, here in Node's V8.
   */
  jsonParseMs: number;
  schemaParseMs: number;
  /** Median ms from the end of the upload response to the preview's tables being in the page. */
  renderMs: number;
  allRenderMs: number[];
  /** `<tr>` elements and all elements on the preview page once shown. */
  tableRows: number;
  elements: number;
  /** Median ms from clicking "Next" to the second page of new figures being in the page; null without paging. */
  nextPageMs: number | null;
}

/**
 * In Chromium, a commissioner uploads the ten-year backfill (60 KPIs × 120 months) on
 * /returns: milliseconds from the end of the `POST /api/returns/uploads` response (resource
 * timing) to the first animation frame in which the preview's "New figures" table is in the page
 * (parsing and validating the 2.8 MB JSON, React's render and commit, layout). Every run is a
 * new upload of the same bytes (a validated upload is never committed, so each previews anew).
 */
export async function previewRenderBenchmark(params: {
  clientDir: string;
  databaseUrl: string;
  password: string;
  area: BenchArea;
  runs: number;
  log: (line: string) => void;
}): Promise<PreviewRenderResult> {
  const { clientDir, databaseUrl, password, area, runs, log } = params;
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium (set CHROMIUM_PATH)');
  const csv = Buffer.from(generateReturnCsv(area, benchKpis()));
  const fileName = returnFileName(area);
  const server = await startServer({ DATABASE_URL: databaseUrl, DEMO_PASSWORD: password, CLIENT_DIST: clientDir });
  const browser = await playwright.chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const cookie = await signIn(server.baseUrl, 'commissioner', password);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'kpi_session', value: cookie.split('=')[1]!, url: server.baseUrl }]);
    const page = await context.newPage();
    const render: number[] = [];
    const nextPage: number[] = [];
    let figures = 0;
    let responseBytes = 0;
    let responseText = '';
    let tableRows = 0;
    let elements = 0;
    for (let i = 0; i < runs + 1; i++) {
      await page.goto(`${server.baseUrl}/returns`, { waitUntil: 'load' });
      await page.getByLabel('Upload a file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: csv });
      await page.evaluate(() => performance.clearResourceTimings());
      const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('fileName='));
      await page.getByRole('button', { name: 'Upload and check the file' }).click();
      responseText = await (await response).text();
      const body = JSON.parse(responseText) as { counts: { figures: number } };
      const shownAt = await page.waitForFunction(
        () =>
          document.querySelector('section[aria-labelledby="new-heading"] table tbody tr') ? performance.now() : null,
        undefined,
        { timeout: 120_000, polling: 'raf' },
      );
      const measured = await page.evaluate(
        (shown) => {
          const post = performance
            .getEntriesByType('resource')
            .find((e) => e.name.includes('/api/returns/uploads?fileName=')) as PerformanceResourceTiming | undefined;
          return {
            ms: post ? shown - post.responseEnd : Number.NaN,
            bytes: post?.decodedBodySize ?? 0,
            rows: document.querySelectorAll('tr').length,
            elements: document.getElementsByTagName('*').length,
          };
        },
        (await shownAt.jsonValue()) as number,
      );
      // with paging: from clicking Next to the second page's rows in the page
      const nextMs = await page.evaluate(async () => {
        const nav = document.querySelector('nav[aria-label="Pages of new figures"]');
        const next = Array.from(nav?.querySelectorAll('button') ?? []).find((b) => b.textContent?.startsWith('Next'));
        if (!next) return null;
        const started = performance.now();
        next.click();
        // a loop, not a named callback: tsx would wrap a named function in a helper the page lacks
        while (nav?.querySelector('[aria-current="page"]')?.textContent !== '2') {
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        return performance.now() - started;
      });
      // the first run warms the browser's caches and the server's JIT; it is not counted
      if (i === 0) continue;
      render.push(measured.ms);
      if (nextMs !== null) nextPage.push(nextMs);
      figures = body.counts.figures;
      responseBytes = measured.bytes;
      tableRows = measured.rows;
      elements = measured.elements;
      log(
        `  run ${i}/${runs}: shown ${measured.ms.toFixed(0)} ms after the response${nextMs === null ? '' : `, next page ${nextMs.toFixed(0)} ms`} (${measured.rows} table rows, ${measured.elements} elements)`,
      );
    }
    const jsonParse = await page.evaluate((json) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        JSON.parse(json);
        times.push(performance.now() - started);
      }
      return times;
    }, responseText);
    const parsed = JSON.parse(responseText) as unknown;
    const schemaParse = await timeRuns(7, () => returnUploadResponseSchema.parse(parsed));
    await context.close();
    return {
      runs,
      figures,
      responseBytes,
      jsonParseMs: round(median(jsonParse), 0),
      schemaParseMs: round(median(schemaParse), 0),
      renderMs: round(median(render), 0),
      allRenderMs: render.map((v) => round(v, 0)),
      tableRows,
      elements,
      nextPageMs: nextPage.length > 0 ? round(median(nextPage), 0) : null,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
