import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ScorecardResponse,
  type SeriesResponse,
  scorecardResponseSchema,
  seriesResponseSchema,
} from '@kpi/shared';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, signInOnPage } from '../support/browserChecks';
import { launchChromium, openWatchedPage } from '../support/browserSession';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/screenshots');
const PASSWORD = 'browser-test-password';
// March 2023 in the demo: PI4 and PI7 are red, PI4 in persistent failure.
const MONTH = '2023-03';

const APP_CHUNK = /\/assets\/startApp-[^/]+\.js$/;

/**
 * Holds the app's chunk back until the returned function is called (which lets it through and
 * waits for it): what is on screen meanwhile is the server's view and the page's own rules.
 */
async function holdAppChunk(page: Page): Promise<() => Promise<void>> {
  let release!: () => void;
  const appHeld = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held: Promise<void>[] = [];
  const hold = (route: Route) => {
    const continued = appHeld.then(() => route.continue());
    held.push(continued);
    return continued;
  };
  await page.route(APP_CHUNK, hold);
  return async () => {
    release();
    await Promise.all(held);
    await page.unroute(APP_CHUNK, hold);
  };
}

describe('a councillor prepares for the meeting, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let scorecard: ScorecardResponse;
  let cspViolations: string[] = [];

  async function shoot(name: string) {
    await page.screenshot({ path: path.join(screenshots, `${name}-1280.png`), fullPage: true });
    await page.screenshot({ path: path.join(screenshots, `${name}-1280-top.png`) });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: path.join(screenshots, `${name}-375.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** The month's select shows its chosen option whole ("March 2023 — Contract 2018 (PI1–PI15)"), clear of its arrow. */
  async function expectMonthShownInFull() {
    const room = await page.locator('#scorecard-month').evaluate((select: HTMLSelectElement) => {
      const style = getComputedStyle(select);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const text = context.measureText(select.selectedOptions[0]!.text).width;
      // The arrow takes about 20 px inside the padding box.
      return select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20 - text;
    });
    expect(room, 'the chosen month is shown whole').toBeGreaterThanOrEqual(0);
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

  it('signs in from a link to the scorecard and lands on that scorecard', async () => {
    await page.goto(`${server.baseUrl}/scorecard?month=${MONTH}`);
    await page.waitForURL(/\/sign-in/);
    await signInOnPage(page, 'viewer', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Scorecard for March 2023' }).waitFor();
    const response = await page.request.get(`${server.baseUrl}/api/scorecard?month=${MONTH}`);
    scorecard = scorecardResponseSchema.parse(await response.json());
  });

  it('shows the 15 KPIs of the month as a compact table within one 1280 × 900 screen below the header', async () => {
    expect(scorecard.items).toHaveLength(15);
    const rows = page.locator('tr[data-kpi]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(15);
    const { headerBottom, lastRowBottom, overflow } = await page.evaluate(() => {
      const bottoms = Array.from(document.querySelectorAll('tr[data-kpi]')).map(
        (row) => row.getBoundingClientRect().bottom,
      );
      return {
        headerBottom: document.querySelector('header')!.getBoundingClientRect().bottom + window.scrollY,
        lastRowBottom: Math.max(...bottoms) + window.scrollY,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    console.log(`compact scorecard: last KPI row ${Math.round(lastRowBottom - headerBottom)} px below the header`);
    expect(lastRowBottom - headerBottom, 'the last KPI row ends within 900 px of the header').toBeLessThanOrEqual(900);
    expect(overflow, 'no sideways scrolling at 1280 px').toBeLessThanOrEqual(0);
    for (const item of scorecard.items) {
      const text = (await page.locator(`tr[data-kpi="${item.code}"]`).textContent()) ?? '';
      expect(text, item.code).toContain(item.current.displayValue);
      expect(text.toLowerCase(), item.code).toContain(
        { green: 'green', amber: 'amber', red: 'red', no_data: 'no data' }[item.current.status],
      );
    }
    // Heading, notices and table start at one edge; the table ends within the page.
    const edges = await page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      return {
        heading: Math.round(box('h1').left),
        notice: Math.round(box('.illustrative-note').left),
        table: Math.round(box('.compact-scorecard').left),
        tableRight: box('.compact-scorecard').right,
        containerRight: box('.scorecard--compact').right,
      };
    });
    expect(edges.heading).toBe(edges.table);
    expect(edges.notice).toBe(edges.table);
    expect(edges.tableRight).toBeLessThanOrEqual(edges.containerRight);
    await expectMonthShownInFull();
    // The comparator cell says which council figure its verdict used (PI4's DfE figure, not the month's 67.9%).
    const pi4 = scorecard.items.find((item) => item.code === 'PI4')!;
    const dfe = pi4.comparators.find((c) => c.line === 'england')!;
    expect(dfe.comparison?.basis).toBe('dfe_official');
    expect(await page.locator('tr[data-kpi="PI4"] .compact__comparator').last().textContent()).toContain(
      `DfE ${dfe.timePeriod}: ${dfe.comparison!.councilDisplayValue}`,
    );
    // WCAG 1.4.13: a hovered tip shows, Escape hides it and the pointer stays put.
    const tip = page.locator('tr[data-kpi="PI4"] .compact__direction .judgement-tip');
    const tipText = tip.locator('.judgement-tip__text');
    // Polled: on a loaded machine the tip may show a frame or two after the pointer arrives.
    const tipWidth = async () => (await tipText.boundingBox())?.width ?? 0;
    await tip.hover();
    await expect.poll(tipWidth).toBeGreaterThan(20);
    await page.keyboard.press('Escape');
    await expect.poll(tipWidth).toBeLessThanOrEqual(1);
    await page.mouse.move(5, 5);
    // The keyboard passes from one KPI's link to the next: one tab stop a row, not five.
    await page.locator('tr[data-kpi="PI1"] .compact__link').focus();
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-kpi'));
    await page.keyboard.press('Tab');
    expect(await focusedRow()).toBe('PI4');
    await page.keyboard.press('Tab');
    expect(await focusedRow()).toBe('PI5');
    // ...and shows every cell's detail in words with one checkbox, within the page's width.
    // A controlled checkbox, set from the address once it changes: click, then wait for the address.
    await page.getByRole('checkbox', { name: 'Show the details in words' }).click();
    await page.waitForURL(/details=words/);
    const shownText = tip.locator('.judgement-tip__text');
    await expect.poll(async () => (await shownText.boundingBox())?.width ?? 0).toBeGreaterThan(20);
    expect(await shownText.textContent()).toMatch(/was .* in /);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shoot('scorecard-compact-details');
    await page.getByRole('checkbox', { name: 'Show the details in words' }).click();
    await page.waitForURL((url) => !url.searchParams.has('details'));
    await page.locator('h1').click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('scorecard-compact');
    // At 375 px each KPI is a list item whose first line holds its rating and direction of travel.
    await page.setViewportSize({ width: 375, height: 800 });
    const firstLine = await page.evaluate(() => {
      const row = document.querySelector('tr[data-kpi="PI4"]')!;
      const top = (selector: string) => Math.round(row.querySelector(selector)!.getBoundingClientRect().top);
      return { rating: top('.compact__rating'), direction: top('.compact__direction'), kpi: top('.compact__kpi') };
    });
    expect(firstLine.rating).toBe(firstLine.direction);
    expect(firstLine.kpi).toBeGreaterThan(firstLine.rating);
    // The header and the navigation leave most of a phone's screen to the page (they took 345 px
    // of 800 before the page's content began), and every link in them is still a comfortable target.
    const chrome = await page.evaluate(() => ({
      mainTop: Math.round(document.querySelector('main')!.getBoundingClientRect().top),
      smallestTarget: Math.min(
        ...Array.from(document.querySelectorAll('.header button, .nav a')).map((element) =>
          Math.round(element.getBoundingClientRect().height),
        ),
      ),
    }));
    expect(chrome.mainTop, 'the page begins within the top 240 px at 375 px').toBeLessThanOrEqual(240);
    expect(
      chrome.smallestTarget,
      'the navigation links and the sign-out button are at least 24 px tall',
    ).toBeGreaterThanOrEqual(24);
    await expectMonthShownInFull();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    // Printed: one A4 landscape page (277 mm, 1047 px, inside its margins), every column on it, the
    // titles whole, and the council's name with the month.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1047, height: 718 });
    await page.screenshot({ path: path.join(screenshots, 'scorecard-compact-print.png'), fullPage: true });
    const printed = await page.evaluate(() => ({
      tableRight: document.querySelector('.compact-scorecard')!.getBoundingClientRect().right,
      truncated: Array.from(document.querySelectorAll('.compact__title'))
        .filter((title) => title.scrollWidth > title.clientWidth + 1)
        .map((title) => title.textContent),
      organisation: (() => {
        const element = document.querySelector<HTMLElement>('.header__organisation');
        return element && element.offsetWidth > 0 ? element.textContent : null;
      })(),
      heading: document.querySelector('h1')!.textContent,
    }));
    expect(printed.tableRight).toBeLessThanOrEqual(1047);
    expect(printed.truncated).toEqual([]);
    expect(printed.organisation).toBe('Sandwell Metropolitan Borough Council');
    expect(printed.heading).toBe('Scorecard for March 2023');
    await page.setViewportSize({ width: 1280, height: 900 });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('on a reload, the scorecard is drawn by the server and styled before the app has loaded', async () => {
    // Hold the app's chunk back: what is on screen meanwhile is the server's view and the page's own rules.
    const releaseApp = await holdAppChunk(page);
    try {
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('tr[data-kpi]').first().waitFor();
      const drawn = await page.evaluate(() => ({
        rows: document.querySelectorAll('tr[data-kpi]').length,
        headerBackground: getComputedStyle(document.querySelector('header')!).backgroundColor,
        lastRowBottom: Math.max(
          ...Array.from(document.querySelectorAll('tr[data-kpi]')).map((row) => row.getBoundingClientRect().bottom),
        ),
      }));
      expect(drawn.rows).toBe(15);
      expect(drawn.headerBackground, 'the header has its colour: the rules applied').not.toBe('rgba(0, 0, 0, 0)');
      expect(drawn.lastRowBottom, 'laid out as the compact table, not unstyled').toBeLessThanOrEqual(1100);
    } finally {
      await releaseApp();
    }
    // The app then takes over the same view (the next tests use it).
    await page.waitForLoadState('networkidle');
    expect(await page.locator('tr[data-kpi]').count()).toBe(15);
  });

  it('shows every KPI as a card in the detail view, with the same value and status as the API', async () => {
    await page.getByRole('button', { name: 'Detail' }).click();
    await page.waitForURL(/view=cards/);
    for (const item of scorecard.items) {
      const card = page.getByRole('article', { name: new RegExp(`^${item.code} `) });
      const text = await card.textContent();
      expect(text, item.code).toContain(item.current.displayValue);
      expect(text?.toLowerCase(), item.code).toContain(
        { green: 'green', amber: 'amber', red: 'red', no_data: 'no data' }[item.current.status],
      );
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('scorecard');
  });

  it('filters to the red KPIs, and the filter is in the address', async () => {
    const reds = scorecard.items.filter((i) => i.current.status === 'red');
    expect(reds.map((i) => i.code)).toEqual(['PI4', 'PI7']);
    await page.getByRole('radio', { name: /^Red only/ }).click();
    await page.waitForURL(/status=red/);
    const shown = await page
      .getByRole('article')
      .evaluateAll((articles) => articles.map((a) => a.querySelector('.kpi-card__code')?.textContent));
    expect(shown).toEqual(['PI4', 'PI7']);
    const pi4 = await page.getByRole('article', { name: /^PI4 / }).textContent();
    expect(pi4).toMatch(/Persistent failure/i);
    expect(pi4).toMatch(/Red for \d+ months/i);
  });

  it('opens a red KPI: chart, bands, comparators and a text summary', async () => {
    await page.getByRole('article', { name: /^PI4 / }).getByRole('link').first().click();
    await page.waitForURL(/\/indicators\/PI4/);
    // The KPI page is loaded on demand: wait for it, not for the scorecard still on screen.
    await expect.poll(() => page.title(), { timeout: 15_000 }).toContain('PI4');
    expect(await page.getByRole('main').textContent()).toContain('PI4');
    const figure = page.getByRole('figure').first(); // the trend chart; the SPC chart follows
    await figure.waitFor();
    expect(await figure.locator('figcaption').textContent()).toBeTruthy();
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThan(0);
    await figure.screenshot({ path: path.join(screenshots, 'indicator-PI4-chart-1280.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('indicator-PI4');
  });

  it('switches to the table, whose numbers equal the API series', async () => {
    await page.getByRole('button', { name: 'Table' }).click();
    await page.waitForURL(/display=table/);
    const url = new URL(page.url());
    const apiUrl = `${server.baseUrl}/api/indicators/PI4/series?${new URLSearchParams({
      ...(url.searchParams.get('from') ? { from: url.searchParams.get('from')! } : {}),
      ...(url.searchParams.get('to') ? { to: url.searchParams.get('to')! } : {}),
      view: url.searchParams.get('view') ?? 'monthly',
    })}`;
    const series: SeriesResponse = seriesResponseSchema.parse(await (await page.request.get(apiUrl)).json());
    // the figure's table, not the bands table further down (which may be drawn first)
    const table = page.getByRole('figure').first().getByRole('table');
    await table.waitFor();
    const tableText = (await table.textContent()) ?? '';
    for (const point of series.points) expect(tableText, point.month).toContain(point.displayValue);
    await shoot('indicator-PI4-table');
  });

  it('a colleague opening the shared link sees the same view', async () => {
    const shared = page.url();
    const colleague = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await colleague.newPage();
    await other.goto(shared);
    await other.waitForURL(/\/sign-in/);
    await signInOnPage(other, 'commissioner', PASSWORD);
    expect(other.url()).toBe(shared);
    await other.getByRole('table').first().waitFor();
    expect(await other.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true');
    expect(await other.getByRole('heading', { level: 1 }).textContent()).toBe(
      await page.getByRole('heading', { level: 1 }).textContent(),
    );
    await colleague.close();
  });

  it("on a reload, a KPI page's chart is drawn by the server, then recharts takes its place where it lay", async () => {
    // the council's markers, centre by centre, in the plain chart or in recharts' (its last line's dots)
    const councilMarkers = (drawing: 'plain' | 'recharts') =>
      page.evaluate((kind) => {
        // the trend chart is the page's first figure; the SPC chart follows
        const chart = document.querySelector(
          kind === 'plain' ? 'figure svg.chart__static' : 'figure svg.recharts-surface',
        );
        const lines = chart?.querySelectorAll(kind === 'plain' ? '.chart__line--council' : '.recharts-line-dots') ?? [];
        const council = lines[lines.length - 1];
        return Array.from(council?.querySelectorAll('circle') ?? []).map((marker) => {
          const box = marker.getBoundingClientRect();
          // in the page's coordinates: taking the figure's screenshot scrolls it into view
          return [
            Math.round(box.x + window.scrollX + box.width / 2),
            Math.round(box.y + window.scrollY + box.height / 2),
          ];
        });
      }, drawing);
    const releaseApp = await holdAppChunk(page);
    let plain: number[][];
    try {
      await page.goto(`${server.baseUrl}/indicators/PI4?to=${MONTH}`, { waitUntil: 'domcontentloaded' });
      const chart = page.locator('figure svg.chart__static');
      await chart.waitFor();
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.locator('title').textContent()).toMatch(/^PI4, monthly figures, .+ to March 2023$/);
      expect(await page.locator('.recharts-surface').count(), 'no app yet').toBe(0);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(600);
      expect(box?.height).toBe(380);
      plain = await councilMarkers('plain');
      expect(plain.length).toBeGreaterThan(5);
      await page
        .locator('figure')
        .first()
        .screenshot({ path: path.join(screenshots, 'indicator-PI4-server-chart.png') });
    } finally {
      await releaseApp();
    }
    // The app starts, recharts draws, and the plain chart goes in the same frame.
    await page.locator('figure svg.recharts-surface').first().waitFor();
    expect(await page.locator('svg.chart__static').count()).toBe(0);
    const drawn = await councilMarkers('recharts');
    expect(drawn).toHaveLength(plain.length);
    drawn.forEach(([x, y], index) => {
      expect(Math.abs(x! - plain[index]![0]!), `marker ${index} across`).toBeLessThanOrEqual(2);
      expect(Math.abs(y! - plain[index]![1]!), `marker ${index} up`).toBeLessThanOrEqual(2);
    });
  });

  it('reads the briefing for a meeting', async () => {
    await page.goto(`${server.baseUrl}/meetings`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page
      .getByRole('link', { name: /23 August 2021/ })
      .first()
      .click();
    await page.waitForURL(/\/meetings\/\d+/);
    await page
      .getByRole('main')
      .getByText(/March 2021/)
      .first()
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shoot('briefing');
  });

  it('caused no Content-Security-Policy violation on any screen', () => {
    expect(cspViolations).toEqual([]);
  });
});
