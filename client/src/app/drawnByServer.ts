/** Whether the server sent the page's first view inside the app's container (client/src/ssr). */
export function drawnByServer(container: HTMLElement): boolean {
  return [...container.children].some((child) => child.tagName !== 'NOSCRIPT');
}
