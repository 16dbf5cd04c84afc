import path from 'node:path';
import type { FastifyRequest } from 'fastify';

/**
 * The path a request is answered for, as the router sees it: the matched route's pattern, or (for
 * an address no route matches) the decoded pathname. Guards decide on this, never on the raw
 * `request.url`: the router decodes `/%61pi/scorecard` to `/api/scorecard`, so a raw prefix test
 * would let it past every check that applies to `/api/`.
 */
export function routedPath(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route) return route;
  const path = request.url.split('?')[0] ?? '';
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * Whether the request is for the API (anything under /api/, matched or not), read as a person or a
 * script meant it: `//api/…`, `/API/…`, `/x/../api/…` and `/api` itself are attempts at the API,
 * so an address no route matches is answered with a 404 problem, never the client's page (which a
 * script would take for a 200 from the API).
 */
export function isApiRequest(request: FastifyRequest): boolean {
  const meant = path.posix.normalize(routedPath(request).replaceAll('\\', '/')).toLowerCase();
  return meant === '/api' || meant === '/api/' || meant.startsWith('/api/');
}
