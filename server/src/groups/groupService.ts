import type { CouncilGroupsResponse, CreateGroupRequest, GroupCouncilRequest, GroupRoleRequest } from '@kpi/shared';
import { truncateText } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { findUserByUsername } from '../accounts/usersRepository';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { councilSightOf, councilsInSight, groupInSight } from '../organisations/councilSight';
import { membershipsOf } from '../organisations/membershipRepository';
import { organisationByAreaCode } from '../organisations/organisationRepository';
import { listRegions } from '../regional/regionalRepository';
import {
  addGroupCouncil,
  councilsOfGroups,
  findGroup,
  type GroupRow,
  grantGroupRole,
  insertGroup,
  listGroups,
  peopleOfGroups,
  removeGroupCouncil,
  revokeGroupRole,
  servedCouncils,
  setRegionalPreRelease,
} from './groupRepository';

/**
 * Groups of served councils and the regional role (issue 19). Routes are for administrators (of
 * the organisation in view); beyond that, because the regional role opens every council of a group
 * to its holder, only someone who administers every council in a group may grant or revoke it
 * there (refused in words that name no council), and only a council's administrator may add that
 * council to a group or remove it. Every change and every refusal is audited.
 */

/**
 * The one refusal of the regional role, whatever the reason (an empty group, or a council in it the
 * person does not administer, which may be one they cannot read): it names no council and does not
 * say that the group holds any the person is not shown.
 */
export const REGIONAL_ROLE_REFUSED = 'You may not grant or revoke the regional role in this group.';
export const NOT_ADMIN_OF_COUNCIL = 'Only an administrator of that council may add it to a group.';
export const NOT_ADMIN_OF_COUNCIL_TO_REMOVE = 'Only an administrator of that council may remove it from a group.';
export const NOT_A_REGION = 'Choose one of the nine English regions.';
/** Names and regions are unique within the council in view: another council's groups are not its business. */
export const GROUP_NAME_TAKEN = 'This council already has a group with that name, or for that region.';

async function refuse(
  db: Db,
  request: FastifyRequest,
  target: string,
  message: string,
  details: Record<string, unknown>,
) {
  await recordAudit(db, {
    ...request.context.auditActor(),
    action: 'group.refused',
    target,
    outcome: 'refused',
    details,
  });
  throw new ForbiddenError(message);
}

/**
 * The councils the person administers by membership (a group only ever makes them a viewer): from
 * the memberships their session already carries, of every organisation, whichever is in view.
 */
function administeredBy(request: FastifyRequest): ReadonlySet<number> {
  return councilSightOf(request.sessionUser).administered;
}

export async function listCouncilGroups(db: Db, request: FastifyRequest): Promise<CouncilGroupsResponse> {
  const sight = councilSightOf(request.sessionUser);
  const [all, councils, people, served, regions] = await Promise.all([
    listGroups(db),
    councilsOfGroups(db),
    peopleOfGroups(db),
    servedCouncils(db),
    listRegions(db),
  ]);
  const shown = (c: { organisationId: number; areaCode: string; name: string; regionalPreRelease: boolean }) => ({
    areaCode: c.areaCode,
    name: c.name,
    regionalPreRelease: c.regionalPreRelease,
    administered: sight.administered.has(c.organisationId),
  });
  const councilsOf = (groupId: number) => councils.get(groupId) ?? [];
  const groups = all.filter((g) =>
    groupInSight(
      sight,
      g,
      councilsOf(g.id).map((c) => c.organisationId),
      'administrator',
    ),
  );
  return {
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      regionCode: g.regionCode,
      // Of a group's councils, only those the administrator may read: a region's group holds every
      // served council in the region, and which other councils are served here is not theirs to know.
      councils: councilsInSight(sight, councilsOf(g.id)).map(shown),
      people: people
        .filter((p) => p.groupId === g.id)
        .map(({ userId, username, role }) => ({ userId, username, role })),
    })),
    servedCouncils: councilsInSight(
      sight,
      served.map(({ id, ...council }) => ({ organisationId: id, ...council })),
    ).map(shown),
    regions,
  };
}

