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

/** Whether the request is for the API (anything under /api/, matched or not). */
export function isApiRequest(request: FastifyRequest): boolean {
  return routedPath(request).startsWith('/api/');
}
