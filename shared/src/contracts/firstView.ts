/**
 * The elements the server puts in a page's HTML for the browser's app to find
 * (server/src/plugins/clientPage.ts writes them; client/src/app reads them). Plain strings with no
 * imports: the page's small entry (client/src/main.tsx) takes them from `@kpi/shared/first-view`
 * without loading the contracts.
 */

/** The `<script type="application/json">` holding the answers to the page's first reads. */
export const EMBEDDED_READS_ID = 'first-reads';

/**
 * The inert `<template>` holding the app's module hints on a page the server drew, put in the
 * head once the page has painted.
 */
export const DEFERRED_MODULES_ID = 'app-modules';
