import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from './AppProviders';
import { AppRoutes } from './AppRoutes';
import { createAppQueryClient } from './createAppQueryClient';
import { drawnByServer } from './drawnByServer';
import { primeRoute } from './primeRoute';
// The shared stylesheets, in cascade order, after the components' own (imported with them above),
// so they win where both set a rule.
import '../styles/base.css';
import '../styles/layout.css';
import '../styles/components.css';
import '../styles/kpi.css';
import '../styles/controls.css';
import '../styles/scorecard-and-charts.css';
import '../styles/print.css';
import '../styles/screens.css';

/**
 * Starts the app in `container`: the query cache primed with the page's first reads (the answers
 * the server embedded, or requests started at once, in parallel), then React's first render.
 * Loaded by the small entry (main.tsx) once the page has painted.
 */
export function startApp(container: HTMLElement): void {
  const queryClient = createAppQueryClient();
  // The session, the first page's chunk and its data, in parallel rather than one after another.
  const pageCode = primeRoute(queryClient, window.location);
  const render = () =>
    createRoot(container).render(
      <StrictMode>
        <AppProviders queryClient={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AppProviders>
      </StrictMode>,
    );
  // A page the server drew stays on screen until its own code is here (preloaded with the HTML, so
  // at once): drawn sooner, it would be swapped for "Loading…" and back. A failed chunk is shown
  // by the route's own error handling, as on any other visit.
  if (drawnByServer(container)) void pageCode.then(render, render);
  else render();
}