async function groupOr404(db: Db, request: FastifyRequest, id: number): Promise<GroupRow> {
  const group = await findGroup(db, id);
  const councils = await councilsOfGroups(db);
  const inGroup = group ? (councils.get(group.id) ?? []).map((c) => c.organisationId) : [];
  const known =
    group !== undefined && groupInSight(councilSightOf(request.sessionUser), group, inGroup, 'administrator');
  if (group && !known) {
    // Another council's group is not found, as another council's meeting is; the attempt is audited.
    await recordAudit(db, {
      ...request.context.auditActor(),
      action: 'group.refused',
      target: `group:${id}`,
      outcome: 'refused',
      details: { reason: 'not_an_administrator_of_its_councils' },
    });
  }
  if (!group || !known) throw new NotFoundError('There is no such group.');
  return group;
}

export async function createGroup(db: Db, request: FastifyRequest, body: CreateGroupRequest) {
  // The schema checks the code's shape (E12 and six digits); only the areas table knows the regions.
  if (body.regionCode !== undefined && !(await listRegions(db)).some((r) => r.code === body.regionCode)) {
    await recordAudit(db, {
      ...request.context.auditActor(),
      action: 'group.invalid_request',
      target: `${request.method} ${request.routeOptions.url ?? ''}`,
      outcome: 'refused',
      details: { fields: ['/regionCode'], reason: 'not_a_region' },
    });
    throw new BadRequestError(NOT_A_REGION, [{ path: 'body.regionCode', message: NOT_A_REGION }]);
  }
  const group = await insertGroup(db, {
    name: body.name,
    regionCode: body.regionCode ?? null,
    ownerOrganisationId: request.context.organisationId,
  });
  if (!group) throw new ConflictError(GROUP_NAME_TAKEN);
  await recordAudit(db, {
    ...request.context.auditActor(),
    action: 'group.created',
    target: `group:${group.id}`,
    details: { name: group.name, regionCode: group.regionCode },
  });
  return { id: group.id };
}

export async function addCouncilToGroup(db: Db, request: FastifyRequest, groupId: number, body: GroupCouncilRequest) {
  const group = await groupOr404(db, request, groupId);
  if (group.regionCode !== null) throw new ConflictError("A region's group holds every served council in the region.");
  const council = await organisationByAreaCode(db, body.areaCode);
  const mine = administeredBy(request);
  // Unknown and not-administered councils are refused alike: the answer says nothing of other councils.
  if (!council || !mine.has(council.id)) {
    await refuse(db, request, `group:${groupId}`, NOT_ADMIN_OF_COUNCIL, { areaCode: truncateText(body.areaCode, 20) });
    return;
  }
  await addGroupCouncil(db, groupId, council.id);
  await recordAudit(db, {
    ...request.context.auditActor(),
    action: 'group.council_added',
    target: `group:${groupId}`,
    details: { areaCode: council.areaCode },
  });
}

/**
 * Takes a council out of a custom group: its administrators' choice, as adding it is. A region's
 * group holds every served council in the region, so none is taken out of it.
 */
export async function removeCouncilFromGroup(db: Db, request: FastifyRequest, groupId: number, areaCode: string) {
  const group = await groupOr404(db, request, groupId);
  if (group.regionCode !== null)
    throw new ConflictError("A region's group holds every served council in the region: none can be removed.");
  const council = await organisationByAreaCode(db, areaCode);
  // Unknown and not-administered councils are refused alike: the answer says nothing of other councils.
  if (!council || !administeredBy(request).has(council.id)) {
    await refuse(db, request, `group:${groupId}`, NOT_ADMIN_OF_COUNCIL_TO_REMOVE, {
      areaCode: truncateText(areaCode, 20),
    });
    return;
  }
  if (!(await removeGroupCouncil(db, groupId, council.id)))
    throw new NotFoundError('That council is not in the group.');
  await recordAudit(db, {
    ...request.context.auditActor(),
    action: 'group.council_removed',
    target: `group:${groupId}`,
    details: { areaCode: council.areaCode },
  });
}

