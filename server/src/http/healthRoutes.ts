import { healthResponseSchema, problemSchema, readyResponseSchema } from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/database';
import { ServiceUnavailableError } from '../errors';

export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['operations'],
        summary: 'The process is up',
        response: { 200: healthResponseSchema },
      },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    '/ready',
    {
      schema: {
        operationId: 'getReady',
        tags: ['operations'],
        summary: 'The database is reachable',
        response: { 200: readyResponseSchema, 503: problemSchema },
      },
    },
    async () => {
      try {
        await database.ping();
      } catch {
        throw new ServiceUnavailableError('The database is not reachable.');
      }
      // The primary answered; a standby that did not only means its reads go to the primary.
      const standbys = database.standbys();
      return { status: 'ready' as const, database: database.driver, ...(standbys.length > 0 ? { standbys } : {}) };
    },
  );
};
