import {
  AUDIT_READER_ROLES,
  auditFilterQuerySchema,
  auditPageSchema,
  auditQuerySchema,
  problemSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database';
import { downloadResponse, sendDownload } from '../exports/dataExport';
import { requireRole } from '../plugins/authentication';
import { auditCsv, auditPage } from './recordOfChanges';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** The record of changes (shared AUDIT_READER_ROLES); anyone else is refused (403, audited) before the query is read. */
export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addHook('onRequest', requireRole(db, ...AUDIT_READER_ROLES));

  app.get(
    '/audit',
    {
      schema: {
        operationId: 'listAuditEntries',
        tags: ['audit'],
        summary:
          "The council in view's record of changes, newest first, a page at a time: who did what, when, to what, and what changed",
        description:
          "Keyset pagination: send the answer's `nextCursor` as `cursor` for the next (older) page. Filters: `kind` of action, `person` (a username of a member of the council), `from`/`to` (UK dates, both included). Anything secret in an entry's details is withheld.",
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...refusals },
      },
    },
    async (request) => auditPage(db, request, request.query),
  );

  app.get(
    '/audit.csv',
    {
      schema: {
        operationId: 'exportAuditEntriesCsv',
        tags: ['audit'],
        summary: 'The same filtered record of changes as one CSV file (at most 20,000 entries)',
        querystring: auditFilterQuerySchema,
        response: { 200: downloadResponse(['csv']), ...refusals },
      },
    },
    async (request, reply) => sendDownload(reply, await auditCsv(db, request, request.query)),
  );
};
