import type { CouncilGroupsResponse, CreateGroupRequest, GroupCouncilRequest, GroupRoleRequest } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { findUserByUsername } from '../accounts/usersRepository';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { organisationByAreaCode } from '../organisations/organisationRepository';
import {
  addGroupCouncil,
  adminOrganisationIds,
  councilsOfGroups,
  findGroup,
  type GroupRow,
  grantGroupRole,
  insertGroup,
  listGroups,
  peopleOfGroups,
  revokeGroupRole,
  servedCouncils,
  setRegionalPreRelease,
} from './groupRepository';

/**
 * Groups of served councils and the regional role (issue 19). Routes are for administrators (of
 * the organisation in view); beyond that, because the regional role opens every council of a group
 * to its holder, only someone who administers every council in a group may grant or revoke it
 * there, and only a council's administrator may add that council to a group. Every change and
 * every refusal is audited.
 */

export const NOT_ADMIN_OF_EVERY_COUNCIL =
  'Only an administrator of every council in the group may grant or revoke the regional role there.';
export const NOT_ADMIN_OF_COUNCIL = 'Only an administrator of that council may add it to a group.';

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

export async function listCouncilGroups(db: Db): Promise<CouncilGroupsResponse> {
  const [groups, councils, people, served] = await Promise.all([
    listGroups(db),
    councilsOfGroups(db),
    peopleOfGroups(db),
    servedCouncils(db),
  ]);
  return {
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      regionCode: g.regionCode,
      councils: (councils.get(g.id) ?? []).map(({ areaCode, name, regionalPreRelease }) => ({
        areaCode,
        name,
        regionalPreRelease,
      })),
      people: people
        .filter((p) => p.groupId === g.id)
        .map(({ userId, username, role }) => ({ userId, username, role })),
    })),
    servedCouncils: served.map(({ areaCode, name, regionalPreRelease }) => ({ areaCode, name, regionalPreRelease })),
  };
}

async function groupOr404(db: Db, id: number): Promise<GroupRow> {
  const group = await findGroup(db, id);
  if (!group) throw new NotFoundError('There is no such group.');
  return group;
}

export async function createGroup(db: Db, request: FastifyRequest, body: CreateGroupRequest) {
  const group = await insertGroup(db, { name: body.name, regionCode: body.regionCode ?? null });
  if (!group) throw new ConflictError('A group with that name, or for that region, already exists.');
  await recordAudit(db, {
    ...request.context.auditActor(),
    action: 'group.created',
    target: `group:${group.id}`,
    details: { name: group.name, regionCode: group.regionCode },
  });
  return { id: group.id };
}

export async function addCouncilToGroup(db: Db, request: FastifyRequest, groupId: number, body: GroupCouncilRequest) {
  const group = await groupOr404(db, groupId);
  if (group.regionCode !== null) throw new ConflictError("A region's group holds every served council in the region.");
  const council = await organisationByAreaCode(db, body.areaCode);
  const mine = await adminOrganisationIds(db, request.user!.id);
  // Unknown and not-administered councils are refused alike: the answer says nothing of other councils.
  if (!council || !mine.has(council.id)) {
    await refuse(db, request, `group:${groupId}`, NOT_ADMIN_OF_COUNCIL, { areaCode: body.areaCode.slice(0, 20) });
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

async function requireAdminOfEveryCouncil(
  db: Db,
  request: FastifyRequest,
  group: GroupRow,
  details: Record<string, unknown>,
) {
  const [councils, mine] = await Promise.all([councilsOfGroups(db), adminOrganisationIds(db, request.user!.id)]);
  const inGroup = councils.get(group.id) ?? [];
  if (inGroup.length === 0 || inGroup.some((c) => !mine.has(c.organisationId)))
    await refuse(db, request, `group:${group.id}`, NOT_ADMIN_OF_EVERY_COUNCIL, details);
}

export async function grantRegionalRole(db: Db, request: FastifyRequest, groupId: number, body: GroupRoleRequest) {
  const group = await groupOr404(db, groupId);
  const person = await findUserByUsername(db, body.username);
  await requireAdminOfEveryCouncil(db, request, group, { username: body.username.slice(0, 100), role: body.role });
  if (!person) throw new NotFoundError('There is no account with that username.');
  await grantGroupRole(db, { userId: person.id, groupId, role: body.role });
  await recordAudit(db, {
    ...request.context.auditActor(),
    action: 'group.role_granted',
    target: `user:${person.id}`,
    details: { groupId, group: group.name, role: body.role },
  });
}

export async function revokeRegionalRole(db: Db, request: FastifyRequest, groupId: number, userId: number) {
  const group = await groupOr404(db, groupId);
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
