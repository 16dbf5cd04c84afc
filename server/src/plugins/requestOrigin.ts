import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError } from '../errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for the cookie-authenticated API (OWASP: verify origin with standard headers,
 * plus Fetch Metadata). Browsers send Origin on every cross-origin POST and Sec-Fetch-Site on
 * every request; a state-changing request that a browser says came from another site is
 * refused. Requests with neither header do not come from a browser page, so they cannot carry
 * a victim's cookies by accident. The session cookie is also SameSite=Lax.
 */
async function requestOrigin(app: FastifyInstance) {
  app.addHook('onRequest', (request, _reply, done) => {
    done(crossSiteRefusal(request));
  });
}

/** The refusal for a state-changing API request a browser says came from another site; undefined otherwise. */
function crossSiteRefusal(request: FastifyRequest): ForbiddenError | undefined {
  if (!STATE_CHANGING.has(request.method) || !request.url.startsWith('/api/')) return undefined;
  const refusal = () => new ForbiddenError('This request came from another site, so it was refused.');
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') return refusal();
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    let originHost: string | null = null;
    try {
      originHost = origin === 'null' ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost === null || originHost !== normalisedHost(request.protocol, request.host)) return refusal();
  }
  return undefined;
}

export default fp(requestOrigin, { name: 'request-origin' });

/** `localhost:80` over http is the same host as the origin `http://localhost`. */
function normalisedHost(protocol: string, host: string): string | null {
  try {
    return new URL(`${protocol}://${host}`).host;
  } catch {
    return null;
  }
}
