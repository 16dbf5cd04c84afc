import type { FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Db } from '../db/database';
import { recordAudit } from './auditRepository';

/**
 * A request the schema refuses never reaches a use case, which audits everything else: record it
 * here, naming the fields at fault but never their values (one may be a password).
 */
export function auditSchemaRefusals(app: FastifyInstance, db: Db, action: string): void {
  app.addHook('onError', async (request, _reply, error) => {
    if (!hasZodFastifySchemaValidationErrors(error)) return;
    await recordAudit(db, {
      ...request.context.auditActor(),
      action,
      target: `${request.method} ${request.routeOptions.url ?? ''}`,
      outcome: 'refused',
      details: { fields: error.validation.map((issue) => issue.instancePath || error.validationContext) },
    });
  });
}
