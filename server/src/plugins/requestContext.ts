import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/database';
import { createRequestContext, type RequestContext } from '../http/requestContext';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who asks, for which organisation, with which role, and from where (http/requestContext.ts). */
    context: RequestContext;
  }
}

export interface RequestContextOptions {
  db: Db;
  /** The app's clock; tests fix it. */
  now?: () => Date;
}

/** Builds each request's context once, after authentication has found who is signed in. */
async function requestContext(app: FastifyInstance, options: RequestContextOptions) {
  const now = options.now ?? (() => new Date());
  app.decorateRequest('context', null as unknown as RequestContext);
  app.addHook('onRequest', async (request) => {
    request.context = createRequestContext(options.db, request.user, {
      requestId: String(request.id),
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      now: now(),
    });
  });
}

export default fp(requestContext, { name: 'requestContext', dependencies: ['authentication'] });
