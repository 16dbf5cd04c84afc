import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from './AppProviders';
import { AppRoutes } from './AppRoutes';
import { createAppQueryClient } from './createAppQueryClient';
import { primeRoute } from './primeRoute';

/**
 * Starts the app in `container`: the query cache primed with the page's first reads (the answers
 * the server embedded, or requests started at once, in parallel), then React's first render.
 * Loaded by the small entry (main.tsx) once the page has painted.
 */
export function startApp(container: HTMLElement): void {
  const queryClient = createAppQueryClient();
  // The session, the first page's chunk and its data, in parallel rather than one after another.
  primeRoute(queryClient, window.location);
  createRoot(container).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
}
