import { idInputSchema, problemSchema, spcRebaseCreateSchema, spcRebaseSchema } from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database';
import { requireRole, requireSignedIn } from '../plugins/authentication';
import { createSpcRebase, withdrawSpcRebase } from './spcRebaseService';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/**
 * SPC rebase points. Recalculating limits changes what every reader is told about a KPI (signal
 * or noise), so only those who own the figures' interpretation, commissioners and administrators,
 * may do it, always with a reason, and every change is in the audit log. They are listed in the
 * series response (`spc.rebases`) for everyone.
 */
export const spcRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addHook('onRequest', requireSignedIn(db));

  app.post(
    '/indicators/:code/spc-rebases',
    {
      // onRequest: anyone else is refused before the body is read or validated.
      onRequest: requireRole(db, 'commissioner', 'admin'),
      schema: {
        operationId: 'createSpcRebase',
        tags: ['kpis'],
        summary: "Recalculate an indicator's SPC limits from a month, with the reason",
        params: z.object({ code: z.string().min(1).max(40) }),
        body: spcRebaseCreateSchema,
        response: { 201: spcRebaseSchema, ...refusals, 409: problemSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSpcRebase(db, request, request.params.code, request.body)),
  );

  app.delete(
    '/indicators/:code/spc-rebases/:id',
    {
      // onRequest: anyone else is refused before the body is read or validated.
      onRequest: requireRole(db, 'commissioner', 'admin'),
      schema: {
        operationId: 'withdrawSpcRebase',
        tags: ['kpis'],
        summary: 'Withdraw a rebase point: the limits run on across it',
        params: z.object({
          code: z.string().min(1).max(40),
          id: idInputSchema,
        }),
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await withdrawSpcRebase(db, request, request.params.code, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
