import { overviewResponseSchema, problemSchema } from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database';
import { NotFoundError } from '../errors';
import { requireSignedIn } from '../plugins/authentication';
import { loadOverview } from '../repositories/overviewRepository';

export const overviewRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/overview',
    {
      preHandler: requireSignedIn(db),
      schema: {
        operationId: 'getOverview',
        tags: ['overview'],
        summary: 'The organisation and the data it holds',
        response: { 200: overviewResponseSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async () => {
      const overview = await loadOverview(db);
      if (!overview) throw new NotFoundError('No organisation is configured yet. An administrator must run the seed.');
      return overview;
    },
  );
};
