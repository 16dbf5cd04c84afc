import type { CouncilRename, SetupStatus } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { audit, auditedChange } from '../audit/auditedChange';
import { organisationForChange } from '../contract/organisationForChange';
import type { Db } from '../db/database';
import { ConflictError, NotFoundError } from '../errors';
import { councilSightOf } from '../organisations/councilSight';
import { lockOrganisationNames, renameOrganisation } from '../organisations/organisationRepository';
import { setupStatus } from './organisationSetup';

/** Names compared as people read them: case, spacing and apostrophes aside. */
export function sameCouncilName(a: string, b: string): boolean {
  const plain = (name: string) => name.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLocaleLowerCase('en-GB');
  return plain(a) === plain(b);
}

/** The 409 for a name another council of the deployment has. */
export function refuseNameTaken(names: readonly { name: string }[], name: string): void {
  const clash = names.find((o) => sameCouncilName(o.name, name));
  if (!clash) return;
  throw new ConflictError(
    `Another council in this deployment is already called ${clash.name}. Choose a name that tells them apart.`,
    'duplicate_name',
  );
}

/**
 * Renames the council in view (its administrators, on the set-up screen), audited with the old
 * and new names. Its area code, which addresses it in every URL and header, stays as it is. No
 * two councils the person may read may share a name: the council switcher, exports and the audit
 * log tell them apart by it. The name shown in every session and cached page follows at once
 * (the organisations triggers: migrations/0006 and 0013).
 */
export async function renameCouncil(db: Db, request: FastifyRequest, input: CouncilRename): Promise<SetupStatus> {
  const refusal = { action: 'organisation.rename', target: `organisation:${request.context.organisationId ?? 'none'}` };
  const organisationId = await auditedChange(db, request, refusal, async (tx) => {
    const organisation = await organisationForChange(request.context, tx);
    const name = input.name.trim();
    if (name === organisation.name) return organisation.id;
    // Only the councils the person may read: a clash with one they cannot would tell them it is
    // served here, and its name. Names need telling apart only where someone reads both.
    const readable = councilSightOf(request.sessionUser).readable;
    const others = (await lockOrganisationNames(tx)).filter((o) => o.id !== organisation.id && readable.has(o.id));
    refuseNameTaken(others, name);
    if (!(await renameOrganisation(tx, organisation.id, name)))
      throw new NotFoundError('The council no longer exists.');
    await audit(request, tx, 'organisation.rename', `organisation:${organisation.id}`, {
      areaCode: organisation.areaCode,
      from: organisation.name,
      to: name,
    });
    return organisation.id;
  });
  return setupStatus(db, request, organisationId);
}
