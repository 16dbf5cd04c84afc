/** Whether the server sent the page's first view inside the app's container (client/src/ssr). */
export function drawnByServer(container: HTMLElement): boolean {
  return [...container.children].some((child) => child.tagName !== 'NOSCRIPT');
}

/**
 * The inert `<template>` in which the server leaves the app's module hints on a page it drew
 * (server/src/plugins/clientPage.ts, `DEFERRED_MODULES_ID`): they would compete with the page's
 * first paint, so they are only fetched once it is on screen, when the app starts.
 */
const DEFERRED_MODULES_ID = 'app-modules';

/** Puts the deferred module hints in the head, so the app's chunks are all fetched at once. */
export function fetchDeferredModules(document: Document): void {
  const deferred = document.getElementById(DEFERRED_MODULES_ID);
  if (deferred instanceof HTMLTemplateElement) {
    document.head.append(deferred.content);
    deferred.remove();
  }
}
