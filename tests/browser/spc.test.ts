import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scorecardResponseSchema, seriesResponseSchema } from '@kpi/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/screenshots');
const PASSWORD = 'browser-test-password';
const MONTH = '2023-03';

describe('signal or noise: SPC icons and chart, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let cspViolations: string[] = [];

  /** Screenshots of one element at 1280 and 375 px; nothing may scroll sideways at 375. */
  async function shoot(name: string, selector: string) {
    await page
      .locator(selector)
      .first()
      .screenshot({ path: path.join(screenshots, `${name}-1280.png`) });
    await page.setViewportSize({ width: 375, height: 800 });
    await page
      .locator(selector)
      .first()
      .screenshot({ path: path.join(screenshots, `${name}-375.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
    ({ page, cspViolations } = await openWatchedPage(browser));
    await page.goto(`${server.baseUrl}/scorecard?month=${MONTH}`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'commissioner', PASSWORD);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows both icons in words on each scorecard card, as the API gives them', async () => {
    await page.getByRole('heading', { level: 1, name: 'Scorecard for March 2023' }).waitFor();
    // The compact table carries the glyphs with their words (checked below); the detail cards spell them out.
    const compactRow = await page.locator('tr[data-kpi]').first().textContent();
    expect(compactRow).toMatch(/Variation: |No SPC icons|fewer than/i);
    await page.getByRole('button', { name: 'Detail' }).click();
    await page.getByRole('article').first().waitFor();
    const scorecard = scorecardResponseSchema.parse(
      await (await page.request.get(`${server.baseUrl}/api/scorecard?month=${MONTH}`)).json(),
    );
    for (const item of scorecard.items) {
      const text = await page.getByRole('article', { name: new RegExp(`^${item.code} `) }).textContent();
      expect(text, item.code).toContain(item.spc.icons ? item.spc.icons.variation.words : item.spc.withheld!);
      if (item.spc.icons?.assurance) expect(text, item.code).toContain(item.spc.icons.assurance.words);
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('spc-scorecard-card', 'article.kpi-card');
  });

  it('draws the SPC chart with its key, summary and table, and records a rebase with its reason', async () => {
    await page.goto(`${server.baseUrl}/indicators/PI4?to=${MONTH}`);
    const section = page.getByRole('region', { name: 'Signal or noise (statistical process control)' });
    await section.getByRole('figure').waitFor();
    const series = seriesResponseSchema.parse(
      await (await page.request.get(`${server.baseUrl}/api/indicators/PI4/series?to=${MONTH}`)).json(),
    );
    const spc = series.spc!;
    expect(await section.textContent()).toContain(spc.icons ? spc.icons.variation.words : spc.iconsWithheld!);
    // One marker per month with a figure, its shape saying its type.
    expect(await section.locator('.spc-dot').count()).toBe(spc.points.length);
    for (const type of new Set(spc.points.map((p) => p.pointType))) {
      expect(await section.locator(`.spc-dot--${type}`).count(), type).toBe(
        spc.points.filter((p) => p.pointType === type).length,
      );
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('spc-chart', 'section[aria-labelledby="spc-heading"]');

    await section.getByLabel('Recalculate the limits from').selectOption('2022-04');
    await section.getByLabel('Why').fill('New KPI set from April 2022');
    await section.getByRole('button', { name: 'Recalculate the limits' }).click();
    await section.getByText('New KPI set from April 2022').first().waitFor();
    await section.locator('.spc-rebase').first().waitFor({ state: 'attached' });
    await section.getByText('The SPC figures as a table').click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('spc-chart-rebased', 'section[aria-labelledby="spc-heading"]');
    expect(cspViolations).toEqual([]);
  });
});
