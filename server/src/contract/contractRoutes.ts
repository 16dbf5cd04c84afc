import {
  idInputSchema,
  indicatorAdminListSchema,
  indicatorAdminSchema,
  indicatorBandsSchema,
  indicatorInputSchema,
  indicatorUpdateSchema,
  kpiSetAdminListSchema,
  kpiSetProposalInputSchema,
  meetingInputSchema,
  meetingSchema,
  meetingUpdateSchema,
  problemSchema,
  proposalDecisionSchema,
  proposalListSchema,
  proposalSchema,
  reliefEventInputSchema,
  reliefEventListSchema,
  reliefEventSchema,
  thresholdProposalInputSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditSchemaRefusals } from '../audit/schemaRefusals';
import type { Db } from '../db/database';
import { requireRole } from '../plugins/authentication';
import { createMeeting, createReliefEvent, editMeeting, listKpiSetAdmin, listReliefEventDtos } from './calendar';
import { createIndicator, editIndicator, listIndicatorAdmin } from './indicatorAdmin';
import { decide, listProposalDtos, proposeKpiSet, proposeThreshold } from './proposals';
import { indicatorBands } from './thresholdChanges';

const idParams = z.object({ id: idInputSchema });
const codeParams = z.object({ code: z.string().min(1).max(32) });
const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema };
const MANAGERS = ['commissioner', 'admin'] as const;

/**
 * The contract, managed in the product: the KPI library, KPI sets, bands (through proposals a
 * second person approves), relief events and meetings. Reading is open to any signed-in person;
 * changing is for commissioners and administrators, checked before the body is read.
 */
