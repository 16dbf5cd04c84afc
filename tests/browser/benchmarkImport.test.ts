import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatValue, indicatorDetailSchema } from '@kpi/shared';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { REFERENCE_DIR } from '../support/seededApp';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/screenshots');
const PASSWORD = 'browser-test-password';
const C4 = 'c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv';
const SN_2021 = 'New_Statistical_Neighbour_Groupings_April_2021.csv';
const RELEASE = 'DfE Children in need 2025, table C4 (browser test)';
const YEAR = '2025';

type Row = Record<string, string>;
const dfe = (name: string) => readFileSync(path.join(REFERENCE_DIR, 'dfe', name));
const num = (s: string | undefined) => (s !== undefined && /^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : null);

/**
 * ICPC timeliness for each area in YEAR, read here from DfE's file with csv-parse (not the
 * product's reader): (Duration_0-10 + Duration_11-15) ÷ ICPC × 100, half-up to 1 dp.
 */
function expectedFigures() {
  const rows = parse(dfe(C4), { columns: true, bom: true, skip_empty_lines: true }) as Row[];
  const timeliness = (r: Row | undefined) => {
    if (!r) return null;
    const [a, b, total] = [num(r['Duration_0-10_days']), num(r['Duration_11-15_days']), num(r.ICPC)];
    return a === null || b === null || total === null || total === 0
      ? null
      : Math.round(((a + b) * 100 * 10) / total) / 10;
  };
  const inYear = rows.filter((r) => r.time_period === YEAR);
  const la = (n: string) => inYear.find((r) => r.geographic_level === 'Local authority' && r.old_la_code === n);
  const snRows = parse(dfe(SN_2021), { bom: true, relax_column_count: true }) as string[][];
  const header = snRows[0]!;
  const first = header.findIndex((h) => /^SN_?1$/.test(h.trim()));
  const sandwell = snRows.find((r) => r[0] === '333')!;
  const neighbours = Array.from({ length: 10 }, (_, i) => sandwell[first + i * 2]!.trim());
  const present = neighbours.map((n) => timeliness(la(n))).filter((v): v is number => v !== null);
  return {
    sandwell: timeliness(la('333')),
    westMidlands: timeliness(inYear.find((r) => r.geographic_level === 'Regional' && r.region_code === 'E12000005')),
    england: timeliness(inYear.find((r) => r.geographic_level === 'National')),
    neighbourMean: present.reduce((x, y) => x + y, 0) / present.length,
    contributing: present.length,
  };
}

describe('a commissioner imports a DfE release file and maps a ratio, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let cspViolations: string[] = [];

  async function shoot(name: string) {
    await page.screenshot({ path: path.join(screenshots, `${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: path.join(screenshots, `${name}-375.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('main *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`),
    );
    expect(overflow, `${name} scrolls sideways at 375 px: ${wide.join(' | ')}`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
    ({ page, cspViolations } = await openWatchedPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens "Benchmark data" from the navigation: sources, model and populations', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'commissioner', PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Benchmark data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benchmark data' }).waitFor();
    await page.getByRole('heading', { name: 'Statistical neighbours' }).waitFor();
    await page.getByRole('table', { name: /Neighbours in/ }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('benchmarks-overview');
  });

  it('reads the file, maps PI3 as a ratio and checks Sandwell, the neighbours, West Midlands and England', async () => {
    const expected = expectedFigures();
    const pi3 = await page.request.get(`${server.baseUrl}/api/indicators/PI3`);
    const { precision } = indicatorDetailSchema.parse(await pi3.json());

    await page.getByRole('link', { name: 'Import a DfE release file' }).first().click();
    await page.getByLabel('DfE release file').setInputFiles({ name: C4, mimeType: 'text/csv', buffer: dfe(C4) });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Map the file to the KPIs' }).waitFor();

    const group = page.getByRole('group', { name: /^PI3 / });
    await group.getByLabel('A ratio: columns divided by another column').check();
    const top = group.getByRole('group', { name: /Top of the ratio/ });
    await top.getByLabel(/^Duration_0-10_days/).check();
    await top.getByLabel(/^Duration_11-15_days/).check();
    await group.getByLabel(/Divided by/).selectOption('ICPC');
    await page.getByLabel('Release and table').fill(RELEASE);
    await page.getByRole('button', { name: 'Check the figures' }).click();
    await page.getByRole('heading', { name: 'Check the figures before importing' }).waitFor();

    const row = page
      .getByRole('table', { name: /^PI3 .*icpc_timeliness_pct/ })
      .getByRole('row', { name: new RegExp(`^${YEAR}`) });
    const cells = await row.getByRole('cell').allInnerTexts();
    const show = (v: number | null) => formatValue(v, 'percent', precision);
    expect(cells[0]).toBe(show(expected.sandwell));
    expect(cells[1]).toContain(show(expected.neighbourMean));
    expect(cells[1]).toContain(`${expected.contributing} of 10 neighbours contributed`);
    expect(cells[2]).toBe(show(expected.westMidlands));
    expect(cells[3]).toBe(show(expected.england));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('benchmarks-dfe-check');
    await page
      .locator('section[aria-labelledby="check-heading"]')
      .screenshot({ path: path.join(screenshots, 'benchmarks-dfe-check-figures-1280.png') });
    await page
      .getByRole('group', { name: /^PI3 / })
      .screenshot({ path: path.join(screenshots, 'benchmarks-dfe-mapping-1280.png') });
  });

  it('imports, sees the confirmation with a link to the KPI, and the source in the list', async () => {
    await page.getByRole('button', { name: 'Import the figures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benchmark figures imported' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('benchmarks-dfe-imported');
    expect(await page.getByRole('link', { name: /^PI3 / }).getAttribute('href')).toBe('/indicators/PI3');

    await page.getByRole('link', { name: 'Back to benchmark data' }).click();
    const sources = page.getByRole('table', { name: /Every benchmark import/ });
    await sources.waitFor();
    const first = sources.getByRole('row').nth(1);
    expect(await first.textContent()).toContain(RELEASE);
    expect(await first.textContent()).toContain(C4);
    expect(await first.textContent()).toContain('icpc_timeliness_pct');
  });

  it('a viewer has no "Benchmark data" and cannot open the import screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewer = await context.newPage();
    await viewer.goto(`${server.baseUrl}/benchmarks/dfe`);
    await viewer.waitForURL(/\/sign-in/);
    await signInOnPage(viewer, 'viewer', PASSWORD);
    await viewer.getByRole('heading', { level: 1, name: 'You do not have access to this page' }).waitFor();
    expect(
      await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Benchmark data' }).count(),
    ).toBe(0);
    expect(await viewer.getByLabel('DfE release file').count()).toBe(0);
    await context.close();
  });

  it('the pages broke no Content-Security-Policy rule', () => {
    expect(cspViolations).toEqual([]);
  });
});
