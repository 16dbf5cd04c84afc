/**
 * The page's entry, a few hundred bytes (issue 17). The app itself (React, the routes, the
 * queries and the stylesheets: about half a megabyte) is a separate chunk that the server's HTML
 * preloads (`modulepreload`, and its stylesheets linked: server/src/plugins/clientPage.ts), so it
 * downloads and compiles while the page is parsed; it is only run here.
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