async function requireAdminOfEveryCouncil(
  db: Db,
  request: FastifyRequest,
  group: GroupRow,
  details: Record<string, unknown>,
) {
  const councils = await councilsOfGroups(db);
  const mine = administeredBy(request);
  const inGroup = councils.get(group.id) ?? [];
  if (inGroup.length === 0 || inGroup.some((c) => !mine.has(c.organisationId)))
    await refuse(db, request, `group:${group.id}`, REGIONAL_ROLE_REFUSED, details);
}

export async function grantRegionalRole(db: Db, request: FastifyRequest, groupId: number, body: GroupRoleRequest) {
  const group = await groupOr404(db, request, groupId);
  const found = await findUserByUsername(db, body.username);
  await requireAdminOfEveryCouncil(db, request, group, { username: truncateText(body.username, 100), role: body.role });
  const person = found && (await isWithinReach(db, request, found.id)) ? found : undefined;
  // Another council's person is answered as an unknown username is: the answer says nothing of who
  // has an account elsewhere in the deployment (the attempt is audited).
  if (!person) {
    if (found) {
      await recordAudit(db, {
        ...request.context.auditActor(),
        action: 'group.refused',
        target: `group:${groupId}`,
        outcome: 'refused',
        details: { username: truncateText(body.username, 100), reason: 'person_of_other_councils' },
      });
    }
    throw new NotFoundError(NO_SUCH_ACCOUNT);
  }
  await grantGroupRole(db, { userId: person.id, groupId, role: body.role });
  await recordAudit(db, {
    ...request.context.auditActor(),
    action: 'group.role_granted',
    target: `user:${person.id}`,
    details: { groupId, group: group.name, role: body.role },
  });
}

export const NO_SUCH_ACCOUNT = 'There is no account with that username among the people of your councils.';

/**
 * Whether an administrator may name the person at all: a member of a council they administer, or
 * someone of no council (a regional analyst's account) whose regional roles, if any, are all in
 * groups of councils the administrator administers. Anyone else is another council's business.
 */
async function isWithinReach(db: Db, request: FastifyRequest, userId: number): Promise<boolean> {
  const mine = administeredBy(request);
  // the person's memberships in every council, not only those the request may read
  const theirs = await withTenantScope('system', () => membershipsOf(db, userId));
  if (theirs.some((m) => mine.has(m.organisationId))) return true;
  if (theirs.length > 0) return false;
  const [people, councils] = await Promise.all([peopleOfGroups(db), councilsOfGroups(db)]);
  return people
    .filter((p) => p.userId === userId)
    .every((p) => (councils.get(p.groupId) ?? []).every((c) => mine.has(c.organisationId)));
}

export async function revokeRegionalRole(db: Db, request: FastifyRequest, groupId: number, userId: number) {
  const group = await groupOr404(db, request, groupId);
  await requireAdminOfEveryCouncil(db, request, group, { userId });
  if (!(await revokeGroupRole(db, groupId, userId))) throw new NotFoundError('That person holds no role in the group.');
  await recordAudit(db, {
    ...request.context.auditActor(),
    action: 'group.role_revoked',
    target: `user:${userId}`,
    details: { groupId, group: group.name },
  });
}

/** The organisation in view's choice: may regional analysts see its figures before publication? */
export async function changeRegionalPreRelease(db: Db, request: FastifyRequest, allow: boolean) {
  const organisation = await request.context.requireOrganisation(db);
  await setRegionalPreRelease(db, organisation.id, allow);
  await recordAudit(db, {
    ...request.context.auditActor(),
    action: 'organisation.regional_pre_release',
    target: `organisation:${organisation.id}`,
    details: { allow },
  });
}
