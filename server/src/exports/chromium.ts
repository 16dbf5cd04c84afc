import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { ServiceUnavailableError } from '../errors';

/** Debian's Chromium (never a downloaded browser), or CHROMIUM_PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string =>
    Boolean(p),
  );
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Headless, no network of its own (every request is answered by the app), fit for a container running as root. */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

/** How many packs render at once; the rest wait their turn. */
const MAX_CONCURRENT = 2;

/**
 * One Chromium per app, launched on first use and closed with the app. Each job gets its own
 * browser context (no shared cookies or storage), and at most two run at a time.
 */
export class PrintBrowser {
  private launching: Promise<Browser> | null = null;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly executablePath: string | null = findChromium()) {}

  private browser(): Promise<Browser> {
    if (this.closed) return Promise.reject(new ServiceUnavailableError('The server is shutting down.'));
    if (!this.executablePath) {
      return Promise.reject(
        new ServiceUnavailableError('Board packs need Chromium on the server (install it, or set CHROMIUM_PATH).'),
      );
    }
    if (!this.launching) {
      const launching = chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS });
      this.launching = launching;
      launching.then(
        (browser) =>
          browser.on('disconnected', () => {
            if (this.launching === launching) this.launching = null;
          }),
        () => {
          if (this.launching === launching) this.launching = null;
        },
      );
    }
    return this.launching;
  }

  private async acquire(): Promise<void> {
    if (this.running < MAX_CONCURRENT) {
      this.running += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  /** Runs a job with the shared browser, one slot of the two. */
  async use<T>(job: (browser: Browser) => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await job(await this.browser());
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const launching = this.launching;
    this.launching = null;
    if (launching) await (await launching.catch(() => null))?.close();
  }
}
