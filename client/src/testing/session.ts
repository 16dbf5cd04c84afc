import type { Role } from '@kpi/shared';
import { HttpResponse, http } from 'msw';
import { meFixture } from './fixtures';
import { api } from './http';
import { server } from './server';

/** Answers "who am I" with a signed-in user of `role`. */
export function signedInAs(role: Role = 'viewer') {
  server.use(http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture(role))));
}

/** Records the query of every request to `path` (and answers with `respond`), to check what was asked for. */
export function recordRequests(path: string, respond: (url: URL) => Response | Promise<Response>) {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get(api(path), ({ request }) => {
      const url = new URL(request.url);
      requests.push(url.searchParams);
      return respond(url);
    }),
  );
  return requests;
}
