import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { AppProviders } from '../app/AppProviders';
import { AppRoutes } from '../app/AppRoutes';
import { createAppQueryClient } from '../app/createAppQueryClient';
import { primeRoute } from '../app/primeRoute';
import { primeIndicatorChunk } from '../features/indicators';
import { ORGANISATION_PARAM } from '../lib/organisationInView';

/**
 * The server's rendering of a page's first view (issue 17): the same components as the browser
 * draws, from the same answers the server embeds in the HTML (`first-reads`), so the first KPI
 * row is on screen before any JavaScript has run. Built by `vite build --ssr` into
 * `client/dist-ssr/` (scripts/build-client-if-stale.mjs) and called by the server
 * (server/src/plugins/clientPage.ts). The browser's own first render replaces this markup with
 * the same markup, then the page is interactive.
 *
 * Two pages are rendered: the scorecard, and a KPI page (whose chart is drawn as plain SVG,
 * StaticTrendChart, as recharts draws only in a browser). Only when every answer the page starts
 * with is there: any other page, or a page whose data is missing, is left to the browser (null).
 */

/** The pages drawn here, with how many first reads each needs (the session and the page's own). */
const FIRST_VIEW_PAGES: readonly { path: RegExp; reads: number }[] = [
  { path: /^\/scorecard$/, reads: 2 },
  { path: /^\/indicators\/[^/]+$/, reads: 3 },
];

// The KPI page's module is loaded once, with this one, so it is drawn without suspending.
await primeIndicatorChunk();

export function renderFirstView(url: string, answers: Readonly<Record<string, unknown>>): string | null {
  const address = new URL(url, 'http://localhost');
  const page = FIRST_VIEW_PAGES.find((candidate) => candidate.path.test(address.pathname));
  if (!page || !('/api/auth/me' in answers)) return null;
  // The organisation in view is module state here, shared by every request: only the default one.
  if (address.searchParams.has(ORGANISATION_PARAM)) return null;
  const queryClient = createAppQueryClient();
  const remaining = new Map(Object.entries(answers));
  primeRoute(queryClient, address, (answerUrl) => {
    const body = remaining.get(answerUrl);
    remaining.delete(answerUrl);
    return body;
  });
  // Every answer used (the session and the page's): anything else would render a loading state.
  const primed = queryClient.getQueryCache().getAll();
  if (primed.length < page.reads || primed.some((query) => query.state.status !== 'success')) {
    queryClient.clear();
    return null;
  }
  try {
    return renderToString(
      <StrictMode>
        <AppProviders queryClient={queryClient}>
          <StaticRouter location={`${address.pathname}${address.search}`}>
            <AppRoutes />
          </StaticRouter>
        </AppProviders>
      </StrictMode>,
    );
  } finally {
    queryClient.clear();
  }
}
