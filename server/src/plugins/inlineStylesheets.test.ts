import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadClientPage, sendClientPage } from './clientPage';
import securityHeaders from './securityHeaders';

/**
 * The app's stylesheets travel inside the page (issue 17), so the server's first view paints
 * without waiting for them; the Content-Security-Policy allows those rules and nothing else.
 */
const INDEX =
  '<!doctype html><html><head><title>KPI</title><script type="module" crossorigin src="/assets/entry.js"></script></head><body><div id="root"></div></body></html>';
const APP_CSS = '.header{background:#0b0c0c}\n.scorecard::after{content:"a > b"}\n';
const EXPORTS_CSS = '.downloads{margin:0}';

function clientDist(styles: Record<string, string | null>): string {
  const dist = path.join(mkdtempSync(path.join(tmpdir(), 'kpi-inline-css-')), 'dist');
  mkdirSync(path.join(dist, '.vite'), { recursive: true });
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  for (const [file, css] of Object.entries(styles)) if (css !== null) writeFileSync(path.join(dist, file), css);
  writeFileSync(
    path.join(dist, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/entry.js', isEntry: true, dynamicImports: ['src/app/startApp.tsx'] },
      'src/app/startApp.tsx': { file: 'assets/startApp.js', imports: ['_exports.js'], css: ['assets/startApp.css'] },
      '_exports.js': { file: 'assets/exports.js', css: ['assets/exports.css'] },
    }),
  );
  return dist;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const styleSrc = (policy: string) => policy.split(';').find((directive) => directive.trim().startsWith('style-src'));

describe("the app's stylesheets in the page", () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function getPage(dist: string, signedIn: boolean) {
    const page = loadClientPage(dist, '/nonexistent/renderFirstView.js');
    if (!page) throw new Error('no page');
    app = Fastify();
    await app.register(securityHeaders);
    app.get('/api/auth/me', async () => ({ user: { displayName: 'Viewer' } }));
    app.setNotFoundHandler((request, reply) => sendClientPage(app!, page, request, reply, signedIn));
    const response = await app.inject({ method: 'GET', url: '/scorecard' });
    expect(response.statusCode).toBe(200);
    return { html: response.body, policy: String(response.headers['content-security-policy']) };
  }

  it.each([true, false])(
    'holds each stylesheet in a <style> its policy allows by hash, in cascade order (signed in: %s)',
    async (signedIn) => {
      const { html, policy } = await getPage(
        clientDist({ 'assets/startApp.css': APP_CSS, 'assets/exports.css': EXPORTS_CSS }),
        signedIn,
      );
      const head = html.slice(0, html.indexOf('</head>'));
      // what the chunk imports comes first, as Vite orders a chunk's stylesheets
      expect(head.indexOf(`<style>${EXPORTS_CSS}</style>`)).toBeGreaterThan(0);
      expect(head.indexOf(`<style>${APP_CSS}</style>`)).toBeGreaterThan(head.indexOf(EXPORTS_CSS));
      // named for the app's loader, never fetched or applied by the browser
      expect(head).toContain('<link rel="stylesheet" crossorigin href="/assets/startApp.css" disabled>');
      expect(head).not.toMatch(/<link rel="stylesheet" crossorigin href="\/assets\/startApp.css">/);
      expect(styleSrc(policy)?.trim()).toBe(`style-src 'self' ${sha256(EXPORTS_CSS)} ${sha256(APP_CSS)}`);
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).toContain("script-src 'self';");
    },
  );

  it('links a stylesheet whose rules could end the element early, and does not allow it inline', async () => {
    const closing = '.a::after{content:"</style><script>alert(1)</script>"}';
    const { html, policy } = await getPage(
      clientDist({ 'assets/startApp.css': closing, 'assets/exports.css': EXPORTS_CSS }),
      true,
    );
    expect(html).not.toContain('</style><script>');
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/startApp.css">');
    expect(styleSrc(policy)?.trim()).toBe(`style-src 'self' ${sha256(EXPORTS_CSS)}`);
  });

  it('links a stylesheet the build does not hold, and keeps the plain policy when nothing is inline', async () => {
    const { html, policy } = await getPage(
      clientDist({ 'assets/startApp.css': null, 'assets/exports.css': null }),
      true,
    );
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/startApp.css">');
    expect(html).not.toContain('<style>');
    expect(styleSrc(policy)?.trim()).toBe("style-src 'self'");
  });
});