export const contractRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const anyone = requireRole(db);
  const managers = requireRole(db, ...MANAGERS);
  auditSchemaRefusals(app, db, 'contract.invalid_request');

  app.get(
    '/contract/indicators',
    {
      onRequest: anyone,
      schema: {
        operationId: 'listIndicatorLibrary',
        tags: ['contract'],
        summary: 'The KPI library: every indicator with all its fields, and whether it is in use',
        response: { 200: indicatorAdminListSchema, ...refusals },
      },
    },
    async (request) => ({ indicators: await listIndicatorAdmin(db, request.context) }),
  );

  app.post(
    '/contract/indicators',
    {
      onRequest: managers,
      schema: {
        operationId: 'createIndicator',
        tags: ['contract'],
        summary: 'Add an indicator to the library (commissioners, administrators)',
        body: indicatorInputSchema,
        response: { 201: indicatorAdminSchema, ...refusals },
      },
    },
    async (request, reply) => reply.status(201).send(await createIndicator(db, request, request.body)),
  );

  app.patch(
    '/contract/indicators/:code',
    {
      onRequest: managers,
      schema: {
        operationId: 'updateIndicator',
        tags: ['contract'],
        summary: 'Edit an indicator; unit, precision, polarity and measure type are fixed once it has figures or bands',
        params: codeParams,
        body: indicatorUpdateSchema,
        response: { 200: indicatorAdminSchema, ...refusals, 404: problemSchema },
      },
    },
    async (request) => editIndicator(db, request, request.params.code, request.body),
  );

  app.get(
    '/contract/indicators/:code/bands',
    {
      onRequest: anyone,
      schema: {
        operationId: 'listIndicatorBands',
        tags: ['contract'],
        summary: "An indicator's bands, version by version, and the first month new or corrected bands may start",
        params: codeParams,
        response: { 200: indicatorBandsSchema, ...refusals, 404: problemSchema },
      },
    },
    async (request) => indicatorBands(db, request.context, request.params.code),
  );

  app.get(
    '/contract/kpi-sets',
    {
      onRequest: anyone,
      schema: {
        operationId: 'listKpiSets',
        tags: ['contract'],
        summary: 'KPI sets with their effective dates, indicators in order and grace periods',
        response: { 200: kpiSetAdminListSchema, ...refusals },
      },
    },
    async (request) => ({ kpiSets: await listKpiSetAdmin(db, request.context) }),
  );

  app.get(
    '/contract/proposals',
    {
      onRequest: managers,
      schema: {
        operationId: 'listProposals',
        tags: ['contract'],
        summary: 'Proposed changes to KPI sets and bands, pending and decided',
        response: { 200: proposalListSchema, ...refusals },
      },
    },
    async (request) => ({ proposals: await listProposalDtos(db, request) }),
  );

  app.post(
    '/contract/proposals/kpi-set',
    {
      onRequest: managers,
      schema: {
        operationId: 'proposeKpiSet',
        tags: ['contract'],
        summary: 'Propose a new KPI set or a change to one; a second person in the other role approves it',
        body: kpiSetProposalInputSchema,
        response: { 201: proposalSchema, ...refusals },
      },
    },
    async (request, reply) => reply.status(201).send(await proposeKpiSet(db, request, request.body)),
  );

  app.post(
    '/contract/proposals/threshold',
    {
      onRequest: managers,
      schema: {
        operationId: 'proposeThreshold',
        tags: ['contract'],
        summary: "Propose new bands for an indicator from a month, in the contract's words ('Target > 85%')",
        body: thresholdProposalInputSchema,
        response: { 201: proposalSchema, ...refusals },
      },
    },
    async (request, reply) => reply.status(201).send(await proposeThreshold(db, request, request.body)),
  );

  for (const [verb, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/contract/proposals/:id/${verb}`,
      {
        onRequest: managers,
        schema: {
          operationId: `${verb}Proposal`,
          tags: ['contract'],
          summary:
            verb === 'approve'
              ? 'Approve and apply a proposed change (not its proposer; a commissioner for an administrator’s, and the other way round)'
              : 'Reject a proposed change (not its proposer)',
          params: idParams,
          body: proposalDecisionSchema.optional(),
          response: { 200: proposalSchema, ...refusals, 404: problemSchema },
        },
      },
      async (request) => decide(db, request, request.params.id, decision, request.body?.note),
    );
  }

  app.get(
    '/contract/relief-events',
    {
      onRequest: anyone,
      schema: {
        operationId: 'listReliefEvents',
        tags: ['contract'],
        summary: 'Agreed relief events: the KPIs and months whose failures carry no consequence',
        response: { 200: reliefEventListSchema, ...refusals },
      },
    },
    async (request) => ({ reliefEvents: await listReliefEventDtos(db, request.context) }),
  );

  app.post(
    '/contract/relief-events',
    {
      onRequest: managers,
      schema: {
        operationId: 'createReliefEvent',
        tags: ['contract'],
        summary: 'Record a relief event agreed on a date, for named KPIs over a range of months, with its reason',
        body: reliefEventInputSchema,
        response: { 201: reliefEventSchema, ...refusals },
      },
    },
    async (request, reply) => reply.status(201).send(await createReliefEvent(db, request, request.body)),
  );

  app.post(
    '/contract/meetings',
    {
      onRequest: managers,
      schema: {
        operationId: 'createMeeting',
        tags: ['contract'],
        summary: 'Add a meeting: the committee, its date and the months it covers',
        body: meetingInputSchema,
        response: { 201: meetingSchema, ...refusals },
      },
    },
    async (request, reply) => reply.status(201).send(await createMeeting(db, request, request.body)),
  );

  app.patch(
    '/contract/meetings/:id',
    {
      onRequest: managers,
      schema: {
        operationId: 'updateMeeting',
        tags: ['contract'],
        summary: 'Reschedule a meeting or change its months, until it is published',
        params: idParams,
        body: meetingUpdateSchema,
        response: { 200: meetingSchema, ...refusals, 404: problemSchema },
      },
    },
    async (request) => editMeeting(db, request, request.params.id, request.body),
  );
};
