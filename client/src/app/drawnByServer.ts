import { DEFERRED_MODULES_ID } from '@kpi/shared/first-view';

/** Whether the server sent the page's first view inside the app's container (client/src/ssr). */
export function drawnByServer(container: HTMLElement): boolean {
  return [...container.children].some((child) => child.tagName !== 'NOSCRIPT');
}

/**
 * Puts the module hints the server left inert on a page it drew (they would compete with the
 * page's first paint) in the head, so the app's chunks are all fetched at once, as it starts.
 */
export function fetchDeferredModules(document: Document): void {
  const deferred = document.getElementById(DEFERRED_MODULES_ID);
  if (deferred instanceof HTMLTemplateElement) {
    document.head.append(deferred.content);
    deferred.remove();
  }
}
