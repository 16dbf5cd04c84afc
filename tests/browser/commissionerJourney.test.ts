import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExcelJS } from '../../server/src/returns/excel';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { shootAtBothWidths } from '../support/screenshots';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

/**
 * A commissioning manager's year, on screen only: a new KPI set for the new contract year with a
 * grace period, an indicator added and edited, its bands, a meeting, the Trust's return as CSV and
 * as Excel (each first with a mistake), every revision of a figure, and publishing the meeting.
 * Each screen is checked with axe at 1280 and 375 px and photographed at both widths.
 */

const PASSWORD = 'journey-test-password';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The month after the demo's last published one (July 2025): the Trust's August return. */
const MONTH = '2025-08';

describe('a commissioning manager’s journey, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let cspViolations: string[] = [];

  /** axe at both widths, screenshots at both, and the page never scrolls sideways at 375 px. */
  async function checkScreen(name: string) {
    expect(await seriousAccessibilityViolations(page), `${name} at 1280 px`).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await seriousAccessibilityViolations(page), `${name} at 375 px`).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shootAtBothWidths(page, `journey-${name}`);
  }

  /** Is the whole element within the 375 px screen's width (not behind a sideways scroll)? */
  async function fitsAt375(selector: ReturnType<Page['locator']>): Promise<boolean> {
    await page.setViewportSize({ width: 375, height: 800 });
    const box = await selector.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right };
    });
    await page.setViewportSize({ width: 1280, height: 900 });
    return box.left >= 0 && box.right <= 375;
  }

  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  const focusedClass = () => page.evaluate(() => document.activeElement?.className ?? '');
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

  async function templateBuffer(format: 'csv' | 'xlsx'): Promise<Buffer> {
    await page.getByLabel('KPI set').selectOption('CONTRACT-2024');
    await page.getByLabel('From').selectOption(MONTH);
    await page.getByLabel('To').selectOption(MONTH);
    await page.getByRole('radio', { name: format === 'csv' ? /^CSV/ : /^Excel/ }).check();
    const link = page.getByRole('link', { name: /^Download the template/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`return-contract-2024-${MONTH}.${format}`);
    const { readFileSync } = await import('node:fs');
    return readFileSync(await download.path());
  }

  async function upload(name: string, mimeType: string, buffer: Buffer, label = 'Upload a file') {
    await page.getByLabel(label).setInputFiles({ name, mimeType, buffer });
    await page.getByRole('button', { name: 'Upload and check the file' }).click();
    await page.waitForURL(/\/returns\/uploads\/\d+$/);
  }

  beforeAll(async () => {
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
    ({ page, cspViolations } = await openWatchedPage(browser, { acceptDownloads: true }));
    await page.goto(`${server.baseUrl}/contract`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'commissioner', PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('proposes a KPI set for the new contract year with a grace period: mistakes marked at their fields', async () => {
    await page.getByRole('heading', { level: 1, name: 'Contract' }).waitFor();
    await page.getByRole('link', { name: 'Propose a KPI set, or a change to one' }).click();
    await page.getByRole('heading', { level: 1, name: 'Propose a KPI set' }).waitFor();
    // the keyboard reaches the form's fields in the order they are read
    await page.getByRole('link', { name: 'Back to the contract' }).focus();
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      order.push(await focusedId());
    }
    expect(order).toEqual(['startFrom', 'code', 'name', 'effectiveFrom', 'effectiveTo', 'persistentFailureMonths']);

    await page.getByLabel('Code').fill('CONTRACT-2026');
    await page.getByLabel('Name', { exact: true }).fill('Contract 2026');
    await page.getByLabel('First month in force').fill('April 2026');
    await page.getByLabel('Carry indicators over from an earlier set (optional)').selectOption('CONTRACT-2024');
    await page.getByRole('checkbox', { name: /^CP-REPEAT-2Y-COUNT:/ }).check();
    await page.getByLabel('CP-REPEAT-2Y-COUNT: months of grace').fill('three');
    await page.getByLabel('Reason').fill('Contract variation 7, agreed by the Trust board on 12 February 2026');
    await page.getByRole('button', { name: 'Propose the set' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await focusedClass()).toBe('error-summary');
    expect(await page.title()).toMatch(/^Error: Propose a KPI set – /);
    const grace = page.getByLabel('CP-REPEAT-2Y-COUNT: months of grace');
    expect(await grace.getAttribute('aria-invalid')).toBe('true');
    const described = await grace.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' '),
    );
    expect(described).toContain('CP-REPEAT-2Y-COUNT: months of grace must be a whole number of months, 1 or more');
    await checkScreen('set-errors');

    await grace.fill('3');
    await page.getByRole('button', { name: 'Propose the set' }).click();
    await page.waitForURL(/\/contract$/);
    const notice = page.locator('.notification');
    expect(await notice.textContent()).toBe(
      'Proposed: New KPI set CONTRACT-2026 (Contract 2026) from 1 April 2026. Contract 2024 (from 1 April 2024) (CONTRACT-2024) will end in March 2026. It applies when a second person approves it.',
    );
    await expect.poll(focusedClass).toBe('notification');
  });

  it('adds an indicator to the library, then edits its title', async () => {
    await page.getByRole('link', { name: 'add an indicator' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an indicator' }).waitFor();
    await page.getByLabel('Code').fill('PI 16');
    await page.getByLabel('Title', { exact: true }).fill('Care leavers in suitable accommodation');
    await page.getByRole('button', { name: 'Add indicator' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      'Code: use letters, digits, dot, dash or underscore (up to 32), e.g. PI16',
      'Enter the definition',
      'Enter why it matters',
    ]);
    await checkScreen('indicator-errors');
    await page.getByLabel('Code').fill('PI16');
    await page.getByLabel('Definition').fill('The percentage of care leavers aged 19 to 21 in suitable accommodation.');
    await page.getByLabel('Why it matters').fill('A safe home is the base for work and study.');
    await page.getByRole('button', { name: 'Add indicator' }).click();
    await page.waitForURL(/\/contract\/indicators$/);
    expect(await page.locator('.notification').textContent()).toBe('PI16 is saved.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('notification');
    // at 375 px the library's rows stack: the last column is on the screen, not behind a sideways scroll
    const pi16 = page.getByRole('row', { name: /^PI16\W*edit/ });
    expect(await fitsAt375(pi16.locator('td[data-label="Has figures or bands"]'))).toBe(true);
    await checkScreen('library');
    // said once: a reload does not say again that PI16 was just saved
    await page.reload();
    await pi16.waitFor();
    expect(await page.locator('.notification').count()).toBe(0);
    await page.getByRole('link', { name: /^PI16\W*edit$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit PI16' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Care leavers aged 19 to 21 in suitable accommodation');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/contract\/indicators$/);
    await page
      .getByRole('row', { name: /^PI16\W*edit Care leavers aged 19 to 21 in suitable accommodation/ })
      .waitFor();
  });

  it('proposes Target and Failure bands, read back with the tolerance between them', async () => {
    await page.goto(`${server.baseUrl}/contract/bands/new`);
    await page.getByRole('heading', { level: 1, name: 'Propose new bands' }).waitFor();
    await page.getByLabel('KPI', { exact: true }).selectOption('CP-REPEAT-2Y-COUNT');
    await page.getByLabel('First month these bands rate').fill('Apr-26');
    await page.getByLabel('Target, as the contract words it').fill('Target < 40');
    await page.getByLabel('Failure, as the contract words it').fill('Failure > 35');
    await page.getByLabel('KPI set these bands belong to (optional)').selectOption('CONTRACT-2024');
    await page.getByLabel('Reason').fill('Contract variation 7, schedule 2');
    await page.getByRole('button', { name: 'Propose the bands' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    expect(await page.getByLabel('Failure, as the contract words it').getAttribute('aria-invalid')).toBe('true');
    expect(await page.title()).toMatch(/^Error: Propose new bands – /);
    await checkScreen('bands-errors');
    await page.getByLabel('Failure, as the contract words it').fill('Failure > 55');
    expect(await page.locator('.band-preview').textContent()).toBe(
      'Read as: Green: less than 40; red: more than 55; amber: anything in between (compared as shown, to the nearest whole number).',
    );
    await page.getByRole('button', { name: 'Propose the bands' }).click();
    await page.waitForURL(/\/contract$/);
    expect(await page.locator('.notification').textContent()).toContain(
      'Proposed: Bands for CP-REPEAT-2Y-COUNT from 1 April 2026: Target < 40; Failure > 55.',
    );
  });

  it('an administrator approves both; the new set shows its grace period', async () => {
    const admin = await openWatchedPage(browser);
    await admin.page.goto(`${server.baseUrl}/contract`);
    await admin.page.waitForURL(/\/sign-in/);
    await signInOnPage(admin.page, 'admin', PASSWORD);
    for (let i = 0; i < 2; i++) {
      await admin.page.getByRole('button', { name: 'Approve and apply' }).first().click();
      await admin.page.locator('.notification', { hasText: 'Approved and applied:' }).nth(0).waitFor();
      await expect.poll(() => admin.page.evaluate(() => document.activeElement?.className)).toBe('notification');
      await expect.poll(() => admin.page.getByRole('button', { name: 'Approve and apply' }).count()).toBe(1 - i);
    }
    // said once: reloading the contract page does not say again that a change was just approved
    await admin.page.reload();
    await admin.page.getByRole('heading', { level: 1, name: 'Contract' }).waitFor();
    await admin.page.getByRole('heading', { level: 2, name: 'KPI sets' }).waitFor();
    expect(await admin.page.locator('.notification').count()).toBe(0);
    expect(admin.cspViolations).toEqual([]);
    await admin.context.close();

    await page.reload();
    const set = page.getByRole('region', { name: 'Contract 2026: KPIs' });
    expect(await set.getByRole('row', { name: /CP-REPEAT-2Y-COUNT/ }).textContent()).toContain(
      'April 2026 to June 2026',
    );
    // at 375 px the set's rows stack: its grace period is on the screen, not behind a sideways scroll
    const grace = set.getByRole('row', { name: /CP-REPEAT-2Y-COUNT/ }).locator('td[data-label="Grace period"]');
    expect(await fitsAt375(grace)).toBe(true);
    await checkScreen('contract');
  });

  it('adds a meeting for the August return; a mistyped date is marked at its field', async () => {
    await page.getByRole('link', { name: 'Add a meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a meeting' }).waitFor();
    await page.getByLabel('Committee or board').fill("Children's Services and Education Scrutiny Board");
    await page.getByLabel('Date of the meeting').fill('13/10/2025');
    await page.getByLabel('First month it receives').fill('Aug 2025');
    await page.getByLabel('Last month it receives').fill('August 2025');
    await page.getByRole('button', { name: 'Add the meeting' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    expect(await page.getByLabel('Date of the meeting').getAttribute('aria-invalid')).toBe('true');
    expect(await page.title()).toMatch(/^Error: Add a meeting – /);
    await page.getByLabel('Date of the meeting').fill('2025-10-13');
    await page.getByRole('button', { name: 'Add the meeting' }).click();
    await page.waitForURL(/\/meetings$/);
    await page.getByRole('row', { name: /^Briefing for 13 October 2025 .* August 2025 Draft/ }).waitFor();
    // the form's success is said, in a notice that takes the focus
    const notice = page.getByRole('status').filter({ hasText: 'Added the' });
    expect(await notice.textContent()).toBe(
      "Added the Children's Services and Education Scrutiny Board meeting of 13 October 2025, receiving August 2025. Its figures stay pre-release until it is published.",
    );
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('notification');
    await checkScreen('meeting-added');
  });

  it('uploads the August return as CSV with a mistake, corrects it and loads it', async () => {
    await nav('Monthly returns');
    await page.getByRole('heading', { level: 1, name: 'Monthly returns' }).waitFor();
    const csv = (await templateBuffer('csv')).toString('utf8');
    const fill = (values: Record<string, string>) =>
      csv
        .split('\r\n')
        .map((line) => {
          const code = line.replace(/^\uFEFF/, '').split(',')[0] ?? '';
          return values[code] !== undefined && line.endsWith(',') ? `${line}${values[code]}` : line;
        })
        .join('\r\n');
    const figures = { PI2: '45.2', PI3: '86.0', PI4: '88.4', 'LTPS-2Y': '61.5', 'RE-REFERRALS': '17.2' };
    await upload('august-2025.csv', 'text/csv', Buffer.from(fill({ ...figures, PI4: '88..4' })));
    await page.getByRole('heading', { level: 1, name: 'Correct the problems in the file' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('"88..4" is not a figure we can read.');
    expect(await focusedClass()).toBe('error-summary');
    await checkScreen('csv-errors');
    // a reload keeps the upload and its problems
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Correct the problems in the file' }).waitFor();

    await upload('august-2025.csv', 'text/csv', Buffer.from(fill(figures)), 'Upload the corrected file');
    await page.getByRole('heading', { level: 1, name: 'Check the figures before you load them' }).waitFor();
    await checkScreen('csv-preview');
    const confirm = page.getByRole('checkbox', { name: /I have checked these figures/ });
    if (await confirm.count()) await confirm.check();
    await page.getByRole('button', { name: 'Load these figures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Figures loaded' }).waitFor();
    expect(await page.locator('.panel__body').textContent()).toMatch(/^5 new, 0 changed/);
  });

  it('corrects two figures with an Excel file: first with a mistake, then loaded with a reason', async () => {
    await page.getByRole('link', { name: 'Upload another return' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monthly returns' }).waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await templateBuffer('xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Return')!;
    const setFigure = (code: string, value: string | number) =>
      sheet.eachRow((row) => {
        if (row.getCell(1).value === code) row.getCell(4).value = value;
      });
    setFigure('PI4', 86.9);
    setFigure('PI3', 'n/a?');
    const bytes = async () => Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    await upload('august-2025-corrections.xlsx', XLSX, await bytes());
    await page.getByRole('heading', { level: 1, name: 'Correct the problems in the file' }).waitFor();
    expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      expect.stringMatching(/^Cell D3: "n\/a\?" is not a figure we can read\./),
    ]);
    setFigure('PI3', 84.5);
    await upload('august-2025-corrections.xlsx', XLSX, await bytes(), 'Upload the corrected file');
    await page.getByRole('heading', { level: 1, name: 'Check the figures before you load them' }).waitFor();
    await page.getByRole('button', { name: 'Load these figures' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toContain('Enter a reason for the change');
    const reason = page.getByRole('textbox', { name: 'Reason for the change' });
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    const confirm = page.getByRole('checkbox', { name: /I have checked these figures/ });
    if (await confirm.count()) await confirm.check();
    await reason.fill('The Trust found two assessments recorded late');
    await page.getByRole('button', { name: 'Load these figures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Figures loaded' }).waitFor();
    expect(await page.locator('.panel__body').textContent()).toMatch(/^0 new, 2 changed/);
    await checkScreen('xlsx-loaded');
  });

  it('sees every revision of PI4 for August 2025, kept by the address through a reload', async () => {
    await page.getByRole('link', { name: 'History of PI4 for August 2025' }).click();
    await page.getByRole('heading', { level: 1, name: 'History of PI4 for August 2025' }).waitFor();
    expect(new URL(page.url()).search).toBe(`?kpi=PI4&month=${MONTH}`);
    const rows = page.getByRole('table', { name: /Every revision of PI4/ }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/No data.*88\.4%.*august-2025\.csv/);
    expect(await rows.nth(1).textContent()).toMatch(
      /88\.4%.*86\.9%.*The Trust found two assessments recorded late.*august-2025-corrections\.xlsx/,
    );
    // at 375 px the figure each revision set is on the screen, not behind a sideways scroll
    expect(await fitsAt375(rows.nth(1).locator('td[data-label="Set to"] strong'))).toBe(true);
    await checkScreen('history');
    await page.reload();
    await expect.poll(() => rows.count()).toBe(2);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Figures loaded' }).waitFor();
  });

  it('a refused figure lookup puts its error summary at the top of the page, before the heading', async () => {
    await page.goto(`${server.baseUrl}/returns/history`);
    await page.getByRole('heading', { level: 1, name: 'History of a figure' }).waitFor();
    await page.getByRole('button', { name: 'Show the history' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await focusedClass()).toBe('error-summary');
    const summaryFirst = await page.evaluate(() => {
      const summary = document.querySelector('.error-summary');
      const heading = document.querySelector('main h1');
      return Boolean(summary && heading && summary.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(summaryFirst).toBe(true);
    await checkScreen('history-lookup-errors');
  });

  it('says how long PI4 has held its rating once, with the months it spans', async () => {
    await page.goto(`${server.baseUrl}/indicators/PI4`);
    const streak = page.locator('.latest-figure__streak');
    await streak.waitFor();
    expect(await streak.textContent()).toMatch(/reported months? \(/);
    expect(await streak.textContent()).not.toMatch(/(Green|Amber|Red) for \d+ months?/);
    await checkScreen('kpi-page');
  });

  it('publishes the meeting, confirming the missing commentary; the date it was published is shown', async () => {
    await nav('Meetings');
    const row = page.getByRole('row', { name: /^Briefing for 13 October 2025/ });
    await row.getByRole('button', { name: 'Publish the meeting of 13 October 2025' }).click();
    // KPIs in the exception report have no agreed commentary: publishing asks to confirm, and says where to look
    const warning = row.getByRole('alert');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('no agreed commentary');
    const anyway = row.getByRole('button', { name: /^Publish anyway/ });
    // the warning and its button are on a 375 px screen, not cut off at its edge
    expect(await fitsAt375(anyway)).toBe(true);
    expect(await fitsAt375(warning)).toBe(true);
    await checkScreen('meetings-publish-anyway');
    await anyway.click();
    await row.getByText(/^Locked/).waitFor();
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    // the date is said to be the day it was published
    expect(await row.locator('td[data-label="Status"]').textContent()).toBe(`Locked: published ${today}`);
    await checkScreen('meetings');
  });

  it('caused no Content-Security-Policy violation on any screen', () => {
    expect(cspViolations).toEqual([]);
  });
});
