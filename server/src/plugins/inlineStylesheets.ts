import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The app's stylesheets written into the page's head (issue 17), read once at start-up.
 *
 * A linked stylesheet blocks the first paint until it has arrived, and the server's first view
 * (the scorecard, drawn before any JavaScript) was painted only once they had: a Chromium trace of
 * a cold visit showed the HTML complete at 147 ms and the stylesheets, asked for at 70 ms, arriving
 * at 330 ms, while the server was still busy answering the page's first reads. In the page, the
 * rules come with the HTML. About 36 KB of CSS, 7 KB gzipped, on a page that is never cached anyway
 * (signed-in pages are `no-store`).
 *
 * The Content-Security-Policy still refuses inline style: each `<style>` element is allowed by the
 * SHA-256 of its text (`hashes`), which only these exact rules match.
 *
 * Each file also keeps its `<link rel="stylesheet">`, marked `disabled`: a disabled stylesheet is
 * never applied and never waited for (Chromium's preload scanner may still fetch it, into the
 * HTTP cache), but Vite's loader, when the app's chunk is imported, skips any stylesheet already
 * linked in the page; without the link it would wait to fetch the file again and append the same
 * rules after a route's own stylesheet, changing the cascade.
 */
export interface InlineStylesheets {
  /** The `<style>` and disabled `<link>` elements, in the given order (the cascade's). */
  elements: string[];
  /** `'sha256-…'` for each `<style>`, for the policy's `style-src`. */
  hashes: string[];
}

/** `files` are paths inside `clientDist` (Vite's manifest names); a missing or unsafe file is linked as before. */
export function inlineStylesheets(clientDist: string, files: readonly string[]): InlineStylesheets {
  const elements: string[] = [];
  const hashes: string[] = [];
  for (const file of files) {
    const href = `/${file.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}`;
    const fullPath = path.join(clientDist, file);
    const css = existsSync(fullPath) ? readFileSync(fullPath, 'utf8') : null;
    // `</style` inside the rules (a string or comment) would end the element early: link that file instead.
    if (css === null || /<\/style/i.test(css)) {
      elements.push(`<link rel="stylesheet" crossorigin href="${href}">`);
      continue;
    }
    elements.push(`<style>${css}</style>`, `<link rel="stylesheet" crossorigin href="${href}" disabled>`);
    hashes.push(`'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`);
  }
  return { elements, hashes };
}
