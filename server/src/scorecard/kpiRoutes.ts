import {
  indicatorDetailSchema,
  indicatorListResponseSchema,
  problemSchema,
  scorecardQuerySchema,
  scorecardResponseSchema,
  seriesQuerySchema,
  seriesResponseSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CachedReads } from '../cache/cachedReads';
import type { Db } from '../db/database';
import { NOT_MODIFIED } from '../http/openApiResponses';
import { requireSignedIn } from '../plugins/authentication';
import { findIndicatorForOrganisation, indicatorDetail, listIndicatorSummaries } from './indicatorService';
import { buildScorecard } from './scorecardService';
import { buildSeries } from './seriesService';

const codeParams = z.object({ code: z.string().min(1).max(40) });
const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema };

export const kpiRoutes: FastifyPluginAsyncZod<{ db: Db; reads: CachedReads }> = async (app, { db, reads }) => {
  app.addHook('preHandler', requireSignedIn(db));

  app.get(
    '/scorecard',
    {
      schema: {
        operationId: 'getScorecard',
        tags: ['kpis'],
        summary: 'Every KPI in force in a month, rated against its bands',
        querystring: scorecardQuerySchema,
        // 403: an unpublished month, to a viewer off the pre-release list.
        response: { 200: scorecardResponseSchema, ...NOT_MODIFIED, ...errors, 403: problemSchema },
      },
    },
    async (request, reply) =>
      reads.reply(request, reply, {
        route: `scorecard ${request.query.month ?? 'latest'}`,
        schema: scorecardResponseSchema,
        build: (reader) => buildScorecard(db, reader, request.query.month),
      }),
  );

  app.get(
    '/indicators',
    {
      schema: {
        operationId: 'listIndicators',
        tags: ['kpis'],
        summary:
          'Every indicator the organisation tracks, with its latest figure, period, direction of travel and position against the statistical neighbours, region and England',
        response: { 200: indicatorListResponseSchema, ...NOT_MODIFIED, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) =>
      reads.reply(request, reply, {
        route: 'indicators',
        schema: indicatorListResponseSchema,
        build: (reader) => listIndicatorSummaries(db, reader),
      }),
  );

  app.get(
    '/indicators/:code',
    {
      schema: {
        operationId: 'getIndicator',
        tags: ['kpis'],
        summary: 'An indicator: definition, why it matters, unit, polarity and threshold versions over time',
        params: codeParams,
        response: { 200: indicatorDetailSchema, ...errors },
      },
    },
    async (request) =>
      indicatorDetail(db, await findIndicatorForOrganisation(db, request.context, request.params.code)),
  );

  app.get(
    '/indicators/:code/series',
    {
      schema: {
        operationId: 'getIndicatorSeries',
        tags: ['kpis'],
        summary: 'Monthly values with bands, comparators and annotations',
        params: codeParams,
        querystring: seriesQuerySchema,
        response: { 200: seriesResponseSchema, ...NOT_MODIFIED, ...errors },
      },
    },
    async (request, reply) =>
      reads.reply(request, reply, {
        route: `series ${JSON.stringify([request.params.code, request.query])}`,
        schema: seriesResponseSchema,
        build: async (reader) =>
          buildSeries(
            db,
            reader,
            await findIndicatorForOrganisation(db, request.context, request.params.code),
            request.query,
          ),
      }),
  );
};
