import { organisationSetupSchema, problemSchema, referenceLoadResultSchema, setupStatusSchema } from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppConfig } from '../config';
import type { Db } from '../db/database';
import { requireRole } from '../plugins/authentication';
import { loadReferenceData, setUpOrganisation, setupStatus } from './organisationSetup';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema };

/**
 * Setting up a new installation from the screens (administrators only): load the reference
 * geography shipped with the product, then choose the local authority the installation serves.
 */
export const setupRoutes: FastifyPluginAsyncZod<{ db: Db; config: AppConfig }> = async (app, { db, config }) => {
  app.addHook('onRequest', requireRole(db, 'admin'));

  app.get(
    '/setup',
    {
      schema: {
        operationId: 'getSetupStatus',
        tags: ['setup'],
        summary: 'The organisation (if set up), the reference data held, and the authorities to choose from',
        response: { 200: setupStatusSchema, ...refusals },
      },
    },
    async (request) => setupStatus(db, request, request.context.organisationId),
  );

  app.post(
    '/setup/reference-data',
    {
      schema: {
        operationId: 'loadReferenceData',
        tags: ['setup'],
        summary:
          'Load the areas, DfE statistical-neighbour models and ONS populations shipped in data/reference (idempotent)',
        response: { 200: referenceLoadResultSchema, ...refusals },
      },
    },
    async (request) => loadReferenceData(db, request, config.referenceDir),
  );

  app.post(
    '/setup/organisation',
    {
      schema: {
        operationId: 'setUpOrganisation',
        tags: ['setup'],
        summary: 'Choose the local authority this installation serves; its region and neighbours follow',
        body: organisationSetupSchema,
        response: { 200: setupStatusSchema, ...refusals },
      },
    },
    async (request) => setUpOrganisation(db, request, request.body),
  );
};
