import type { AddMembershipInput, UserSummary } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { auditedChange } from '../audit/auditedChange';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { ConflictError, NotFoundError } from '../errors';
import { grantMembership, membershipsOf } from '../organisations/membershipRepository';
import { administeredCouncils, summaryOf, userTarget } from './userAdminService';
import { findUserByUsername, listUsersWithLastSignIn } from './usersRepository';

/** The one answer for a username that does not exist and for a person who is not the asker's to add. */
const NOT_YOURS =
  'No one in a council you administer has that username. Check it, or add them as a new user if they have no account.';

/**
 * Gives a person who already has an account, in councils the person asking administers, a role in
 * the council in view (which they administer too: the route admits administrators only). Giving
 * someone a place in another council is a power over them in every council they belong to, so,
 * as with their password (`refuseUnlessAdminOfAllTheirCouncils`), the asker must administer every
 * one. A username that does not exist, one in no council, and one in any council the asker does
 * not administer all get the same 404 (and the same audit row), so an administrator of one council
 * cannot learn who has an account in another.
 */
export async function addExistingPerson(
  db: Db,
  request: FastifyRequest,
  input: AddMembershipInput,
): Promise<UserSummary> {
  const organisationId = request.context.organisationId;
  const grant = {
    action: 'user.membership_grant',
    target: userTarget(input.username),
    // two administrators adding the same person at once: the second finds the first's role
    duplicate: 'That person already has a role in this council.',
  };
  const userId = await auditedChange(db, request, grant, async (tx) => {
    if (organisationId === null) {
      throw new ConflictError('Set up the organisation first (Organisation set-up).', 'no_organisation');
    }
    const person = await findUserByUsername(tx, input.username);
    // the person's memberships in every council, not only those the request may read
    const theirs = person ? await withTenantScope('system', () => membershipsOf(tx, person.id)) : [];
    if (!person || theirs.length === 0) throw new NotFoundError(NOT_YOURS);
    // Already here: they are on this council's list, so saying so tells nothing new.
    if (theirs.some((m) => m.organisationId === organisationId)) {
      throw new ConflictError(
        `${person.displayName} already has a role in this council: change it from their page in the list of users.`,
        'already_member',
      );
    }
    const administered = administeredCouncils(request);
    if (theirs.some((m) => !administered.has(m.areaCode))) throw new NotFoundError(NOT_YOURS);
    await grantMembership(tx, { userId: person.id, organisationId, role: input.role, preRelease: input.preRelease });
    await recordAudit(tx, {
      ...request.context.auditActor(),
      action: 'user.membership_grant',
      target: userTarget(person.username),
      details: { role: input.role, preRelease: input.preRelease, alsoIn: theirs.map((m) => m.areaCode) },
    });
    return person.id;
  });
  const added = (await listUsersWithLastSignIn(db, organisationId)).find((u) => u.id === userId);
  if (!added) throw new NotFoundError(NOT_YOURS);
  return summaryOf(added);
}
