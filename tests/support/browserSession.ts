import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { watchCspViolations } from './browserChecks';
import { CHROMIUM_ARGS, findChromium } from './chromium';

/** Debian's Chromium (or CHROMIUM_PATH), headless; never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: apt-get install -y chromium, or set CHROMIUM_PATH.');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations the page reports; a test expects none. */
  cspViolations: string[];
}

/** A page in a new browser context (its own cookies), 900 px high, watched for CSP violations. */
export async function openWatchedPage(
  browser: Browser,
  options: { width?: number; acceptDownloads?: boolean } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  return { context, page, cspViolations: watchCspViolations(page) };
}
