import { rmSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage, watchCspViolations } from '../support/browserChecks';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { buildClientForTests } from '../support/documentReaders';
import { shootAtBothWidths } from '../support/screenshots';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const PASSWORD = 'browser-test-password';

describe('the record of changes, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let clientDist: string;

  beforeAll(async () => {
    clientDist = buildClientForTests();
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD, CLIENT_DIST: clientDist });
    const executablePath = findChromium();
    if (!executablePath) throw new Error('Chromium not found');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (clientDist) rmSync(clientDist, { recursive: true, force: true });
  });

  it('an administrator reads who changed what, and is told when the dates are the wrong way round', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cspViolations = watchCspViolations(page);
    await page.goto(`${server.baseUrl}/audit`);
    await signInOnPage(page, 'admin', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Record of changes' }).waitFor();

    // A few changes to read: the viewer's role and pre-release listing, changed and changed back.
    await page.evaluate(async () => {
      const { users } = (await (await fetch('/api/users')).json()) as { users: { id: number; username: string }[] };
      const viewer = users.find((u) => u.username === 'viewer')!;
      const patch = (body: object) =>
        fetch(`/api/users/${viewer.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      await patch({ role: 'analyst' });
      await patch({ preRelease: true });
      await patch({ role: 'viewer', preRelease: false });
    });
    await page.reload();
    const table = page.getByRole('table', { name: /Changes recorded/ });
    await table.waitFor();
    expect(await table.textContent()).toContain("Changed someone's role");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shootAtBothWidths(page, 'record-of-changes');

    await page.getByLabel('Kind of change').selectOption('people');
    await page.getByLabel('From (date)').fill('2025-06-01');
    await page.getByLabel('To (date, included)').fill('2025-01-01');
    await page.getByRole('button', { name: 'Show changes' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/must be the same as or after/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(cspViolations).toEqual([]);
    await page.close();
  });
});
