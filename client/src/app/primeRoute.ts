import { meResponseSchema } from '@kpi/shared';
import type { QueryClient } from '@tanstack/react-query';
import { authKeys, getMeQueryOptions } from '../features/auth';
import { primeIndicatorChunk, primeIndicatorData } from '../features/indicators';
import { primeScorecard } from '../features/scorecard';
import { SIGN_IN_PATH } from '../lib/returnTo';
import { readEmbeddedReads, type TakeEmbedded } from './embeddedReads';

/**
 * Starts what the first page needs, all at once, before React draws anything (issue 17). Left to
 * the components, a KPI page was a chain: the session check, then the page's chunk, then its
 * reads. When the server embedded the session and the page's first answers in the HTML
 * (embeddedReads.ts), they go straight into the cache and the page is drawn without a request.
 * Otherwise the session check and the chunk start together, and the page's reads start as soon
 * as someone is known to be signed in (the server's HTML has preloaded the same URLs, so they are
 * usually there already). A read is never started without a session: its 401 would say "your
 * session has expired" to someone who has not signed in yet.
 * Resolves when the page's own code is there (at once for pages in the app's chunk), so a caller
 * can wait for it rather than draw a loading message first.
 */
export function primeRoute(
  queryClient: QueryClient,
  location: Pick<Location, 'pathname' | 'search'>,
  takeEmbedded: TakeEmbedded = readEmbeddedReads(document),
): Promise<void> {
  const { pathname } = location;
  // The server may say in the HTML that nobody is signed in (null): then "who am I" is answered
  // without asking, so no expected 401 reaches the console (issue 21).
  const embeddedMe = takeEmbedded('/api/auth/me');
  if (embeddedMe === null) {
    queryClient.setQueryData(authKeys.me(), null);
    return Promise.resolve();
  }
  if (pathname === SIGN_IN_PATH) return Promise.resolve();
  const search = new URLSearchParams(location.search);
  const indicator = /^\/indicators\/([^/]+)$/.exec(pathname);
  let code: string | undefined;
  try {
    code = indicator ? decodeURIComponent(indicator[1]!) : undefined;
  } catch {
    code = undefined;
  }
  const chunk = code ? primeIndicatorChunk() : Promise.resolve();
  const primeData = () => {
    if (pathname === '/scorecard') primeScorecard(queryClient, search, takeEmbedded);
    if (code) primeIndicatorData(queryClient, code, search, takeEmbedded);
  };
  // Embedded only for someone signed in, so the page's answers may be used at once, synchronously.
  const me = meResponseSchema.safeParse(embeddedMe);
  if (me.success) {
    queryClient.setQueryData(authKeys.me(), me.data);
    primeData();
    return chunk;
  }
  void queryClient
    .fetchQuery(getMeQueryOptions())
    .then((signedIn) => {
      if (signedIn) primeData();
    })
    // the session check's own failure is shown by RequireAuth, which reads the same query
    .catch(() => {});
  return chunk;
}
