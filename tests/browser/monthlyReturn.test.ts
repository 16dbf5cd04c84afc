import { readFileSync } from 'node:fs';
import {
  formatMonth,
  formatValue,
  monthRange,
  type ReturnHistoryResponse,
  type ReturnUploadResponse,
  returnHistoryResponseSchema,
  returnUploadResponseSchema,
  scorecardResponseSchema,
} from '@kpi/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage, watchCspViolations } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { shootAtBothWidths } from '../support/screenshots';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const PASSWORD = 'browser-test-password';
const SERVICE = "Children's services KPI dashboard";
// March 2024: the last month the Contract 2018 KPI set is in force. The demo's figures for it are
// illustrative, so the return replaces them.
const MONTH = '2024-03';
const FILE_NAME = 'sct-return-march-2024.csv';
/** The figures the Trust's return gives, as typed into the template. */
const FIGURES: Record<string, string> = { PI1: '78.4', PI4: '81.5', PI5: '9', PI14: '17.25' };
/** The mistake in the first file: PI4 typed with a slipped full stop. */
const MISTAKE = '12.5.3';
/**
 * The other mistake: PI1 pasted as a formula with a link, one long unbroken word that the problem
 * messages quote (it once pushed the page sideways at 375 px).
 */
const PASTED = '=HYPERLINK("https://sharepoint.example/sites/childrens-trust/returns/march-2024.xlsx","78.4")';

/** Puts a value in each named KPI's month cell (the last, empty column of the template's row). */
function fillTemplate(csv: string, values: Record<string, string>): string {
  return csv
    .split('\r\n')
    .map((line) => {
      const code = line.replace(/^\uFEFF/, '').split(',')[0] ?? '';
      const value = values[code];
      return value !== undefined && line.endsWith(',') ? `${line}${value}` : line;
    })
    .join('\r\n');
}

