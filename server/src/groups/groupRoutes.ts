import {
  councilGroupsResponseSchema,
  createGroupRequestSchema,
  groupCouncilParamsSchema,
  groupCouncilRequestSchema,
  groupIdParamsSchema,
  groupRoleParamsSchema,
  groupRoleRequestSchema,
  problemSchema,
  regionalPreReleaseRequestSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditSchemaRefusals } from '../audit/schemaRefusals';
import type { Db } from '../db/database';
import { requireRole } from '../plugins/authentication';
import {
  addCouncilToGroup,
  changeRegionalPreRelease,
  createGroup,
  grantRegionalRole,
  listCouncilGroups,
  removeCouncilFromGroup,
  revokeRegionalRole,
} from './groupService';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

/** Groups of served councils and the regional role: administrators only. Register under `/api`. */
export const groupRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addHook('onRequest', requireRole(db, 'admin'));
  auditSchemaRefusals(app, db, 'group.invalid_request');

  app.get(
    '/groups',
    {
      schema: {
        operationId: 'listCouncilGroups',
        tags: ['groups'],
        summary: 'Every group of served councils, its councils and who holds the regional role in it',
        response: { 200: councilGroupsResponseSchema, ...refusals },
      },
    },
    async (request) => listCouncilGroups(db, request),
  );

  app.post(
    '/groups',
    {
      schema: {
        operationId: 'createCouncilGroup',
        tags: ['groups'],
        summary: "Create a group: a region's served councils (regionCode) or a custom set (an alliance)",
        body: createGroupRequestSchema,
        response: { 201: z.object({ id: z.number().int() }), ...refusals, 409: problemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createGroup(db, request, request.body)),
  );

  app.post(
    '/groups/:id/councils',
    {
      schema: {
        operationId: 'addCouncilToGroup',
        tags: ['groups'],
        summary: 'Add a served council to a custom group (its administrators only)',
        params: groupIdParamsSchema,
        body: groupCouncilRequestSchema,
        response: { 204: z.null(), ...refusals, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await addCouncilToGroup(db, request, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/groups/:id/councils/:areaCode',
    {
      schema: {
        operationId: 'removeCouncilFromGroup',
        tags: ['groups'],
        summary: 'Take a served council out of a custom group (its administrators only)',
        params: groupCouncilParamsSchema,
        response: { 204: z.null(), ...refusals, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await removeCouncilFromGroup(db, request, request.params.id, request.params.areaCode);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/groups/:id/people',
    {
      schema: {
        operationId: 'grantRegionalRole',
        tags: ['groups'],
        summary: 'Give a person the read-only regional role in a group (administrators of every council in it)',
        params: groupIdParamsSchema,
        body: groupRoleRequestSchema,
        response: { 204: z.null(), ...refusals, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await grantRegionalRole(db, request, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/groups/:id/people/:userId',
    {
      schema: {
        operationId: 'revokeRegionalRole',
        tags: ['groups'],
        summary: "Take away a person's regional role in a group",
        params: groupRoleParamsSchema,
        response: { 204: z.null(), ...refusals, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await revokeRegionalRole(db, request, request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/organisation/regional-pre-release',
    {
      schema: {
        operationId: 'setRegionalPreRelease',
        tags: ['groups'],
        summary: "Whether people with the regional role may see the organisation in view's unpublished figures",
        body: regionalPreReleaseRequestSchema,
        response: { 204: z.null(), ...refusals, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await changeRegionalPreRelease(db, request, request.body.allow);
      return reply.status(204).send(null);
    },
  );
};
