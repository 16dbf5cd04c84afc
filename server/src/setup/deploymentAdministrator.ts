import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { administersWholeDeployment, councilSightOf } from '../organisations/councilSight';
import { listOrganisations } from './setupRepository';

/**
 * Whether the person may add a council: only the deployment's administrator (councilSight.ts).
 * The set-up page offers "Add a council" only then; anyone else would land on its refusal.
 * Every council is counted (the system scope), but only the answer leaves.
 */
export async function mayAddCouncils(db: Db, request: FastifyRequest): Promise<boolean> {
  const organisations = await withTenantScope('system', () => listOrganisations(db));
  return administersWholeDeployment(
    councilSightOf(request.sessionUser),
    organisations.map((o) => o.id),
  );
}
