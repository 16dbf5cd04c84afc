import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page, Route } from 'playwright-core';
import { AppError, ServiceUnavailableError } from '../errors';

/**
 * Opens one of the client's own print routes in the server's Chromium, so a pack's charts are
 * drawn by the same components as the screen. The page never touches the network: every request
 * it makes is answered here, files from the built client and `/api/…` through `app.inject` with
 * the requesting user's session, so the page sees exactly what that user may see.
 */

/** A name that resolves nowhere; nothing leaves the process. */
export const PRINT_ORIGIN = 'http://print.kpi-dashboard.invalid';

/** The print page's width in CSS pixels: A4 landscape less 12 mm margins each side (273 mm). */
export const PRINT_VIEWPORT = { width: 1032, height: 688 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type PrintJob = {
  app: FastifyInstance;
  clientDist: string;
  /** The requesting user's Cookie header (only the session cookie is passed on). */
  cookie: string;
  /** The organisation in view (its area code): the page's API calls ask about it, as the request did. */
  organisation?: string | null;
  remoteAddress: string;
  /** Path and query of the print route. */
  path: string;
  /** Answers for API paths the server has already worked out (the pack's data, with its marking and date). */
  prepared?: Record<string, unknown>;
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
};

async function fulfilStatic(route: Route, clientDist: string, pathname: string) {
  const root = path.resolve(clientDist);
  let file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
  if (!file.startsWith(`${root}${path.sep}`)) file = path.join(root, 'index.html');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) file = path.join(root, 'index.html');
  const body = await readFile(file);
  await route.fulfill({
    status: 200,
    body,
    headers: { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' },
  });
}

async function fulfilApi(route: Route, job: PrintJob, url: URL) {
  const request = route.request();
  const prepared = job.prepared?.[url.pathname];
  if (prepared !== undefined && request.method() === 'GET') {
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(prepared) });
    return;
  }
  const session = /(?:^|;\s*)(kpi_session=[^;]*)/.exec(job.cookie)?.[1];
  const headers: Record<string, string> = { accept: request.headers().accept ?? 'application/json' };
  if (session) headers.cookie = session;
  if (job.organisation) headers['x-organisation'] = job.organisation;
  const contentType = request.headers()['content-type'];
  if (contentType) headers['content-type'] = contentType;
  const response = await job.app.inject({
    method: request.method() as 'GET',
    url: `${url.pathname}${url.search}`,
    headers,
    remoteAddress: job.remoteAddress,
    ...(request.postDataBuffer() ? { payload: request.postDataBuffer()! } : {}),
  });
  const type = response.headers['content-type'];
  await route.fulfill({
    status: response.statusCode,
    body: response.rawPayload,
    headers: typeof type === 'string' ? { 'content-type': type } : {},
  });
}

/** Loads the print route, waits until it says it is ready, runs `work` on the page, and closes it. */
export async function withPrintPage<T>(browser: Browser, job: PrintJob, work: (page: Page) => Promise<T>): Promise<T> {
  const indexFile = path.join(job.clientDist, 'index.html');
  if (!(await stat(indexFile).catch(() => null))) {
    throw new ServiceUnavailableError('The client has not been built on the server, so packs cannot be drawn.');
  }
  const context = await browser.newContext({
    viewport: job.viewport ?? PRINT_VIEWPORT,
    deviceScaleFactor: job.deviceScaleFactor ?? 1,
    serviceWorkers: 'block',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const problems: string[] = [];
  try {
    await context.route('**/*', async (route) => {
      try {
        const url = new URL(route.request().url());
        if (url.origin !== PRINT_ORIGIN) return await route.abort('blockedbyclient');
        if (url.pathname.startsWith('/api/')) return await fulfilApi(route, job, url);
        return await fulfilStatic(route, job.clientDist, url.pathname);
      } catch (error) {
        problems.push(`request failed: ${String(error)}`);
        return route.abort('failed').catch(() => undefined);
      }
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${PRINT_ORIGIN}${job.path}`, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    const state = page.locator('[data-print-state="ready"], [data-print-state="error"]').first();
    await state.waitFor({ state: 'attached', timeout: 45_000 });
    if ((await state.getAttribute('data-print-state')) === 'error') {
      const message = (await state.textContent())?.trim() ?? 'The print page reported a problem.';
      throw new AppError(500, 'Internal Server Error', message);
    }
    return await work(page);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const detail = problems.length > 0 ? ` (${problems.slice(0, 3).join('; ')})` : '';
    throw new Error(`The print page could not be drawn: ${String(error)}${detail}`, { cause: error });
  } finally {
    await context.close().catch(() => undefined);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Chromium's running header and footer for a pack's PDF: marking top and bottom, page numbers, date. */
export function pdfHeaderFooter({
  title,
  marking,
  produced,
}: {
  title: string;
  marking: string | null;
  produced: string;
}): { headerTemplate: string; footerTemplate: string } {
  const row = 'font-family:Arial,Helvetica,sans-serif;font-size:8pt;width:100%;margin:0 12mm;display:flex;gap:8mm;';
  const mark = marking
    ? `<span style="color:#b10e1e;font-weight:bold;">${escapeHtml(marking)}</span>`
    : '<span></span>';
  return {
    headerTemplate: `<div style="${row}justify-content:space-between;color:#0b0c0c;">${mark}<span>${escapeHtml(title)}</span></div>`,
    footerTemplate: `<div style="${row}justify-content:space-between;color:#0b0c0c;"><span>${escapeHtml(produced)}</span>${mark}<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}
