import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage, watchCspViolations } from '../support/browserChecks';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const here = path.dirname(fileURLToPath(import.meta.url));
const screenshots = path.resolve(here, '../artifacts/screenshots');
const PASSWORD = 'browser-test-password';
const NEW_PASSWORD = 'lantern kettle river road';

/**
 * One browser and a server per describe block. The time-out warning needs a 3-minute idle limit,
 * which puts the warning one minute after the last request; the accounts journey runs on the
 * default limit, so a slow machine (accessibility checks and screenshots send no requests) cannot
 * raise the modal warning in the middle of it.
 */
function withServerAndBrowser(env: Record<string, string>) {
  const running = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    running.server = await startServerProcess({ DEMO_PASSWORD: PASSWORD, ...env });
    const executablePath = findChromium();
    if (!executablePath) throw new Error('Chromium not found');
    running.browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

describe('accounts, in Chromium', () => {
  const running = withServerAndBrowser({});

  it('an administrator adds a user, who signs in and changes their password', async () => {
    const page = await running.browser.newPage();
    const cspViolations = watchCspViolations(page);
    await page.goto(`${running.server.baseUrl}/users`);
    await signInOnPage(page, 'admin', PASSWORD);
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('table').textContent()).toContain('Administrator (demo)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'users-list.png'), fullPage: true });

    await page.getByRole('link', { name: 'Add a user' }).click();
    await page.getByLabel('Full name').fill('Councillor Jones');
    await page.getByLabel('Username').fill('cllr.jones');
    await page.getByLabel('Initial password').fill('password123');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/commonly used/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'users-add-error.png'), fullPage: true });

    await page.getByLabel('Initial password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/can now sign in as cllr.jones/);

    const jones = await running.browser.newPage();
    await jones.goto(`${running.server.baseUrl}/account/password`);
    await signInOnPage(jones, 'cllr.jones', PASSWORD);
    await jones.getByLabel('Current password').fill(PASSWORD);
    await jones.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await jones.getByLabel('Type the new password again').fill(NEW_PASSWORD);
    await jones.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => jones.getByText(/signed out on every other device/).count()).toBe(1);
    // Still signed in on this page, with the rotated session.
    await jones.goto(`${running.server.baseUrl}/`);
    await jones.getByRole('heading', { level: 1 }).waitFor();
    expect(jones.url()).not.toMatch(/sign-in/);
    expect(cspViolations).toEqual([]);
    await jones.close();
    await page.close();
  });
});

describe('the time-out warning, in Chromium', () => {
  const running = withServerAndBrowser({ SESSION_IDLE_MINUTES: '3' });

  it('warns before the idle limit in an accessible dialog, and "Stay signed in" keeps the session', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.server.baseUrl}/scorecard`);
    await signInOnPage(page, 'viewer', PASSWORD);
    const dialog = page.getByRole('alertdialog', { name: 'You will be signed out soon' });
    await dialog.waitFor({ timeout: 75_000 });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stay signed in');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'session-timeout-warning.png') });

    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const status = await page.evaluate(async () => (await fetch('/api/auth/session')).json());
    const minutesLeft = (Date.parse(status.idleExpiresAt) - Date.parse(status.serverTime)) / 60_000;
    expect(minutesLeft).toBeGreaterThan(2.9);
    await page.close();
  });
});
