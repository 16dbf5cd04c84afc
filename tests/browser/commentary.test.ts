import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MeetingListResponse, meetingListResponseSchema } from '@kpi/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { readDocx, readPdf } from '../support/documentReaders';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/screenshots');
const PASSWORD = 'browser-test-password';
const MONTH = '2023-03';
const KPI = `/indicators/PI4?to=${MONTH}`;
const LONG_LINE = `${'Agency cover continues across the teams '.repeat(60)}END-OF-LONG-LINE`;
const HOSTILE = [
  '=HYPERLINK("http://example.invalid","click")',
  '<script>window.__owned = true</script> <b>not bold</b>',
  '',
  '- +SUM(1,2)',
  '- @cmd',
  '',
  LONG_LINE,
].join('\n');

describe('commentary written, sent back, resubmitted and agreed on screen, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  const csp: string[][] = [];

  /** `reflows: false` for the board pack's print preview: A4 pages drawn at their printed width (print.css). */
  async function shoot(page: Page, name: string, { reflows = true }: { reflows?: boolean } = {}) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(screenshots, `${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: path.join(screenshots, `${name}-375.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (reflows) expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function openKpi(who: string) {
    const page = pages[who]!;
    await page.goto(`${server.baseUrl}${KPI}`);
    await page.getByRole('heading', { name: 'Commentary by month' }).waitFor({ timeout: 30_000 });
    await page.getByText(/Agreed commentary for March 2023/).waitFor();
    return page;
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startServerProcess({ DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
    for (const who of ['analyst', 'commissioner', 'viewer']) {
      const watched = await openWatchedPage(browser);
      pages[who] = watched.page;
      csp.push(watched.cspViolations);
      await watched.page.goto(`${server.baseUrl}/`);
      await watched.page.waitForURL(/\/sign-in/);
      await signInOnPage(watched.page, who, PASSWORD);
    }
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Trust staff write and submit hostile-looking text; a commissioner sends it back with a reason', async () => {
    const analyst = await openKpi('analyst');
    await analyst.getByRole('textbox', { name: 'Write the commentary for March 2023' }).fill('First attempt');
    await analyst.getByRole('button', { name: 'Submit for agreement' }).click();
    await analyst.getByText('Submitted for a commissioner to agree.').waitFor();

    const commissioner = await openKpi('commissioner');
    await commissioner.getByRole('textbox', { name: 'Reason for sending it back' }).fill('Say what happens next');
    await commissioner.getByRole('button', { name: 'Send back' }).click();
    await commissioner.getByText('Sent back to the Trust.').waitFor();
  });

  it('Trust staff see the reason, revise and resubmit; the commissioner agrees', async () => {
    const analyst = await openKpi('analyst');
    await analyst.getByText('Say what happens next').first().waitFor();
    await analyst.getByRole('textbox', { name: 'Write the commentary for March 2023' }).fill(HOSTILE);
    await analyst.getByRole('button', { name: 'Submit for agreement' }).click();
    await analyst.getByText('Submitted for a commissioner to agree.').waitFor();

    const commissioner = await openKpi('commissioner');
    await commissioner.getByRole('button', { name: 'Agree', exact: true }).click();
    await commissioner.getByText('Agreed: everyone now sees it.').waitFor();
    await commissioner.getByText(/Every version for March 2023 \(\d+\)/).click();
    expect(await seriousAccessibilityViolations(commissioner)).toEqual([]);
    await shoot(commissioner, 'commentary-kpi-page-commissioner');
  });

  it('a viewer sees the agreed text as typed, as text: nothing runs, nothing is cut', async () => {
    const viewer = await openKpi('viewer');
    const agreed = viewer.locator('.commentary-agreed').first();
    await agreed.waitFor();
    const text = (await agreed.textContent()) ?? '';
    expect(text).toContain('<script>window.__owned = true</script> <b>not bold</b>');
    expect(text).toContain('=HYPERLINK("http://example.invalid","click")');
    expect(text).toContain('END-OF-LONG-LINE');
    expect(await agreed.locator('script, b').count()).toBe(0);
    expect(await agreed.locator('li').allTextContents()).toEqual(['+SUM(1,2)', '@cmd']);
    expect(await viewer.evaluate(() => (window as { __owned?: boolean }).__owned ?? false)).toBe(false);
    expect(await viewer.getByRole('textbox', { name: /Write the commentary/ }).count()).toBe(0);
    expect(await viewer.getByText(/Every version for/).count()).toBe(0);
    expect(await seriousAccessibilityViolations(viewer)).toEqual([]);
    await shoot(viewer, 'commentary-kpi-page-viewer');
  });

  it('the exception report shows the agreed commentary, or "Commentary missing"', async () => {
    const commissioner = pages.commissioner!;
    const meetings: MeetingListResponse = meetingListResponseSchema.parse(
      await (await commissioner.request.get(`${server.baseUrl}/api/meetings`)).json(),
    );
    const meeting = meetings.meetings.find((m) => m.monthsTo === MONTH) ?? meetings.meetings.at(-1)!;
    await commissioner.goto(`${server.baseUrl}/meetings/${meeting.id}/exceptions`);
    await commissioner.getByRole('heading', { level: 1, name: /Exception report for the meeting/ }).waitFor({
      timeout: 30_000,
    });
    const main = (await commissioner.getByRole('main').textContent()) ?? '';
    // A meeting with no flagged KPI lists none; the demo's March 2023 has red KPIs.
    if (meeting.monthsTo === MONTH) expect(main).toMatch(/Why it is here/);
    if (meeting.monthsTo === MONTH) expect(main).toContain('END-OF-LONG-LINE');
    expect(main).toMatch(/without agreed commentary/);
    expect(await seriousAccessibilityViolations(commissioner)).toEqual([]);
    await shoot(commissioner, 'exception-report');
  });

  it('the board pack (PDF and Word) carries the agreed commentary whole, says where it continues, and runs nothing', async () => {
    const viewer = pages.viewer!;
    await viewer.goto(`${server.baseUrl}/print/board-pack?month=${MONTH}&kpis=PI4`);
    await viewer.locator('[data-print-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await viewer.locator('.pack-kpi__commentary script').count()).toBe(0);
    expect(await viewer.locator('.pack-kpi__continued').textContent()).toMatch(/Continued: the full text is under/);
    expect(await viewer.locator('.pack-appendix').textContent()).toContain('END-OF-LONG-LINE');
    await shoot(viewer, 'board-pack-commentary', { reflows: false });

    for (const format of ['pdf', 'docx'] as const) {
      const response = await viewer.request.post(`${server.baseUrl}/api/exports/board-pack`, {
        data: { month: MONTH, kpiCodes: ['PI4'], format },
        headers: { origin: server.baseUrl },
        timeout: 120_000,
      });
      expect(response.status(), format).toBe(200);
      const bytes = Buffer.from(await response.body());
      const text = format === 'pdf' ? (await readPdf(bytes)).pages.join(' ') : (await readDocx(bytes)).text;
      const squashed = text.replace(/\s+/g, '');
      expect(squashed, format).toContain('<script>window.__owned=true</script>');
      expect(squashed, format).toContain('=HYPERLINK("http://example.invalid","click")');
      expect(squashed, format).toContain('END-OF-LONG-LINE');
      expect(squashed, format).toContain(LONG_LINE.replace(/\s+/g, ''));
    }
  }, 300_000);

  it('caused no Content-Security-Policy violation', () => {
    expect(csp.flat()).toEqual([]);
  });
});
