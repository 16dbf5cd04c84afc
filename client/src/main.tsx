/**
 * The page's entry, under 2 KB (issue 17). The app itself (React, the routes, the
 * queries and the stylesheets: about half a megabyte) is a separate chunk.
 *
 * Where the server drew the first view (the scorecard or a KPI page, client/src/ssr), nothing of
 * the app is needed for it to be seen, and fetching and running it first would hold the first
 * paint back: so the server leaves the app's module hints in an inert template, and once the view
 * is on screen (two frames on) they go in the head (every chunk fetched at once) and the app
 * starts; its first render replaces that view with the same markup in one commit, so nothing
 * moves. A hidden tab paints no frames: there, and on pages the server did not draw (whose HTML
 * preloads the app's chunks, server/src/plugins/clientPage.ts), the app starts at once.
 */
import { drawnByServer, fetchDeferredModules } from './app/drawnByServer';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

const start = () => {
  fetchDeferredModules(document);
  return import('./app/startApp').then(({ startApp }) => startApp(container));
};
// Two frames: the first draws the server's view; by the second it has been rastered and shown
// (a trace showed the app's half-second of script, started straight after the first, holding the
// first frame's presentation back by 190 ms on a busy two-core machine).
if (drawnByServer(container) && document.visibilityState === 'visible')
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(start, 0)));
else void start();
