import { EMBEDDED_READS_ID } from '@kpi/shared';

/**
 * The answers to a page's first API reads that the server put in its HTML (issue 17), in a
 * `<script type="application/json">` element: data, never run, so the strict CSP holds. The server
 * embeds them only for someone signed in, exactly as the API answers that person
 * (server/src/plugins/clientPage.ts); here they are put in the query cache before React's first
 * render, so the first page is drawn without waiting for any request.
 */

/** The API's JSON for this URL if the page carried it (each answer is taken once), else undefined. */
export type TakeEmbedded = (url: string) => unknown;

/** Reads the element once and removes it: the answers belong to this page load only. */
export function readEmbeddedReads(doc: Document): TakeEmbedded {
  const element = doc.getElementById(EMBEDDED_READS_ID);
  const answers = new Map<string, unknown>();
  if (element?.textContent) {
    try {
      const parsed: unknown = JSON.parse(element.textContent);
      if (parsed && typeof parsed === 'object')
        for (const [url, body] of Object.entries(parsed)) answers.set(url, body);
    } catch {
      // unreadable: the page asks the API, as it would without it
    }
  }
  element?.remove();
  return (url) => {
    const body = answers.get(url);
    answers.delete(url);
    return body;
  };
}
