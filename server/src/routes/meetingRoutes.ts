import { meetingBriefingSchema, meetingListResponseSchema, problemSchema } from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database';
import { requireSignedIn } from '../plugins/authentication';
import { buildBriefing, listMeetingDtos } from '../services/briefingService';

export const meetingRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addHook('preHandler', requireSignedIn(db));

  app.get(
    '/meetings',
    {
      schema: {
        operationId: 'listMeetings',
        tags: ['meetings'],
        summary: 'Board meetings and the months each covered',
        response: { 200: meetingListResponseSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async () => ({ meetings: await listMeetingDtos(db) }),
  );

  app.get(
    '/meetings/:id/briefing',
    {
      schema: {
        operationId: 'getMeetingBriefing',
        tags: ['meetings'],
        summary: 'What changed since the previous meeting',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: meetingBriefingSchema, 400: problemSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request) => buildBriefing(db, request.params.id),
  );
};
