import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshots = path.join(root, 'tests/artifacts/screenshots');
const ADMIN_PASSWORD = 'a long admin passphrase 2025';
const COMMISSIONER_PASSWORD = 'a long commissioner passphrase 2025';

/** A contract schedule as a council keeps it: one new set, two new KPIs, bands and a grace period. */
const SCHEDULE = [
  'set_code,set_name,set_from,persistent_failure_months,code,title,theme,unit,polarity,precision,measure_type,definition,why_it_matters,target,failure,grace_months',
  'C2024,Contract 2024,2024-04,3,SA45,Single assessments within 45 working days,front_door,percent,higher_is_better,1,flow,Of single assessments completed in the month the % completed within 45 working days,Timely assessment,Target > 85%,Failure < 75%,',
  'C2024,Contract 2024,2024-04,3,LTS,Children in care 2.5 years or more in the same home for 2 years,children_in_care,percent,higher_is_better,1,snapshot,Of children in care for 2.5 years or more the % in the same home for at least 2 years,Stable homes,Target > 70%,Failure < 60%,6',
].join('\r\n');
const RETURN = ['kpi_code,month,value', 'SA45,2024-04,88.2', 'LTS,2024-04,55.0'].join('\r\n');

/**
 * A new council, from an empty production database to a published scorecard, through the screens:
 * set-up, accounts, the contract schedule (proposed by the administrator, approved by a
 * commissioner), the first monthly return and the first meeting, published.
 */
