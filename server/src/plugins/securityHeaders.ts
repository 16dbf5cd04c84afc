import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { isApiRequest } from '../http/routedPath';

/**
 * Security headers on every response, with a strict Content-Security-Policy: scripts, styles,
 * fonts and connections from this origin only, no inline script, no framing. Responses to the
 * API are never cached by shared caches.
 */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'same-origin' },
};

/**
 * Helmet's headers for these options, worked out once. None of them depends on the request, and
 * @fastify/helmet rebuilt helmet's middleware (parsing the policy again) on every request, which
 * was about 8 % of the CPU time of a cached read.
 */
export function securityHeaderValues(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader() {},
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}

const { 'Strict-Transport-Security': HSTS, ...HEADERS } = securityHeaderValues();

/**
 * The security headers on one reply. The onRequest hook below calls it for every routed request;
 * an answer the router gives before any hook runs (app.ts, frameworkErrors) calls it itself.
 */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(HEADERS);
  // RFC 6797 §7.2: HSTS is sent only over a secure transport (behind a trusted proxy, what it says).
  if (HSTS && request.protocol === 'https') reply.header('strict-transport-security', HSTS);
}

async function securityHeaders(app: FastifyInstance) {
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request, reply);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (isApiRequest(request) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
