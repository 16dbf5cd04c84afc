import {
  addMembershipRequestSchema,
  createUserRequestSchema,
  idInputSchema,
  problemSchema,
  resetPasswordRequestSchema,
  updateUserRequestSchema,
  userListResponseSchema,
  userSummarySchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditSchemaRefusals } from '../audit/schemaRefusals';
import type { Db } from '../db/database';
import { requireRole } from '../plugins/authentication';
import { addExistingPerson } from './membershipGrants';
import { createUser, listUsers, resetUserPassword, updateUserByAdmin } from './userAdminService';

const userIdParams = z.object({ id: idInputSchema });
const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

/** User administration: administrators only. */
export const userRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  // onRequest: anyone else is refused before their body is read or validated.
  app.addHook('onRequest', requireRole(db, 'admin'));
  auditSchemaRefusals(app, db, 'user.invalid_request');

  app.get(
    '/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'Every account: role, how it signs in, pre-release list, disabled, last sign-in',
        response: { 200: userListResponseSchema, ...refusals },
      },
    },
    async (request) => ({ users: await listUsers(db, request) }),
  );

  app.post(
    '/users',
    {
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        summary: 'Create a local account with an initial password that meets the password policy',
        body: createUserRequestSchema,
        response: { 201: userSummarySchema, ...refusals, 409: problemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(db, request, request.body)),
  );

  app.post(
    '/users/memberships',
    {
      schema: {
        operationId: 'addExistingPerson',
        tags: ['users'],
        summary:
          'Give a person with an account in councils you administer a role in the council in view; anyone else is not found, whether or not the username exists',
        body: addMembershipRequestSchema,
        response: { 201: userSummarySchema, ...refusals, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addExistingPerson(db, request, request.body)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary: 'Change role or pre-release list; disable (ends all their sessions) or re-enable',
        params: userIdParams,
        body: updateUserRequestSchema,
        response: { 200: userSummarySchema, ...refusals, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request) => updateUserByAdmin(db, request, request.params.id, request.body),
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        operationId: 'resetUserPassword',
        tags: ['users'],
        summary: "Set a new password for a local account; ends that person's sessions",
        params: userIdParams,
        body: resetPasswordRequestSchema,
        response: { 204: z.null(), ...refusals, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await resetUserPassword(db, request, request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );
};