describe('a new council sets up the product from an empty production database, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let cspViolations: string[] = [];

  async function check(name: string) {
    expect(await seriousAccessibilityViolations(page), `${name}: axe`).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, `${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: path.join(screenshots, `${name}-375.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityViolations(page), `${name}: axe at 375 px`).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startServerProcess({ NODE_ENV: 'production' }, (dataDir) => {
      const created = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'server/src/cli/createAdmin.ts', '--username', 'alice', '--name', 'Alice Smith'],
        {
          cwd: root,
          env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, ADMIN_PASSWORD },
          encoding: 'utf8',
        },
      );
      if (created.status !== 0) throw new Error(`create-admin failed: ${created.stderr}${created.stdout}`);
    });
    browser = await launchChromium();
    ({ page, cspViolations } = await openWatchedPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the administrator loads the reference data and chooses the local authority', async () => {
    await page.goto(`${server.baseUrl}/setup`);
    await signInOnPage(page, 'alice', ADMIN_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Set up the organisation' }).waitFor();
    expect(await page.getByText('Load the reference data first').count()).toBe(1);
    await page.getByRole('button', { name: 'Load the reference data' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Loaded \d+ areas/ })
      .waitFor({ timeout: 180_000 });
    await page.getByLabel('Local authority').selectOption('E08000028');
    await page.getByLabel('Organisation name').fill('Sandwell Metropolitan Borough Council');
    await page.getByLabel('Provider under contract (optional)').fill("Sandwell Children's Trust");
    await page.getByRole('button', { name: 'Set up the organisation' }).click();
    const summary = page.locator('dl.summary-list');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('West Midlands');
    expect(await summary.textContent()).toMatch(/Statistical neighbours.*May 2025/);
    await check('setup-organisation');
  });

  it('adds a commissioner, the second person for contract changes', async () => {
    await page.goto(`${server.baseUrl}/users/new`);
    await page.getByLabel('Full name').fill('Carol Jones');
    await page.getByLabel('Username').fill('carol');
    await page.getByRole('radio', { name: /^Commissioner/ }).check();
    await page.getByLabel('Initial password').fill(COMMISSIONER_PASSWORD);
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toMatch(/can now sign in as carol/);
  });

  it('uploads the contract schedule: checked, previewed, confirmed as proposals', async () => {
    await page.goto(`${server.baseUrl}/contract/schedule`);
    await page.getByRole('heading', { level: 1, name: 'Contract schedule file' }).waitFor();
    await page.getByLabel('Schedule file (CSV or Excel)').setInputFiles({
      name: 'contract-2024.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(SCHEDULE),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'What confirming it does' }).waitFor();
    expect(await page.getByText(/Adds 2 KPIs to the library/).count()).toBe(1);
    await check('contract-schedule-preview');
    await page.getByRole('button', { name: 'Confirm the schedule' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toMatch(/3 changes now wait/);

    await page.goto(`${server.baseUrl}/contract`);
    await page.getByRole('heading', { level: 1, name: 'Contract' }).waitFor();
    // The administrator proposed them: only a commissioner may approve.
    await expect.poll(() => page.getByText(/^Waiting$/).count(), { timeout: 60_000 }).toBe(3);
    expect(await page.getByRole('button', { name: 'Approve and apply' }).count()).toBe(0);
    await check('contract-waiting');
    for (const [name, url] of [
      ['contract-library', '/contract/indicators'],
      ['contract-indicator-new', '/contract/indicators/new'],
      ['contract-propose-set', '/contract/sets/new'],
      ['contract-propose-bands', '/contract/bands/new'],
      ['contract-relief', '/contract/relief/new'],
      ['contract-meeting-new', '/contract/meetings/new'],
    ] as const) {
      await page.goto(`${server.baseUrl}${url}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('form, table').first().waitFor();
      await check(name);
    }
  });

  it('the commissioner approves; loads the first return; adds and publishes the first meeting', async () => {
    await page.context().clearCookies();
    await page.goto(`${server.baseUrl}/contract`);
    await signInOnPage(page, 'carol', COMMISSIONER_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Contract' }).waitFor();
    for (let n = 3; n > 0; n--) {
      await expect
        .poll(() => page.getByRole('button', { name: 'Approve and apply' }).count(), { timeout: 60_000 })
        .toBe(n);
      await page.getByRole('button', { name: 'Approve and apply' }).first().click();
    }
    await expect
      .poll(() => page.getByRole('button', { name: 'Approve and apply' }).count(), { timeout: 60_000 })
      .toBe(0);
    await page.getByRole('heading', { name: 'Contract 2024 (C2024)' }).waitFor();
    await check('contract-approved');

    await page.goto(`${server.baseUrl}/returns`);
    await page.getByLabel('Upload a file').setInputFiles({
      name: 'return-april-2024.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(RETURN),
    });
    await page.getByRole('button', { name: 'Upload and check the file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check the figures before you load them' }).waitFor();
    const confirmBox = page.getByRole('checkbox', { name: /I have checked these figures/ });
    if (await confirmBox.count()) await confirmBox.check();
    await page.getByRole('button', { name: 'Load these figures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Figures loaded' }).waitFor();

    await page.goto(`${server.baseUrl}/contract/meetings/new`);
    await page.getByLabel('Committee or board').fill('Children’s Services Scrutiny Board');
    await page.getByLabel('Date of the meeting').fill('2024-06-10');
    await page.getByLabel('First month it receives').fill('2024-04');
    await page.getByLabel('Last month it receives').fill('2024-04');
    await page.getByRole('button', { name: 'Add the meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Board meetings' }).waitFor();
    await page.getByRole('button', { name: /^Publish the meeting/ }).click();
    // LTS is red in April 2024 with no agreed commentary: publishing asks first, and records the choice.
    await page
      .getByText(/commentary/i)
      .first()
      .waitFor();
    await page.getByRole('button', { name: /^Publish anyway/ }).click();
    await expect.poll(() => page.getByRole('table').textContent(), { timeout: 60_000 }).toContain('Locked');
    await check('meetings-published');
  });

  it('the published scorecard rates the new KPIs: LTS red in its grace period, with no consequence', async () => {
    await page.goto(`${server.baseUrl}/scorecard?month=2024-04&view=cards`);
    await page.getByRole('heading', { level: 1, name: 'Scorecard for April 2024' }).waitFor();
    const sa45 = page.getByRole('article', { name: /^SA45 / });
    const lts = page.getByRole('article', { name: /^LTS / });
    expect(await sa45.textContent()).toContain('Green');
    expect(await lts.textContent()).toContain('Red');
    expect(await lts.textContent()).toMatch(/grace/i);
    await check('scorecard-new-council');
    expect(cspViolations).toEqual([]);
  });
});
