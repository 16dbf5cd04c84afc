import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadClientPage, sendClientPage } from './clientPage';

/**
 * The signed-in page is streamed (issue 17): its head, with the app's scripts and stylesheets,
 * reaches the browser while the server is still answering the page's first reads, so those
 * downloads are not queued behind the server's work. Here the session read is held open until the
 * test has seen the head arrive, then let go: the rest of the page follows, with the answer.
 */
const INDEX =
  '<!doctype html><html><head><title>KPI</title><script type="module" crossorigin src="/assets/entry.js"></script></head><body><div id="root"><noscript>Needs JavaScript</noscript></div></body></html>';

/** The folders made by `clientDist`, removed after each test. */
const madeFolders: string[] = [];

function clientDist(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'kpi-stream-'));
  madeFolders.push(folder);
  const dist = path.join(folder, 'dist');
  mkdirSync(path.join(dist, '.vite'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(
    path.join(dist, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/entry.js', isEntry: true, dynamicImports: ['src/app/startApp.tsx'] },
      'src/app/startApp.tsx': { file: 'assets/startApp.js', imports: ['_react.js'], css: ['assets/startApp.css'] },
      '_react.js': { file: 'assets/react.js' },
    }),
  );
  return dist;
}

/** GETs `url` and resolves with the first chunk as soon as it arrives, and a promise of the whole body. */
function get(port: number, url: string, encoding?: string) {
  return new Promise<{ headers: Record<string, unknown>; first: Buffer; whole: Promise<Buffer> }>((resolve, reject) => {
    const req = httpRequest({
      port,
      host: '127.0.0.1',
      path: url,
      headers: encoding ? { 'accept-encoding': encoding } : {},
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let resolveWhole: (body: Buffer) => void;
      const whole = new Promise<Buffer>((r) => {
        resolveWhole = r;
      });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (chunks.length === 1) resolve({ headers: res.headers, first: chunk, whole });
      });
      res.on('end', () => resolveWhole(Buffer.concat(chunks)));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the signed-in page, streamed', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    for (const folder of madeFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  async function start() {
    const page = loadClientPage(clientDist(), '/nonexistent/renderFirstView.js');
    if (!page) throw new Error('no page');
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    app = Fastify();
    app.get('/api/auth/me', async (_request, reply) => {
      await held;
      return reply.header('cache-control', 'no-store').send({ user: { displayName: 'Viewer' } });
    });
    app.setNotFoundHandler((request, reply) => sendClientPage(app!, page, request, reply, 'signed-in'));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    return { port: typeof address === 'object' && address ? address.port : 0, release };
  }

  it.each([undefined, 'gzip'])(
    'sends the head before the first reads are answered (accept-encoding %s)',
    async (encoding) => {
      const { port, release } = await start();
      const response = await get(port, '/some/page', encoding);
      const text = (bytes: Buffer) => (encoding ? gunzipSync(bytes, { finishFlush: 2 }) : bytes).toString('utf8');
      const head = text(response.first);
      // the app's chunks and stylesheet, while the session read is still held
      expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/startApp.js">');
      expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/react.js">');
      expect(head).toContain('<link rel="stylesheet" crossorigin href="/assets/startApp.css">');
      expect(head.indexOf('</head>')).toBeGreaterThan(head.indexOf('startApp.css'));
      expect(head).not.toContain('first-reads');
      expect(response.headers['cache-control']).toBe('no-store');
      release();
      const page = text(await response.whole);
      expect(page.startsWith(head)).toBe(true);
      expect(page).toMatch(
        /<script type="application\/json" id="first-reads">\{"\/api\/auth\/me":\{"user":\{"displayName":"Viewer"\}\}\}<\/script>\s*<\/body><\/html>$/,
      );
      // the stylesheet is linked once, in the head
      expect(page.split('startApp.css').length).toBe(2);
    },
  );

  it('a read the server could not answer is left to the browser, with a preload for it', async () => {
    const page = loadClientPage(clientDist(), '/nonexistent/renderFirstView.js')!;
    const end = page.endOf('/scorecard', 'signed-in', [{ url: '/api/auth/me', json: '{}', noStore: true }]);
    expect(end).toContain('<link rel="preload" href="/api/scorecard" as="fetch" crossorigin="anonymous">');
    expect(end).not.toContain('href="/api/auth/me"');
    expect(page.htmlFor('/scorecard', 'signed-in')).toBe(
      page.startOf('/scorecard', 'signed-in') + page.endOf('/scorecard', 'signed-in'),
    );
  });
});
