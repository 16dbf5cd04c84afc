import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from './app/AppProviders';
import { AppRoutes } from './app/AppRoutes';
import { createAppQueryClient } from './app/createAppQueryClient';
import { primeRoute } from './app/primeRoute';
// The shared stylesheets, in cascade order; a feature's own styles are imported with its components.
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/kpi.css';
import './styles/controls.css';
import './styles/scorecard-and-charts.css';
import './styles/print.css';
import './styles/screens.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

const queryClient = createAppQueryClient();
// The session, the first page's chunk and its data, in parallel rather than one after another.
primeRoute(queryClient, window.location);

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

// For the scorecard the server may have drawn the first view already (client/src/ssr). Drawing the
// app takes the main thread for hundreds of milliseconds on a slow machine, and the browser paints
// nothing meanwhile: so the server's view is painted first (the frame after this one), then the
// first render replaces it with the same markup, in one commit, so nothing moves on screen. A
// hidden tab paints no frames: there the app starts at once.
const drawnByServer = [...container.children].some((child) => child.tagName !== 'NOSCRIPT');
if (drawnByServer && document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(render, 0));
else render();
