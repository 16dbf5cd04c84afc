import {
  changeOwnPasswordRequestSchema,
  loginRequestSchema,
  meResponseSchema,
  problemSchema,
  sessionStatusSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from '../config';
import type { Db } from '../db/database';
import { requireSignedIn, SESSION_COOKIE, setSessionCookie } from '../plugins/authentication';
import { currentUserResponse, endSession, extendSession, sessionStatus, signIn } from './authService';
import { changeOwnPassword } from './passwordChangeService';

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
    async (request) => currentUserResponse(request.context),
  );

  app.get(
    '/auth/session',
    {
      onRequest: requireSignedIn(db),
      // Asking when the session times out must not postpone the time-out.
      config: { extendsSession: false },
      schema: {
        operationId: 'getSessionStatus',
        tags: ['auth'],
        summary: 'When the session ends if unused, and when it ends regardless (does not extend it)',
        response: { 200: sessionStatusSchema, 401: problemSchema },
      },
    },
    async (request) => sessionStatus(config, request),
  );

  app.post(
    '/auth/session/extend',
    {
      onRequest: requireSignedIn(db),
      schema: {
        operationId: 'extendSession',
        tags: ['auth'],
        summary: '"Stay signed in": restart the idle limit (the absolute limit stays)',
        response: { 200: sessionStatusSchema, 401: problemSchema },
      },
    },
    async (request) => extendSession(db, config, request),
  );

  app.post(
    '/auth/password',
    {
      onRequest: requireSignedIn(db),
      schema: {
        operationId: 'changeOwnPassword',
        tags: ['auth'],
        summary: 'Change your own password; your other sessions end and this one gets a new token',
        body: changeOwnPasswordRequestSchema,
        response: { 204: z.null(), 400: problemSchema, 401: problemSchema, 409: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const token = await changeOwnPassword(db, config, request, request.body);
      setSessionCookie(reply, request, config, token);
      return reply.status(204).send(null);
    },
  );
};
