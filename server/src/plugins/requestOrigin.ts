import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError } from '../errors';
import { isApiRequest } from '../http/routedPath';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for the cookie-authenticated API (OWASP: verify origin with standard headers,
 * plus Fetch Metadata). Browsers send Origin on every cross-origin POST and Sec-Fetch-Site on
 * every request; a state-changing request that a browser says came from another site is
 * refused. Requests with neither header do not come from a browser page, so they cannot carry
 * a victim's cookies by accident. The session cookie is also SameSite=Lax.
 */
async function requestOrigin(app: FastifyInstance, options: { publicOrigin?: string | null }) {
  const configured = options.publicOrigin ?? null;
  app.addHook('onRequest', (request, _reply, done) => {
    done(crossSiteRefusal(request, configured));
  });
}

/** The refusal for a state-changing API request a browser says came from another site; undefined otherwise. */
function crossSiteRefusal(request: FastifyRequest, configured: string | null): ForbiddenError | undefined {
  if (!STATE_CHANGING.has(request.method) || !isApiRequest(request)) return undefined;
  const refusal = () => new ForbiddenError('This request came from another site, so it was refused.');
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') return refusal();
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    // Scheme, host and port all count: http://kpi.example and https://kpi.example:8443 are other sites.
    const expected = configured ?? ownOrigin(request.protocol, request.host);
    if (expected === null || canonicalOrigin(origin) !== expected) return refusal();
  }
  return undefined;
}

export default fp(requestOrigin, { name: 'request-origin' });

/** `http://localhost:80` is the same origin as `http://localhost`; "null" and junk are no origin. */
export function canonicalOrigin(origin: string): string | null {
  if (origin === 'null' || !URL.canParse(origin)) return null;
  const url = new URL(origin);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
}

/** The origin this request was addressed to (behind a trusted proxy, the one it was sent to). */
function ownOrigin(protocol: string, host: string): string | null {
  return canonicalOrigin(`${protocol}://${host}`);
}
