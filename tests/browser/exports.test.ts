import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { findChromium } from '../support/chromium';
import { readCsv, readPdf, readPng, renderPdfPages } from '../support/documentReaders';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/exports');
const PASSWORD = 'browser-test-password';

describe('an analyst exports a chart and a board pack, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let cspViolations: string[] = [];

  async function download(trigger: () => Promise<void>, timeout = 30_000): Promise<{ file: string; bytes: Buffer }> {
    const [event] = await Promise.all([page.waitForEvent('download', { timeout }), trigger()]);
    const saved = path.join(artifacts, (event as Download).suggestedFilename());
    await (event as Download).saveAs(saved);
    return { file: (event as Download).suggestedFilename(), bytes: readFileSync(saved) };
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD, CHROMIUM_PATH: findChromium()! });
    browser = await launchChromium();
    ({ page, cspViolations } = await openWatchedPage(browser, { acceptDownloads: true }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads the KPI chart as a PNG at twice its size on screen, with its title and source drawn in', async () => {
    await page.goto(`${server.baseUrl}/indicators/PI4?from=2020-04&to=2021-03`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'analyst', PASSWORD);
    await expect.poll(() => page.title(), { timeout: 15_000 }).toContain('PI4');
    const chart = page.locator('.chart .recharts-surface').first(); // the trend chart; the SPC chart follows
    await chart.waitFor();
    const onScreen = (await chart.boundingBox())!;
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const { file, bytes } = await download(() => page.getByRole('button', { name: 'PNG image of the chart' }).click());
    expect(file).toBe('PI4-single-assessments-within-45-2021-03.png');
    const png = readPng(bytes);
    expect(png.width).toBeGreaterThanOrEqual(2 * onScreen.width);
    expect(png.height).toBeGreaterThanOrEqual(2 * onScreen.height);
    expect(png.variance).toBeGreaterThan(500);
    expect(png.inkShare).toBeGreaterThan(0.05);
    expect(png.corner).toEqual([255, 255, 255, 255]);
    await page.getByText(`Downloaded ${file}.`).waitFor();
  });

  it('downloads the same chart as an SVG that parses and names its title and source', async () => {
    const { file, bytes } = await download(() => page.getByRole('button', { name: 'SVG image of the chart' }).click());
    expect(file).toBe('PI4-single-assessments-within-45-2021-03.svg');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        title: doc.querySelector('title')?.textContent ?? null,
        text: Array.from(doc.querySelectorAll('text'), (t) => t.textContent).join('\n'),
      };
    }, bytes.toString('utf8'));
    expect(parsed.error).toBeNull();
    expect(parsed.title).toBe('PI4 Single Assessments within 45 working days');
    expect(parsed.text).toContain('April 2020 to March 2021');
    expect(parsed.text).toMatch(/Source:/);
    expect(parsed.text).toMatch(/Illustrative data/);
    expect(parsed.text).toMatch(/DfE|Statistical neighbours|England/);
  });

  it('downloads the series as CSV from the same page', async () => {
    const { file, bytes } = await download(() => page.getByRole('link', { name: /^CSV of PI4/ }).click());
    expect(file).toBe('PI4-single-assessments-within-45-2021-03.csv');
    const csv = readCsv(bytes);
    expect(csv.bom && csv.crlf).toBe(true);
  });

  it('produces a board pack PDF from the board pack page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Board pack' }).click();
    await page.getByRole('heading', { level: 1, name: 'Board pack' }).waitFor();
    await page.getByLabel('Month', { exact: true }).selectOption('2021-03');
    await page.getByRole('button', { name: 'Show KPIs for this month' }).click();
    await page.waitForURL(/month=2021-03/);
    const kpis = page.getByRole('group', { name: /^KPIs in .*March 2021/ });
    await kpis.waitFor();
    expect(await kpis.getByRole('checkbox').count()).toBe(15);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'board-pack-page-1280.png'), fullPage: true });

    const started = performance.now();
    const { file, bytes } = await download(
      () => page.getByRole('button', { name: 'Download the board pack' }).click(),
      90_000,
    );
    console.log(`board pack PDF from the screen: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(file).toBe('board-pack-2021-03.pdf');
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toHaveLength(16);
    expect(pdf.pages[0]).toContain('Scorecard: a page for each KPI follows');
    expect(pdf.pages[15]).toContain('PI15');
    expect(pdf.pages[15]).toContain('Page 16 of 16');

    const images = await renderPdfPages(browser, bytes);
    for (const [i, image] of images.entries()) {
      if (i < 3 || i === 4 || i === 5)
        writeFileSync(path.join(artifacts, `board-pack-2021-03-page-${i + 1}.png`), image);
      expect(readPng(image).variance, `page ${i + 1}`).toBeGreaterThan(100);
    }
  });

  it('shows the same pack as a print preview', async () => {
    const codes = Array.from({ length: 15 }, (_, n) => `PI${n + 1}`).join(',');
    await page.goto(`${server.baseUrl}/print/board-pack?month=2021-03&kpis=${codes}`);
    await page.locator('[data-print-state="ready"]').waitFor({ timeout: 30_000 });
    await page
      .locator('.pack-kpi')
      .nth(3)
      .screenshot({ path: path.join(artifacts, 'print-preview-PI4.png') });
    await page.locator('.pack-cover').screenshot({ path: path.join(artifacts, 'print-preview-cover.png') });
    // Nothing is cut off by a page's edge: the cover's scorecard (its last column, the SPC icons,
    // included) is within the page's width, and each KPI page's source and notes within its height.
    const clipped = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.pack-page')).flatMap((section) => {
        const problems: string[] = [];
        const name = section.querySelector('h1, h2')?.textContent ?? 'a page';
        if (section.scrollWidth > section.clientWidth) problems.push(`${name}: ${section.scrollWidth} px wide`);
        if (section.scrollHeight > section.clientHeight) problems.push(`${name}: ${section.scrollHeight} px tall`);
        const body = section.querySelector<HTMLElement>('.pack-kpi__body');
        if (body && body.scrollHeight > body.clientHeight) problems.push(`${name}: source or notes cut off`);
        return problems;
      }),
    );
    expect(clipped).toEqual([]);
    // The monthly table's figures carry their unit: PI2's read "Figure" over bare rates (54.3: a %, a count?).
    const pi2Figures = page.locator('section[aria-labelledby="pack-kpi-PI2"] .pack-table th[scope="row"]').first();
    expect(await pi2Figures.textContent()).toBe('Figure (rate per 10,000 children)');
    const cover = (await page.locator('.pack-cover').textContent()) ?? '';
    expect(cover).toMatch(/Trend, SPC/);
    expect(await page.locator('.pack-cover .compact__spc-glyphs').count()).toBeGreaterThan(0);
  });

  it('caused no Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
