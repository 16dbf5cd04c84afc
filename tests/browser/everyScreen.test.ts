import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage, watchCspViolations } from '../support/browserChecks';
import { launchChromium } from '../support/browserSession';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const PASSWORD = 'browser-test-password';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Every screen behind sign-in, from the app's one list of pages (`client/src/app/pages.tsx`), so a
 * new page is walked as soon as it exists. Each path here is that list's, its parameters filled from
 * the demo; the first test fails when the list and this walk disagree.
 */
const WALKED: Record<string, (ids: DemoIds) => string> = {
  '/': () => '/',
  '/scorecard': () => '/scorecard',
  '/indicators': () => '/indicators',
  '/indicators/:code': () => '/indicators/PI2',
  '/meetings': () => '/meetings',
  REGION_PATH: () => '/region',
  '/meetings/:id': (ids) => `/meetings/${ids.meeting}`,
  '/meetings/:id/exceptions': (ids) => `/meetings/${ids.meeting}/exceptions`,
  '/returns': () => '/returns',
  '/returns/uploads/:id': (ids) => `/returns/uploads/${ids.upload}`,
  '/returns/history': () => '/returns/history',
  '/benchmarks': () => '/benchmarks',
  '/benchmarks/dfe': () => '/benchmarks/dfe',
  '/benchmarks/populations': () => '/benchmarks/populations',
  '/benchmarks/sn-models': () => '/benchmarks/sn-models',
  '/board-pack': () => '/board-pack',
  '/contract': () => '/contract',
  '/contract/indicators': () => '/contract/indicators',
  '/contract/indicators/new': () => '/contract/indicators/new',
  '/contract/indicators/:code': () => '/contract/indicators/PI2',
  '/contract/sets/new': () => '/contract/sets/new',
  '/contract/bands/new': () => '/contract/bands/new',
  '/contract/relief/new': () => '/contract/relief/new',
  '/contract/meetings/new': () => '/contract/meetings/new',
  '/contract/schedule': () => '/contract/schedule',
  '/setup': () => '/setup',
  '/setup/councils/new': () => '/setup/councils/new',
  '/users': () => '/users',
  '/users/new': () => '/users/new',
  '/users/existing': () => '/users/existing',
  '/users/:id': (ids) => `/users/${ids.user}`,
  '/groups': () => '/groups',
  '/audit': () => '/audit',
  CHANGE_PASSWORD_PATH: () => '/account/password',
};

/** Printed, not read on screen: the board pack's print view is checked in exportsPack and exports. */
const NOT_WALKED = ['/print/board-pack'];

interface DemoIds {
  meeting: number;
  upload: number;
  user: number;
}

/** The app's page list, as written: each `path:` string or named path constant. */
function appPagePaths(): string[] {
  const source = readFileSync(path.join(root, 'client/src/app/pages.tsx'), 'utf8');
  const list = source.slice(source.indexOf('export const APP_PAGES'));
  return [...list.matchAll(/\bpath:\s*(?:'([^']+)'|([A-Z_]+))/g)].map((m) => m[1] ?? m[2] ?? '');
}

/**
 * Waits until the page has its heading and nothing is still loading, then reports what a person
 * would notice: an error screen, the page wider than the screen, a serious axe violation.
 */
async function look(page: Page, width: number) {
  await page.waitForFunction(
    () => document.querySelector('main h1') !== null && document.querySelector('main .loading') === null,
    undefined,
    { timeout: 30_000 },
  );
  return page.evaluate((screenWidth) => {
    const heading = document.querySelector('main h1')?.textContent?.trim() ?? '';
    const alerts = Array.from(document.querySelectorAll('main [role="alert"]'), (a) => a.textContent?.trim() ?? '');
    // Wider than the screen: the page itself scrolls sideways (a table may scroll inside its own box).
    const overflow = document.documentElement.scrollWidth - screenWidth;
    return { heading, title: document.title, alerts, overflow };
  }, width);
}

describe('every screen, in Chromium, at 1280 and 375 px', () => {
  let server: RunningServer;
  let browser: Browser;
  let ids: DemoIds;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
    const context = await browser.newContext();
    const request = context.request;
    const origin = { origin: server.baseUrl };
    expect(
      (
        await request.post(`${server.baseUrl}/api/auth/login`, { data: { username: 'admin', password: PASSWORD } })
      ).ok(),
    ).toBe(true);
    const meetings = (await (await request.get(`${server.baseUrl}/api/meetings`)).json()) as {
      meetings: { id: number }[];
    };
    const users = (await (await request.get(`${server.baseUrl}/api/users`)).json()) as { users: { id: number }[] };
    const template = await request.get(
      `${server.baseUrl}/api/returns/template?kpiSet=CONTRACT-2024&from=2025-07&to=2025-07&format=csv`,
    );
    expect(template.status()).toBe(200);
    // The blank template as it comes: the upload page then lists what the file is missing.
    const upload = await request.post(`${server.baseUrl}/api/returns/uploads?fileName=blank-template.csv`, {
      headers: { 'content-type': 'text/csv', ...origin },
      data: await template.body(),
    });
    expect(upload.status(), await upload.text()).toBeLessThan(300);
    const uploaded = (await upload.json()) as { upload: { id: number } };
    ids = { meeting: meetings.meetings.at(-1)?.id ?? 0, upload: uploaded.upload.id, user: users.users[0]?.id ?? 0 };
    await context.close();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("walks exactly the app's list of pages", () => {
    expect([...Object.keys(WALKED), ...NOT_WALKED].sort()).toEqual(appPagePaths().sort());
  });

  for (const role of ['admin', 'viewer'] as const) {
    it(`as the demo ${role}: every screen has its heading and title, no error, no sideways page, no serious axe violation`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      cspViolations.push(...watchCspViolations(page));
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      await page.goto(`${server.baseUrl}/`);
      await page.waitForURL(/\/sign-in/);
      await signInOnPage(page, role, PASSWORD);
      const problems: string[] = [];
      for (const [pattern, fill] of Object.entries(WALKED)) {
        const address = fill(ids);
        for (const width of [1280, 375]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${server.baseUrl}${address}`);
          const seen = await look(page, width);
          const where = `${address} (${pattern}) at ${width} px as ${role}`;
          if (/not found|went wrong|^error/i.test(seen.heading)) problems.push(`${where}: heading "${seen.heading}"`);
          if (role === 'admin' && /do not have access/.test(seen.heading)) problems.push(`${where}: refused`);
          if (!seen.title.trim()) problems.push(`${where}: no page title`);
          if (seen.overflow > 0) problems.push(`${where}: the page is ${seen.overflow} px wider than the screen`);
          for (const alert of seen.alerts)
            if (/went wrong|support reference/i.test(alert)) problems.push(`${where}: ${alert}`);
          for (const v of await seriousAccessibilityViolations(page))
            problems.push(`${where}: axe ${v.id} ${v.targets[0]}`);
        }
      }
      expect(problems).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    }, 900_000);
  }

  it('caused no Content-Security-Policy violation on any screen', () => {
    expect(cspViolations).toEqual([]);
  });
});
