import type { Db, Tx } from '../db/database';
import { ConflictError } from '../errors';
import type { RequestContext } from '../http/requestContext';

/** The organisation a change applies to; a fresh installation must be set up first. */
export async function organisationForChange(context: RequestContext, db: Db | Tx) {
  const organisation = await context.organisation(db);
  if (!organisation) {
    throw new ConflictError(
      'Set up the organisation first (Organisation set-up, administrators only).',
      'no_organisation',
    );
  }
  return organisation;
}
