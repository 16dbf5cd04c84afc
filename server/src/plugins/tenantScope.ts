import type { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { beginRequestScope } from '../db/tenantScope';

declare module 'fastify' {
  interface FastifyRequest {
    /** Re-enters the request's tenant scope (db/tenantScope.ts). */
    tenantScope: AsyncResource | null;
  }
}

/**
 * Gives every request a tenant scope, empty (no organisation's rows) until the request context
 * names the organisation in view. Registered before authentication, so everything the request
 * does runs inside it. Fastify runs preValidation, preHandler and the handler of a request with
 * a body from the body's 'end' event, which has lost the async context: they re-enter it, as
 * @fastify/request-context does.
 */
async function tenantScope(app: FastifyInstance) {
  app.decorateRequest('tenantScope', null);
  app.addHook('onRequest', (request, _reply, done) => {
    beginRequestScope((resource) => {
      request.tenantScope = resource;
      done();
    });
  });
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.tenantScope) request.tenantScope.runInAsyncScope(done, request.raw);
    else done();
  });
}

export default fp(tenantScope, { name: 'tenantScope' });
