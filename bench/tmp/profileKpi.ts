import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from '../../tests/support/chromium';
import { buildClient, removeClientBuild } from '../benchmarks/client';
import { playwright } from '../lib/deps';
import { signIn, startServer } from '../lib/server';

const built = buildClient();
const dataDir = mkdtempSync(path.join(tmpdir(), 'kpi-prof-'));
const server = await startServer({ DATA_DIR: dataDir, DEMO_PASSWORD: 'bench-password-1', CLIENT_DIST: built.dir }, 300_000);
const browser = await playwright.chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const cookie = await signIn(server.baseUrl, 'viewer', 'bench-password-1');
  for (const target of [process.argv[2] ?? '/indicators/PI2']) {
    for (let round = 0; round < 3; round++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name: 'kpi_session', value: cookie.split('=')[1]!, url: server.baseUrl }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await page.goto(server.baseUrl + target, { waitUntil: 'commit' });
      const found = await page.waitForFunction(
        () => (document.querySelector('figure.figure svg.recharts-surface, tr.compact__row') ? performance.now() : false),
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      const foundMs = await found.jsonValue();
      const { profile } = await cdp.send('Profiler.stop');
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        return { responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, dcl: nav.domContentLoadedEventEnd, fcp };
      });
      // self time by script URL and by top functions
      const byUrl = new Map<string, number>();
      const byFn = new Map<string, number>();
      const dt = new Map<number, number>();
      profile.samples!.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
      for (const node of profile.nodes) {
        const t = (dt.get(node.id) ?? 0) / 1000;
        const url = node.callFrame.url.replace(/^.*\//, '') || `(${node.callFrame.functionName || 'native'})`;
        byUrl.set(url, (byUrl.get(url) ?? 0) + t);
        const fn = `${node.callFrame.functionName || '(anon)'} ${url}:${node.callFrame.lineNumber}`;
        byFn.set(fn, (byFn.get(fn) ?? 0) + t);
      }
      console.log(`round ${round} found ${Math.round(foundMs as number)} ms`, JSON.stringify(timing));
      if (round === 2) {
        console.log([...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([u, t]) => `  ${t.toFixed(0)} ms ${u}`).join('\n'));
        console.log([...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([u, t]) => `  ${t.toFixed(0)} ms ${u}`).join('\n'));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  removeClientBuild(built.dir);
}
