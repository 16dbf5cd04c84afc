import { loginRequestSchema, meResponseSchema, problemSchema } from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from '../config';
import type { Db } from '../db/database';
import { requireSignedIn, SESSION_COOKIE, setSessionCookie } from '../plugins/authentication';
import { currentUserResponse, endSession, signIn } from '../services/authService';

export const authRoutes: FastifyPluginAsyncZod<{ db: Db; config: AppConfig }> = async (app, { db, config }) => {
  app.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in with a local account',
        body: loginRequestSchema,
        response: { 200: meResponseSchema, 400: problemSchema, 401: problemSchema },
      },
    },
    async (request, reply) => {
      const { token, me } = await signIn(db, config, request, request.body);
      setSessionCookie(reply, request, config, token);
      return me;
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'Sign out and end the session',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await endSession(db, request);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      preHandler: requireSignedIn(db),
      schema: {
        operationId: 'getCurrentUser',
        tags: ['auth'],
        summary: 'The signed-in person and their organisation',
        response: { 200: meResponseSchema, 401: problemSchema },
      },
    },
    async (request) => currentUserResponse(db, request.user!),
  );
};
