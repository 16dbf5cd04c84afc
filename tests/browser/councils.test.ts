import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { shootAtBothWidths } from '../support/screenshots';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const PASSWORD = 'browser-test-password';
const DUDLEY = 'E08000027';

/**
 * Several councils in one deployment: an administrator adds a second council from the DfE list,
 * switches to it in the header, compares the region's councils, and cannot open a council they
 * do not belong to.
 */
describe('councils in one deployment, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let cspViolations: string[] = [];

  const shoot = (name: string) => shootAtBothWidths(page, name);

  beforeAll(async () => {
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
    ({ page, cspViolations } = await openWatchedPage(browser));
    await page.goto(`${server.baseUrl}/setup/councils/new`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'admin', PASSWORD);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds Dudley from the DfE list, starting from Sandwell’s KPI set', async () => {
    await page.getByRole('heading', { level: 1, name: 'Add a council' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const council = page.getByLabel('Council', { exact: true });
    await council.selectOption({ label: (await council.locator('option', { hasText: /^Dudley/ }).textContent())! });
    const template = page.getByLabel('Start from the KPI set of');
    await template.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Add the council' }).click();
    await page.getByRole('heading', { level: 1, name: 'Council added' }).waitFor();
    const confirmation = await page.locator('.panel--confirmation').textContent();
    expect(confirmation).toMatch(/Dudley/);
    expect(confirmation).toMatch(/copied from Sandwell/);
    expect(confirmation).toMatch(/You are its administrator/);
  });

  it('opens Dudley, names it in the header, and switches back to Sandwell keeping the page', async () => {
    await page.getByRole('link', { name: /^Open Dudley/ }).click();
    await page.waitForURL(new RegExp(`organisation=${DUDLEY}`));
    const switcher = page.getByLabel('Organisation in view');
    await expect.poll(() => switcher.inputValue()).toBe(DUDLEY);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecard' }).click();
    // The address keeps the council (put back on the link's address), so a shared link opens the same view.
    await page.waitForURL((url) => url.pathname === '/scorecard' && url.searchParams.get('organisation') === DUDLEY);
    await page.getByText('There are no published KPI figures yet.').waitFor();
    await switcher.selectOption('E08000028');
    await page.waitForURL((url) => !url.search.includes(DUDLEY) && url.pathname.startsWith('/scorecard'));
    await page.locator('tr[data-kpi]').first().waitFor();
  });

  it('compares the West Midlands councils, with both councils served here marked', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Region' }).click();
    await page.getByRole('heading', { level: 1, name: 'West Midlands: councils compared' }).waitFor();
    const table = page.getByRole('table', { name: /^West Midlands: DfE’s published figures for its 14 councils/ });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(14);
    const served = await table.locator('tbody tr', { hasText: /served here/i }).allTextContents();
    expect(served.map((text) => text.match(/Dudley|Sandwell/)?.[0]).sort()).toEqual(['Dudley', 'Sandwell']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('region-west-midlands');
  });

  it('refuses a council the person does not belong to, saying so, and shows their own', async () => {
    await page.goto(`${server.baseUrl}/scorecard?organisation=E09000001`);
    await page
      .getByText(/not a member|do not belong|don’t belong|cannot see/i)
      .first()
      .waitFor();
    expect(page.url()).not.toContain('E09000001');
    const refused = await page.request.get(`${server.baseUrl}/api/scorecard`, {
      headers: { 'X-Organisation': 'E09000001' },
    });
    expect(refused.status()).toBe(403);
  });

  it('caused no Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
