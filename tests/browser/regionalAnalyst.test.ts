import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { readPng } from '../support/documentReaders';
import { SCREENSHOTS_DIR, shootAtBothWidths } from '../support/screenshots';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const PASSWORD = 'browser-test-password';
const SANDWELL = 'E08000028';
const DUDLEY = 'E08000027';
/** Leeds, in Yorkshire and The Humber: served here, but not in the analyst's group. */
const LEEDS = 'E08000035';

/**
 * Issue 19's journey: an administrator serves Dudley (West Midlands) and Leeds (Yorkshire), makes
 * the West Midlands group and gives a person the regional role there; that regional analyst signs
 * in, compares PI4 across the region's served councils, opens Dudley's scorecard, and is refused
 * Leeds with the notice.
 */
describe('a regional analyst, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let cspViolations: string[] = [];

  const shoot = (name: string) => shootAtBothWidths(page, name);

  async function post(url: string, data: object, status: number) {
    const response = await page.request.post(`${server.baseUrl}${url}`, {
      data,
      headers: { origin: server.baseUrl },
    });
    expect(response.status(), `${url}: ${await response.text()}`).toBe(status);
    return response;
  }

  beforeAll(async () => {
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
    ({ page, cspViolations } = await openWatchedPage(browser, { acceptDownloads: true }));
    await page.goto(`${server.baseUrl}/groups`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'admin', PASSWORD);
    await post('/api/organisations', { areaCode: DUDLEY, templateFrom: SANDWELL }, 201);
    await post('/api/organisations', { areaCode: LEEDS, templateFrom: SANDWELL }, 201);
    await post(
      '/api/users',
      { username: 'regional.analyst', displayName: 'Regional Analyst', role: 'viewer', password: PASSWORD },
      201,
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an administrator makes the West Midlands group and gives the analyst the regional role', async () => {
    await page.goto(`${server.baseUrl}/groups`);
    await page.getByRole('heading', { level: 1, name: 'Groups of councils' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('West Midlands');
    await page.getByLabel('Region', { exact: true }).selectOption('E12000005');
    await page.getByRole('button', { name: 'Make the group' }).click();
    await page.getByText('Group made.').waitFor();
    await page.getByLabel('Username', { exact: true }).fill('regional.analyst');
    await page.getByRole('button', { name: 'Give the regional role' }).click();
    await page.getByText('Regional role given.').waitFor();
    const row = page.getByRole('row', { name: /West Midlands/ });
    await expect.poll(() => row.textContent()).toMatch(/Dudley.*Sandwell|Sandwell.*Dudley/);
    expect(await row.textContent()).not.toMatch(/Leeds/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('groups-admin');
  });

  it('an administrator takes Dudley out of a custom group after confirming, and flips its regional pre-release', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Black Country');
    await page.getByRole('button', { name: 'Make the group' }).click();
    await page.getByText('Group made.').waitFor();
    // Onboarded councils take their names from the DfE list: pick them by code, find them by their first word.
    for (const [code, council] of [
      [DUDLEY, 'Dudley'],
      [SANDWELL, 'Sandwell'],
    ] as const) {
      await page.getByLabel('Group', { exact: true }).first().selectOption({ label: 'Black Country' });
      await page.getByLabel('Council (one you administer)').selectOption(code);
      await page.getByRole('button', { name: 'Add the council' }).click();
      await page.getByText('Council added.').waitFor();
      await page.getByRole('button', { name: new RegExp(`^Remove ${council}.* from Black Country$`) }).waitFor();
    }
    await page.getByRole('button', { name: /^Remove Dudley.* from Black Country$/ }).click();
    const question = page.getByRole('heading', { name: /^Remove Dudley.* from Black Country\?$/ });
    await question.waitFor();
    expect(await question.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Yes, remove Dudley/ }).click();
    await page.getByText(/^Dudley.* is no longer in Black Country\.$/).waitFor();
    const row = page.getByRole('row', { name: /Black Country/ });
    await expect.poll(() => row.textContent()).not.toMatch(/Dudley/);

    const preRelease = page.getByRole('region', { name: 'Regional pre-release viewing' });
    await preRelease.getByRole('button', { name: /^Allow regional pre-release viewing of Dudley/ }).click();
    await page
      .getByText(/^People with the regional role may now see Dudley.*’s months before they are published\.$/)
      .waitFor();
    await expect
      .poll(() => preRelease.getByRole('row', { name: /Dudley/ }).textContent())
      .toMatch(/Allowed: people with the regional role also see months not yet published/);
    await shoot('groups-admin-changed');
    // Back as it was, so the analyst below sees only published months.
    await preRelease.getByRole('button', { name: /^Stop regional pre-release viewing of Dudley/ }).click();
    await page
      .getByText(/^People with the regional role now see Dudley.*’s months only once they are published\.$/)
      .waitFor();
    await page.request.post(`${server.baseUrl}/api/auth/logout`, { headers: { origin: server.baseUrl } });
  });

  it('the analyst compares PI4 across the West Midlands councils served here', async () => {
    await page.context().clearCookies();
    await page.goto(`${server.baseUrl}/region`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'regional.analyst', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'West Midlands: councils compared' }).waitFor();
    const table = page.getByRole('table', { name: /^PI4,/ });
    await table.waitFor();
    const councils = await table.locator('tbody th[scope="row"]').allTextContents();
    expect(councils.map((name) => name.match(/Dudley|Sandwell/)?.[0]).sort()).toEqual(['Dudley', 'Sandwell']);
    // Sandwell's rating is a word with its icon, never colour alone.
    const sandwell = table.locator('tbody tr', { hasText: 'Sandwell' });
    expect(await sandwell.textContent()).toMatch(/Green|Amber|Red|No data|Not yet published/);
    const switcher = page.getByLabel('Organisation in view');
    expect(await switcher.locator('option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Dudley.*regional, read only/)]),
    );
    expect(await switcher.locator('option').allTextContents()).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/Leeds/)]),
    );
    // The councils × their KPIs rug: captioned, each rating a word beside its icon.
    const rug = page.getByRole('table', { name: /each council’s own contract KPIs/ });
    await rug.waitFor();
    expect(await rug.locator('tbody tr', { hasText: 'Sandwell' }).textContent()).toMatch(
      /Green|Amber|Red|No data|Not yet published/,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('regional-analyst-pi4');
    const section = page.locator('section[aria-labelledby="kpi-rug-heading"]');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await section.screenshot({ path: path.join(SCREENSHOTS_DIR, `regional-kpi-rug-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("keeps every wide table's caption inside its box, wrapped, at 1280 and 375 px", async () => {
    // The DfE rug is about 3,000 px wide at 1280: its caption used to run the table's width and be
    // cut off at the box's edge.
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      const boxes = await page.locator('.table-scroll').evaluateAll((elements) =>
        elements.flatMap((box) => {
          const caption = box.querySelector(':scope > table > caption');
          if (!caption || box.scrollWidth <= box.clientWidth) return [];
          const shown = box.getBoundingClientRect();
          const text = caption.getBoundingClientRect();
          return [{ caption: caption.textContent?.slice(0, 40), overflow: Math.round(text.right - shown.right) }];
        }),
      );
      expect(boxes.length, `wide tables at ${width} px`).toBeGreaterThan(0);
      for (const box of boxes) expect(box.overflow, `${box.caption} at ${width} px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('downloads the contract KPIs rug as a PNG image of the table, its words drawn in', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'PNG image of the contract KPIs table' }).click(),
    ]);
    const file = (download as Download).suggestedFilename();
    expect(file).toMatch(/^region-kpi-rug-.+\.png$/);
    const saved = await (download as Download).path();
    const bytes = readFileSync(saved);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const png = readPng(bytes);
    expect(png.width).toBeGreaterThan(600);
    expect(png.height).toBeGreaterThan(200);
    expect(png.variance).toBeGreaterThan(500);
    expect(png.inkShare).toBeGreaterThan(0.03);
    expect(png.corner).toEqual([255, 255, 255, 255]);
    await page.getByText(`Downloaded ${file}.`).waitFor();
    // For people to look at, beside the screenshots.
    writeFileSync(path.join(SCREENSHOTS_DIR, 'region-kpi-rug-download.png'), bytes);
  });

  it("opens Dudley's scorecard as a viewer", async () => {
    await page.getByLabel('Organisation in view').selectOption(DUDLEY);
    await page.waitForURL(new RegExp(`organisation=${DUDLEY}`));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecard' }).click();
    await page.waitForURL((url) => url.pathname === '/scorecard' && url.searchParams.get('organisation') === DUDLEY);
    await page.getByText('There are no published KPI figures yet.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('is refused Leeds, in another region, with the notice', async () => {
    await page.goto(`${server.baseUrl}/scorecard?organisation=${LEEDS}`);
    await page
      .getByText(/not a member|do not belong|don’t belong|cannot see/i)
      .first()
      .waitFor();
    const refused = await page.request.get(`${server.baseUrl}/api/scorecard`, { headers: { 'X-Organisation': LEEDS } });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toMatch(/not a member of that organisation/);
  });

  it('caused no Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
