import { overviewResponseSchema, problemSchema } from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CachedReads } from '../cache/cachedReads';
import type { Db } from '../db/database';
import { NOT_MODIFIED } from '../http/openApiResponses';
import { requireSignedIn } from '../plugins/authentication';
import { buildOverview } from './overviewService';

export const overviewRoutes: FastifyPluginAsyncZod<{ db: Db; reads: CachedReads }> = async (app, { db, reads }) => {
  app.get(
    '/overview',
    {
      preHandler: requireSignedIn(db),
      schema: {
        operationId: 'getOverview',
        tags: ['overview'],
        summary: 'The organisation and the data it holds',
        response: { 200: overviewResponseSchema, ...NOT_MODIFIED, 401: problemSchema, 404: problemSchema },
      },
    },
    // Everything it reads bumps data_version (migrations/0006), so it is cached like the scorecard.
    async (request, reply) =>
      reads.reply(request, reply, {
        route: 'overview',
        schema: overviewResponseSchema,
        build: (reader) => buildOverview(db, reader),
      }),
  );
};
