/**
 * The page's entry, under 2 KB (issue 17). The app itself (React, the routes, the
 * queries and the stylesheets: about half a megabyte) is a separate chunk that the server's HTML
 * preloads (`modulepreload`, and its stylesheets linked: server/src/plugins/clientPage.ts), so it
 * downloads and compiles while the page is parsed; it is only run here.
 *
 * Where the server drew the first view (the scorecard or a KPI page, client/src/ssr), running the app first
 * would hold the browser's first paint behind hundreds of milliseconds of script: so the app
 * starts once the server's view is on screen (two frames on), and its first
 * render replaces that view with the same markup in one commit, so nothing moves. A hidden tab
 * paints no frames: there, and on pages the server did not draw, the app starts at once.
 */
import { drawnByServer } from './app/drawnByServer';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

const start = () => import('./app/startApp').then(({ startApp }) => startApp(container));
// Two frames: the first draws the server's view; by the second it has been rastered and shown
// (a trace showed the app's half-second of script, started straight after the first, holding the
// first frame's presentation back by 190 ms on a busy two-core machine).
if (drawnByServer(container) && document.visibilityState === 'visible')
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(start, 0)));
else void start();
