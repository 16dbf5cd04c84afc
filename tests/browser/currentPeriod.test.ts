import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/screenshots');
const PASSWORD = 'browser-test-password';

/**
 * The September 2025 minutes, within two clicks of the home page: each figure the Trust reported,
 * with the words of its comparator statement, on the Indicators page (home → Indicators).
 */
const MINUTES: Array<[code: string, figure: string, words: string]> = [
  ['CONTACTS', '972', 'down from 2405 in March 2024'],
  ['RE-REFERRALS', '19.0%', 'in line with statistical neighbours, as well as the West Midlands and England averages'],
  ['REFERRALS', '', 'lower than statistical neighbours, as well as the West Midlands and England averages'],
  ['ASSESSMENTS-RATE-12M', '463.0', 'over the last 12 months was 463'],
  ['PI4', '', 'Performance between January to July 2025 was 87.2%'],
  ['S47-RATE-12M', '156.6', 'below statistical neighbours, as well as the West Midlands and England'],
  ['PI3', '80.0%', 'below the West Midlands average but slightly above statistical neighbours and England averages'],
  ['CIN-PLAN-COUNT', '695', 'significantly below statistical neighbour averages'],
  ['PI2', '44.6', 'below the statistical neighbour average and slightly above the England average'],
  ['CP-PLAN-2YRS-PCT', '1.0%', 'only 4 children (1%)'],
  ['CP-REPEAT-2Y-COUNT', '1', 'only 1 child recorded'],
  ['CIC-COUNT', '820', '820 as of July 2025'],
  ['CARE-EXITS-RATE', '24.9', 'below the statistical neighbour average of 36.6%'],
  ['CARE-ENTRANTS-RATE-12M', '27.9', 'statistical neighbour average of 36.1'],
  ['CARE-EXPERIENCED-18PLUS', '411', 'all of whom were allocated a Personal Advisor'],
  ['VACANCY-RATE-OVERALL', '2.40%', '2.4% in July 2025'],
  ['VACANCY-RATE-SW', '7.4%', '7.4% in July 2025'],
  ['PERMANENT-WORKFORCE-PCT', '90.14%', '90.14% in July 2025'],
  ['AGENCY-WORKFORCE-PCT', '9.86%', '9.86'],
  ['AGENCY-SW-PCT', '18.1%', '18.1% in July 2025'],
];

describe('the current period in Chromium: Contract 2024, monitored indicators, the September 2025 minutes', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  async function shoot(name: string) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(screenshots, `${name}-1280.png`), fullPage: true });
    await page.screenshot({ path: path.join(screenshots, `${name}-1280-top.png`) });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: path.join(screenshots, `${name}-375-top.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
    ({ page } = await openWatchedPage(browser));
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'viewer', PASSWORD);
    await page.getByRole('heading', { level: 1, name: "Children's services performance" }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds every figure of the September 2025 minutes, with its comparator words, one click from home', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Indicators' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicators' }).waitFor();
    await page.getByText(/latest figure up to July 2025/).waitFor();
    for (const [code, figure, words] of MINUTES) {
      const card = page.locator('.monitored', { has: page.getByRole('link', { name: new RegExp(`^${code} `) }) });
      const text = (await card.textContent()) ?? '';
      expect(text, code).toContain('July 2025');
      if (figure) expect(text, code).toContain(figure);
      expect(text, code).toContain(words);
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('indicators');
  });

  it('searches the indicators', async () => {
    await page.getByLabel('Search indicators').fill('section 47');
    await page.getByText(/^Showing 1 of \d+ indicators/).waitFor();
    await page.getByLabel('Search indicators').fill('');
  });

  it('opens the scorecard on July 2025 with Contract 2024 rated and the monitored indicators beside it', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('link', { name: 'View the KPI scorecard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scorecard for July 2025' }).waitFor();
    await page.getByText(/KPI set: Contract 2024/).waitFor();
    expect(await page.locator('tr[data-kpi]').count()).toBe(6);
    await page.getByText('Illustrative configuration.', { exact: false }).first().waitFor();
    // What is red is the first question: every KPI of the month, the red one last in the table,
    // is on the first 1280 × 900 screen, with the set's illustrative note folded to one line.
    const lastRowBottom = await page.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('tr[data-kpi]')).map((row) => row.getBoundingClientRect().bottom),
      ),
    );
    expect(lastRowBottom, 'the last KPI row is on the first screen').toBeLessThanOrEqual(900);
    // The detail cards mark each KPI's bands as illustrative too.
    await page.getByRole('button', { name: 'Detail' }).click();
    await page.getByRole('article').first().waitFor();
    expect(await page.getByRole('article').count()).toBe(6);
    expect(await page.getByText('Illustrative bands', { exact: true }).count()).toBe(6);
    await page.getByRole('heading', { level: 2, name: 'Monitored indicators' }).waitFor();
    await page
      .getByRole('option', { name: 'July 2025 — Contract 2024 (from 1 April 2024)' })
      .waitFor({ state: 'attached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('scorecard-2025-07');
  });

  it('opens the September 2025 briefing on its headline, with the persistent failure and the monitored indicators', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page
      .getByRole('link', { name: /8 September 2025/ })
      .first()
      .click();
    await page.getByText(/^6 of 6 KPIs in Contract 2024/).waitFor();
    await page.getByRole('heading', { name: 'Monitored indicators' }).waitFor();
    expect(await page.getByText('LTPS-2Y').count()).toBeGreaterThan(0);
    // The papers' commentary is read whole at 1280 px: no KPI table is cut off at the side, and
    // the commentary column is not squeezed to a word or two a line.
    const tables = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.table--briefing')).map((table) => ({
        label: table.closest('.table-scroll')?.getAttribute('aria-label'),
        hidden: table.scrollWidth - table.closest('.table-scroll')!.clientWidth,
        commentaryWidth: Math.min(
          ...Array.from(table.querySelectorAll('tbody td:last-child')).map(
            (cell) => cell.getBoundingClientRect().width,
          ),
        ),
      })),
    );
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) {
      expect(table.hidden, `${table.label} scrolls sideways`).toBeLessThanOrEqual(0);
      expect(table.commentaryWidth, `${table.label}: commentary column`).toBeGreaterThanOrEqual(190);
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('briefing-2025-09-08');
  });
});
