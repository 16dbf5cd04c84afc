// The shared stylesheets, in cascade order; a feature's own styles are imported with its components.
// They stay in the entry so that the HTML links them and the server's first view is styled at once.
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/kpi.css';
import './styles/controls.css';
import './styles/scorecard-and-charts.css';
import './styles/print.css';
import './styles/screens.css';

/**
 * The page's entry, a few hundred bytes (issue 17). The app itself (React, the routes, the
 * queries: about half a megabyte) is a separate chunk that the server's HTML preloads
 * (`modulepreload`, server/src/plugins/clientPage.ts), so it downloads and compiles while the page
 * is parsed; it is only run here.
 *
 * Where the server drew the first view (the scorecard, client/src/ssr), running the app first
 * would hold the browser's first paint behind hundreds of milliseconds of script: so the app
 * starts in the task after the next frame, once the server's view is on screen, and its first
 * render replaces that view with the same markup in one commit, so nothing moves. A hidden tab
 * paints no frames: there, and on pages the server did not draw, the app starts at once.
 */
const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

const start = () => import('./app/startApp').then(({ startApp }) => startApp(container));
const drawnByServer = [...container.children].some((child) => child.tagName !== 'NOSCRIPT');
if (drawnByServer && document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(start, 0));
else void start();
