import {
  councilOnboardingSchema,
  councilRenameSchema,
  onboardedCouncilSchema,
  onboardingCandidatesSchema,
  problemSchema,
  setupStatusSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditSchemaRefusals } from '../audit/schemaRefusals';
import type { Db } from '../db/database';
import { requireRole } from '../plugins/authentication';
import { onboardCouncil, onboardingCandidates } from './councilOnboarding';
import { renameCouncil } from './councilSettings';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema };

/**
 * Onboarding another council into a deployment that serves several, and renaming the council in
 * view: administrators only (the role they hold in the council in view).
 */
export const onboardingRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addHook('onRequest', requireRole(db, 'admin'));
  auditSchemaRefusals(app, db, 'organisation.invalid_request');

  app.get(
    '/organisations/candidates',
    {
      schema: {
        operationId: 'listOnboardingCandidates',
        tags: ['setup'],
        summary:
          'For the administrator of the whole deployment (of every council it serves): the DfE local authorities not yet onboarded (with their regions), the statistical-neighbour models, and the councils whose KPI configuration may be copied',
        response: { 200: onboardingCandidatesSchema, ...refusals },
      },
    },
    async (request) => onboardingCandidates(db, request),
  );

  app.post(
    '/organisations',
    {
      schema: {
        operationId: 'onboardCouncil',
        tags: ['setup'],
        summary:
          'For the administrator of the whole deployment (of every council it serves): onboard another council from the DfE list; its region, neighbours, populations and comparators follow, and it may start from a council’s KPI configuration',
        body: councilOnboardingSchema,
        response: { 201: onboardedCouncilSchema, ...refusals },
      },
    },
    async (request, reply) => reply.status(201).send(await onboardCouncil(db, request, request.body)),
  );

  app.put(
    '/organisation/name',
    {
      schema: {
        operationId: 'renameCouncil',
        tags: ['setup'],
        summary:
          'Rename the council in view, as shown on screens and exports (its area code, which addresses it, stays); no two councils of a deployment share a name',
        body: councilRenameSchema,
        response: { 200: setupStatusSchema, ...refusals },
      },
    },
    async (request) => renameCouncil(db, request, request.body),
  );
};
