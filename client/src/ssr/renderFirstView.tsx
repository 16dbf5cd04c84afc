import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { AppProviders } from '../app/AppProviders';
import { AppRoutes } from '../app/AppRoutes';
import { createAppQueryClient } from '../app/createAppQueryClient';
import { primeRoute } from '../app/primeRoute';
import { ORGANISATION_PARAM } from '../lib/organisationInView';

/**
 * The server's rendering of a page's first view (issue 17): the same components as the browser
 * draws, from the same answers the server embeds in the HTML (`first-reads`), so the first KPI
 * row is on screen before any JavaScript has run. Built by `vite build --ssr` into
 * `client/dist-ssr/` (scripts/build-client-if-stale.mjs) and called by the server
 * (server/src/plugins/clientPage.ts). The browser's own first render replaces this markup with
 * the same markup, then the page is interactive.
 *
 * Only the scorecard is rendered, and only when its answer and the session are both there: any
 * other page, or a page whose data is missing, is left to the browser (null), as before.
 */
export function renderFirstView(url: string, answers: Readonly<Record<string, unknown>>): string | null {
  const address = new URL(url, 'http://localhost');
  if (address.pathname !== '/scorecard' || !('/api/auth/me' in answers)) return null;
  // The organisation in view is module state here, shared by every request: only the default one.
  if (address.searchParams.has(ORGANISATION_PARAM)) return null;
  const queryClient = createAppQueryClient();
  const remaining = new Map(Object.entries(answers));
  primeRoute(queryClient, address, (answerUrl) => {
    const body = remaining.get(answerUrl);
    remaining.delete(answerUrl);
    return body;
  });
  // Both answers used (the session and the scorecard): anything else would render a loading state.
  const primed = queryClient.getQueryCache().getAll();
  if (primed.length < 2 || primed.some((query) => query.state.status !== 'success')) {
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
