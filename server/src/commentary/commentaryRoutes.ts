import {
  actionListResponseSchema,
  agreeCommentaryRequestSchema,
  commentaryParamsSchema,
  createActionRequestSchema,
  idInputSchema,
  kpiActionSchema,
  kpiMonthCommentarySchema,
  problemSchema,
  saveCommentaryRequestSchema,
  sendBackCommentaryRequestSchema,
  submitCommentaryRequestSchema,
  updateActionRequestSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database';
import { requireRole, requireSignedIn } from '../plugins/authentication';
import { readerFrom } from '../publication/publication';
import { findIndicatorForOrganisation } from '../scorecard/indicatorService';
import { createKpiAction, listKpiActions, updateKpiAction } from './actionService';
import { commentarySteps, readCommentary, takeCommentaryStep } from './commentaryService';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const codeParams = z.object({ code: z.string().min(1).max(40) });
const actionParams = codeParams.extend({ id: idInputSchema });

/**
 * Commentary on screen, its review (save, submit, agree, send back) and the actions against a KPI.
 * Roles are checked on arrival (onRequest), before a body is read; the service checks again.
 */
export const commentaryRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const writers = requireRole(db, 'analyst', 'commissioner', 'admin');
  const reviewers = requireRole(db, 'commissioner', 'admin');
  const base = '/indicators/:code/commentary/:month';

  app.get(
    base,
    {
      onRequest: requireSignedIn(db),
      schema: {
        operationId: 'getCommentary',
        tags: ['commentary'],
        summary:
          "A KPI-month's commentary: the agreed text; for those who produce and review it, the latest version and every version",
        params: commentaryParamsSchema,
        response: { 200: kpiMonthCommentarySchema, ...errors },
      },
    },
    async (request) =>
      readCommentary(
        db,
        readerFrom(db, request),
        await findIndicatorForOrganisation(db, request.context, request.params.code),
        request.params.month,
      ),
  );

  const step = <S extends z.ZodTypeAny>(
    path: string,
    operationId: string,
    summary: string,
    body: S,
    who: ReturnType<typeof requireRole>,
    toInput: (body: z.infer<S>) => Parameters<typeof takeCommentaryStep>[4],
  ) =>
    app.post(
      `${base}/${path}`,
      {
        onRequest: who,
        schema: {
          operationId,
          tags: ['commentary'],
          summary,
          params: commentaryParamsSchema,
          body,
          response: { 200: kpiMonthCommentarySchema, ...errors },
        },
      },
      async (request) =>
        takeCommentaryStep(
          db,
          request,
          await findIndicatorForOrganisation(db, request.context, request.params.code),
          request.params.month,
          toInput(request.body as z.infer<S>),
        ),
    );

  step(
    'draft',
    'saveCommentaryDraft',
    'Save a draft (Trust staff, commissioners)',
    saveCommentaryRequestSchema,
    writers,
    commentarySteps.save,
  );
  step(
    'submit',
    'submitCommentary',
    'Submit the draft (or new text) for a commissioner to agree',
    submitCommentaryRequestSchema,
    writers,
    commentarySteps.submit,
  );
  step(
    'agree',
    'agreeCommentary',
    'Agree submitted commentary (commissioners)',
    agreeCommentaryRequestSchema,
    reviewers,
    commentarySteps.agree,
  );
  step(
    'send-back',
    'sendBackCommentary',
    'Send submitted commentary back to the Trust, with a reason (commissioners)',
    sendBackCommentaryRequestSchema,
    reviewers,
    commentarySteps.sendBack,
  );

  app.get(
    '/indicators/:code/actions',
    {
      onRequest: requireSignedIn(db),
      schema: {
        operationId: 'listKpiActions',
        tags: ['commentary'],
        summary: "A KPI's actions, open and closed, each flagged late when past due and not done",
        params: codeParams,
        response: { 200: actionListResponseSchema, ...errors },
      },
    },
    async (request) =>
      listKpiActions(
        db,
        readerFrom(db, request),
        await findIndicatorForOrganisation(db, request.context, request.params.code),
      ),
  );

  app.post(
    '/indicators/:code/actions',
    {
      onRequest: writers,
      schema: {
        operationId: 'createKpiAction',
        tags: ['commentary'],
        summary: 'Record an action: what will be done, its owner, due date, status and the months it responds to',
        params: codeParams,
        body: createActionRequestSchema,
        response: { 201: kpiActionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createKpiAction(
            db,
            request,
            await findIndicatorForOrganisation(db, request.context, request.params.code),
            request.body,
          ),
        ),
  );

  app.patch(
    '/indicators/:code/actions/:id',
    {
      onRequest: writers,
      schema: {
        operationId: 'updateKpiAction',
        tags: ['commentary'],
        summary: "Change an action's text, owner, due date, status or months",
        params: actionParams,
        body: updateActionRequestSchema,
        response: { 200: kpiActionSchema, ...errors },
      },
    },
    async (request) =>
      updateKpiAction(
        db,
        request,
        await findIndicatorForOrganisation(db, request.context, request.params.code),
        request.params.id,
        request.body,
      ),
  );
};
