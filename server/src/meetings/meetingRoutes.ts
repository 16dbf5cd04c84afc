import {
  exceptionReportSchema,
  idInputSchema,
  meetingBriefingSchema,
  meetingListResponseSchema,
  meetingSchema,
  problemSchema,
  publishMeetingRequestSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database';
import { requireRole, requireSignedIn } from '../plugins/authentication';
import { readerFrom } from '../publication/publication';
import { buildBriefing, listMeetingDtos, publishMeetingFigures } from './briefingService';
import { buildExceptionReport } from './exceptionReport';

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
    async (request) => ({ meetings: await listMeetingDtos(db, request.context) }),
  );

  app.get(
    '/meetings/:id/briefing',
    {
      schema: {
        operationId: 'getMeetingBriefing',
        tags: ['meetings'],
        summary: 'What changed since the previous meeting',
        params: z.object({ id: idInputSchema }),
        // 403: a meeting not yet published, to a viewer off the pre-release list.
        response: {
          200: meetingBriefingSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => buildBriefing(db, readerFrom(db, request), request.params.id),
  );

  app.get(
    '/meetings/:id/exceptions',
    {
      schema: {
        operationId: 'getExceptionReport',
        tags: ['meetings'],
        summary:
          'Every KPI that is red, in persistent failure or out of line with its statistical neighbours, with its agreed commentary (or "commentary missing") and open actions',
        params: z.object({ id: idInputSchema }),
        response: {
          200: exceptionReportSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => buildExceptionReport(db, readerFrom(db, request), request.params.id),
  );

  app.post(
    '/meetings/:id/publish',
    {
      // onRequest: others are refused before their body is read or validated.
      onRequest: requireRole(db, 'commissioner', 'admin'),
      schema: {
        operationId: 'publishMeeting',
        tags: ['meetings'],
        summary: "Publish a meeting's figures to every viewer and lock its months",
        params: z.object({ id: idInputSchema }),
        body: publishMeetingRequestSchema,
        response: {
          200: meetingSchema,
          409: problemSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => publishMeetingFigures(db, request, request.params.id, request.body ?? {}),
  );
};