describe('a commissioner loads the Trust’s monthly return, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let template = '';
  let preview: ReturnUploadResponse;
  let cspViolations: string[] = [];

  const shoot = (name: string) => shootAtBothWidths(page, name);

  async function api<T>(url: string, schema: { parse: (value: unknown) => T }): Promise<T> {
    const response = await page.request.get(`${server.baseUrl}${url}`);
    expect(response.status(), url).toBe(200);
    return schema.parse(await response.json());
  }

  async function uploadIdFromUrl(): Promise<number> {
    await page.waitForURL(/\/returns\/uploads\/\d+$/);
    return Number(new URL(page.url()).pathname.split('/').pop());
  }

  async function focusedClass(): Promise<string> {
    return page.evaluate(() => document.activeElement?.className ?? '');
  }

  beforeAll(async () => {
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
    ({ page, cspViolations } = await openWatchedPage(browser, { acceptDownloads: true }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in and opens "Monthly returns" from the navigation', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'commissioner', PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monthly returns' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monthly returns' }).waitFor();
    await page.getByRole('link', { name: /^Download the template/ }).waitFor();
    expect(await page.title()).toBe(`Monthly returns – ${SERVICE}`);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('returns-start');
  });

  it('downloads the CSV template for Contract 2018, March 2024, under the server’s file name', async () => {
    await page.getByLabel('KPI set').selectOption('CONTRACT-2018');
    await page.getByLabel('From').selectOption(MONTH);
    await page.getByLabel('To').selectOption(MONTH);
    await page.getByRole('radio', { name: /^CSV/ }).check();
    const link = page.getByRole('link', { name: /^Download the template/ });
    expect(await link.getAttribute('href')).toBe(
      `/api/returns/template?kpiSet=CONTRACT-2018&from=${MONTH}&to=${MONTH}&format=csv`,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('return-contract-2018-2024-03.csv');
    template = readFileSync(await download.path(), 'utf8');
    const lines = template.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(`kpi_code,title,units,${MONTH}`);
    for (const code of Object.keys(FIGURES)) {
      expect(
        lines.some((line) => line.startsWith(`${code},`) && line.endsWith(',')),
        code,
      ).toBe(true);
    }
    // the page is still the start page: the link downloaded, it did not navigate
    expect(new URL(page.url()).pathname).toBe('/returns');
  });

  it('uploads the filled-in file with a mistake and is told exactly which cell is wrong', async () => {
    const withMistake = fillTemplate(template, { ...FIGURES, PI4: MISTAKE, PI1: `"${PASTED.replaceAll('"', '""')}"` });
    await page.getByLabel('Upload a file').setInputFiles({
      name: FILE_NAME,
      mimeType: 'text/csv',
      buffer: Buffer.from(withMistake, 'utf8'),
    });
    await page.getByRole('button', { name: 'Upload and check the file' }).click();
    const id = await uploadIdFromUrl();
    await page.getByRole('heading', { level: 1, name: 'Correct the problems in the file' }).waitFor();

    const rejected = await api(`/api/returns/uploads/${id}`, returnUploadResponseSchema);
    expect(rejected.report.errors.map((e) => [e.code, e.location])).toEqual([
      [
        'invalid_value',
        `row ${withMistake.split('\r\n').findIndex((l) => l.startsWith('PI1,')) + 1}, column "${MONTH}"`,
      ],
      [
        'invalid_value',
        `row ${withMistake.split('\r\n').findIndex((l) => l.startsWith('PI4,')) + 1}, column "${MONTH}"`,
      ],
    ]);
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain(`Row 5, column ${MONTH}: "${MISTAKE}" is not a figure we can read.`);
    expect(text).toContain(`"${PASTED}" is not a figure we can read.`);
    expect(await focusedClass()).toBe('error-summary');
    expect(await page.title()).toBe(`Error: Correct the problems in the file – ${SERVICE}`);
    expect(await page.getByRole('link', { name: 'Download the full report (CSV)' }).getAttribute('href')).toBe(
      `/api/returns/uploads/${id}/report.csv`,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('returns-errors');
  });

  it('uploads the corrected file and sees what would change, old → new', async () => {
    const corrected = fillTemplate(template, FIGURES);
    await page.getByLabel('Upload the corrected file').setInputFiles({
      name: FILE_NAME,
      mimeType: 'text/csv',
      buffer: Buffer.from(corrected, 'utf8'),
    });
    await page.getByRole('button', { name: 'Upload and check the file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check the figures before you load them' }).waitFor();
    const id = await uploadIdFromUrl();
    preview = await api(`/api/returns/uploads/${id}`, returnUploadResponseSchema);

    // every figure replaces an illustrative one: each is a change, old and new side by side
    expect(preview.report.errors).toEqual([]);
    expect(preview.preview.changedValues.map((item) => item.kpiCode).sort()).toEqual(Object.keys(FIGURES).sort());
    // (a figure equal to the illustrative one is listed as confirmed, not changed)
    const changed = page.getByRole('table', { name: /^Changed figures/ });
    for (const item of preview.preview.changedValues.filter((i) => i.effect === 'value_changed')) {
      const row = changed.getByRole('row', { name: new RegExp(`^${item.kpiCode} `) });
      const rowText = (await row.textContent()) ?? '';
      expect(rowText, item.kpiCode).toContain(item.old!.displayValue);
      expect(rowText, item.kpiCode).toContain(`changes to → ${item.new.displayValue}`);
      expect(rowText, item.kpiCode).toContain('Replaces illustrative demo data');
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('returns-preview');
  });

  it('gives what is required and loads the figures: the confirmation panel', async () => {
    if (preview.needsConfirmation) await page.getByRole('checkbox', { name: /I have checked these figures/ }).check();
    if (preview.needsReason) {
      await page.getByRole('textbox', { name: 'Reason for the change' }).fill('The Trust’s March 2024 return');
    }
    await page.getByRole('button', { name: 'Load these figures' }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Figures loaded' });
    await heading.waitFor();
    expect(await focusedClass()).toBe('panel__title');
    const committed = await api(`/api/returns/uploads/${preview.upload.id}`, returnUploadResponseSchema);
    expect(committed.upload.outcome).toBe('committed');
    expect(committed.commit).toMatchObject({ created: 0, changed: Object.keys(FIGURES).length });
    // One of the corrected figures changes its KPI's rating: the panel says so beside the counts.
    expect(await page.locator('.panel__body').textContent()).toBe(
      `0 new, ${Object.keys(FIGURES).length} changed, 1 rating changed`,
    );
    expect(await page.title()).toBe(`Figures loaded – ${SERVICE}`);
    expect(await page.getByRole('region', { name: 'Record of this upload' }).textContent()).toContain(
      committed.upload.sha256,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('returns-confirmation');
  });

  it('opens the scorecard for March 2024, which shows the new figures', async () => {
    await page.getByRole('link', { name: 'The scorecard for March 2024' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scorecard for March 2024' }).waitFor();
    const scorecard = await api(`/api/scorecard?month=${MONTH}`, scorecardResponseSchema);
    for (const [code, typed] of Object.entries(FIGURES)) {
      const item = scorecard.items.find((i) => i.code === code)!;
      const expected = formatValue(Number(typed), item.unit, item.precision);
      expect(item.current.displayValue, code).toBe(expected);
      // The compact table (the default view) gives the figure in the row's first cell after the KPI.
      const row = page.locator(`tr[data-kpi="${code}"]`);
      expect(await row.locator('.compact__latest strong').textContent(), code).toBe(expected);
    }
  });

  it('a correction to a loaded figure needs the warning confirmed and a reason, and shows in its history', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monthly returns' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monthly returns' }).waitFor();
    // the recent uploads: the rejected file and the loaded one, newest first
    const recent = page.getByRole('table', { name: /Recent uploads/ });
    await recent.waitFor();
    // the list kept from the first visit is shown at once, then refreshed
    await expect.poll(() => recent.getByRole('row').count()).toBe(3);
    expect(await recent.getByRole('row').allTextContents()).toEqual([
      expect.stringContaining('File'),
      expect.stringMatching(new RegExp(`^${FILE_NAME}.*by Commissioning manager \\(demo\\)Loaded0 new, 4 changed`)),
      expect.stringMatching(new RegExp(`^${FILE_NAME}.*Problems to correct2 problems$`)),
    ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('returns-start-uploads');
    await page.getByLabel('Upload a file').setInputFiles({
      name: 'pi5-correction.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`kpi_code,month,value\r\nPI5,${MONTH},12\r\n`),
    });
    await page.getByRole('button', { name: 'Upload and check the file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check the figures before you load them' }).waitFor();
    await page.getByRole('button', { name: 'Load these figures' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Confirm that you have checked the figures with warnings',
      'Enter a reason for the change',
    ]);
    expect(await focusedClass()).toBe('error-summary');
    await page.getByRole('checkbox', { name: /I have checked these figures/ }).check();
    await page.getByRole('textbox', { name: 'Reason for the change' }).fill('Two children were recorded late');
    await page.getByRole('button', { name: 'Load these figures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Figures loaded' }).waitFor();

    await page.getByRole('link', { name: 'History of PI5 for March 2024' }).click();
    await page.getByRole('heading', { level: 1, name: 'History of PI5 for March 2024' }).waitFor();
    expect(new URL(page.url()).search).toBe(`?kpi=PI5&month=${MONTH}`);
    const history: ReturnHistoryResponse = await api(
      `/api/returns/history?kpi=PI5&month=${MONTH}`,
      returnHistoryResponseSchema,
    );
    expect(history.revisions.map((r) => [r.new.displayValue, r.reason, r.upload?.fileName])).toEqual([
      ['9', 'replaces illustrative demo data', FILE_NAME],
      ['12', 'Two children were recorded late', 'pi5-correction.csv'],
    ]);
    // The heading is drawn before the history arrives: wait for the table's rows, not the heading.
    const rows = page.getByRole('table', { name: /Every revision of PI5/ }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    const latest = (await rows.nth(2).textContent()) ?? '';
    expect(latest).toContain('Two children were recorded late');
    expect(latest).toContain(`SHA-256 ${history.revisions[1]!.upload!.sha256.slice(0, 12)}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('returns-history');
  });

  it('a backfill of every Contract 2018 figure is summarised by KPI and paged, and a KPI can be shown alone', async () => {
    // Six years of the whole set (15 KPIs × 72 months), a figure in every cell, each plausible for
    // its unit. A template covers at most 36 months: its rows give each KPI's code, title and units.
    const response = await page.request.get(
      `${server.baseUrl}/api/returns/template?kpiSet=CONTRACT-2018&from=2021-04&to=${MONTH}&format=csv`,
    );
    expect(response.status()).toBe(200);
    const [header, ...kpiRows] = (await response.text()).replace(/^\uFEFF/, '').split('\r\n');
    const templateMonths = header!.split(',').length - 3;
    const months = monthRange('2018-04', MONTH);
    const figure = (units: string, m: number) =>
      units.includes('% (0 to 100)')
        ? (70 + (m % 7)).toFixed(1)
        : units.includes('whole number')
          ? String(20 + (m % 5))
          : (18 + (m % 5) / 10).toFixed(units.includes('2 decimal') ? 2 : 1);
    const backfill = [
      ['kpi_code', 'title', 'units', ...months].join(','),
      // each KPI row of the template ends with one empty cell per month
      ...kpiRows
        .filter((line) => line !== '')
        .map((line) => [line.slice(0, -templateMonths), ...months.map((_, m) => figure(line, m))].join(',')),
    ].join('\r\n');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monthly returns' }).click();
    await page.getByLabel('Upload a file').setInputFiles({
      name: 'contract-2018-backfill.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(backfill, 'utf8'),
    });
    await page.getByRole('button', { name: 'Upload and check the file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check the figures before you load them' }).waitFor();
    const id = await uploadIdFromUrl();
    const upload = await api(`/api/returns/uploads/${id}`, returnUploadResponseSchema);
    expect(upload.report.errors).toEqual([]);
    expect(upload.counts.figures).toBe(15 * 72);
    // the changed figures list the values that change; figures confirmed are listed apart
    const changed = upload.preview.changedValues.filter((item) => item.effect === 'value_changed');
    expect(changed.length).toBeGreaterThan(100);

    // the summary: one row per KPI, the counts the server gave, six years each
    const summary = page.getByRole('table', { name: /^Figures in the file by KPI/ });
    expect(await summary.locator('tbody tr').count()).toBe(15);
    const pi5 = (await summary.getByRole('row', { name: /^PI5 / }).locator('td').allTextContents()).slice(1);
    const pi5Counts = (['new', 'changed', 'unchanged'] as const).map((kind) =>
      String(upload.preview[`${kind}Values`].filter((item) => item.kpiCode === 'PI5').length),
    );
    expect(pi5).toEqual([...pi5Counts, 'April 2018', 'March 2024']);

    // the changed figures: the first 100, then the next 100, focus on the line saying which
    const region = page.getByRole('region', { name: `Changed figures (${changed.length})` });
    const showing = region.locator('.paged-status');
    expect(await showing.textContent()).toBe(
      `Showing 1 to 100 of ${changed.length.toLocaleString('en-GB')} changed figures`,
    );
    expect(await region.getByRole('table').locator('tbody tr').count()).toBe(100);
    const pages = page.getByRole('navigation', { name: 'Pages of changed figures' });
    expect(await pages.getByRole('button', { name: 'Page 1', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('returns-backfill-preview');

    await pages.getByRole('button', { name: 'Next page' }).click();
    expect(await showing.textContent()).toBe(
      `Showing 101 to 200 of ${changed.length.toLocaleString('en-GB')} changed figures`,
    );
    expect(await focusedClass()).toBe('paged-status');
    expect(await pages.getByRole('button', { name: 'Page 2', exact: true }).getAttribute('aria-current')).toBe('page');
    const firstRow = region.getByRole('table').locator('tbody tr').first();
    const first = changed[100]!;
    expect(await firstRow.locator('th').textContent()).toContain(`${first.kpiCode} ${formatMonth(first.month)}`);
    // by keyboard: Previous is a button reached and pressed like any other
    await pages.getByRole('button', { name: 'Previous page' }).focus();
    await page.keyboard.press('Enter');
    expect(await showing.textContent()).toBe(
      `Showing 1 to 100 of ${changed.length.toLocaleString('en-GB')} changed figures`,
    );

    // one KPI: its 72 months fit on a page
    await page.getByLabel('Show figures for').selectOption('PI5');
    const pi5Changed = changed.filter((item) => item.kpiCode === 'PI5');
    const pi5Region = page.getByRole('region', { name: `Changed figures for PI5 (${pi5Changed.length})` });
    const rows = pi5Region.getByRole('table').locator('tbody tr th');
    expect(await rows.count()).toBe(pi5Changed.length);
    expect((await rows.allTextContents()).every((text) => text.startsWith('PI5 '))).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Pages of changed figures' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('a viewer has no "Monthly returns", is told they have no access, and the API refuses an upload', async () => {
    const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewer = await viewerContext.newPage();
    const viewerCsp = watchCspViolations(viewer);
    await viewer.goto(`${server.baseUrl}/returns`);
    await viewer.waitForURL(/\/sign-in/);
    await signInOnPage(viewer, 'viewer', PASSWORD);
    expect(new URL(viewer.url()).pathname).toBe('/returns');
    await viewer.getByRole('heading', { level: 1, name: 'You do not have access to this page' }).waitFor();
    expect(await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).not.toContain(
      'Monthly returns',
    );
    expect(await viewer.getByLabel('Upload a file').count()).toBe(0);
    expect(await seriousAccessibilityViolations(viewer)).toEqual([]);

    const refused = await viewer.request.post(`${server.baseUrl}/api/returns/uploads?fileName=sneaky.csv`, {
      headers: { 'content-type': 'text/csv', origin: server.baseUrl },
      data: Buffer.from(fillTemplate(template, FIGURES)),
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).detail).toBe('Your role does not allow this.');
    expect(viewerCsp).toEqual([]);
    await viewerContext.close();
  });

  it('caused no Content-Security-Policy violation on any screen', () => {
    expect(cspViolations).toEqual([]);
  });
});
