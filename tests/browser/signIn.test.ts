import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, watchCspViolations } from '../support/browserChecks';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const here = path.dirname(fileURLToPath(import.meta.url));
const screenshots = path.resolve(here, '../artifacts/screenshots');
const PASSWORD = 'browser-test-password';

describe('signing in, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    const executablePath = findChromium();
    if (!executablePath) throw new Error('Chromium not found');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the server printed the demo accounts and their password at start', () => {
    expect(server.output()).toContain(`Demo accounts: viewer, commissioner, analyst, admin — password: ${PASSWORD}`);
  });

  for (const width of [1280, 375]) {
    it(`a viewer signs in and sees the home page (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const cspViolations = watchCspViolations(page);
      // Nothing the browser reports as an error on the way in: before signing in, the page itself
      // says nobody is signed in, so no expected 401 ("Failed to load resource") is logged.
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
      });
      await page.goto(server.baseUrl);
      await expect.poll(() => page.url()).toMatch(/\/sign-in/);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(screenshots, `sign-in-${width}.png`), fullPage: true });

      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Enter your username/);

      await page.getByLabel('Username').fill('viewer');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // The sign-in page has its own level-1 heading, so wait for the address and then for
      // the home page's words: the heading is drawn before the council's figures arrive.
      await expect.poll(() => page.url()).not.toMatch(/sign-in/);
      await expect.poll(() => page.getByRole('main').textContent()).toContain('Sandwell');
      await expect.poll(() => page.getByRole('banner').textContent()).toMatch(/viewer|Scrutiny/i);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(screenshots, `home-viewer-${width}.png`), fullPage: true });
      expect(cspViolations).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }

  it('a wrong password shows an error and does not sign in', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel('Username').fill('viewer');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/username or password is not correct/);
    await page.close();
  });
});
