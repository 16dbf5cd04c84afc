import {
  type CreateUserInput,
  passwordProblems,
  type Role,
  type UpdateUserRequest,
  type UserSummary,
} from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { auditedChange } from '../audit/auditedChange';
import { recordAudit } from '../audit/auditRepository';
import { hashPassword } from '../auth/passwords';
import { deleteSessionsOfUser } from '../auth/sessionsRepository';
import type { Db, Tx } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import {
  grantMembership,
  lockActiveAdminIdsIn,
  membershipIn,
  membershipsOf,
  updateMembership,
} from '../organisations/membershipRepository';
import {
  findUserById,
  findUserByUsername,
  insertLocalUser,
  listUsersWithLastSignIn,
  lockActiveAdminIds,
  type UserRow,
  type UserWithLastSignIn,
  updateUser,
} from './usersRepository';

const LAST_ADMIN =
  'This is the last active administrator. Make someone else an administrator first, so the service can still be managed.';
const SSO_PASSWORD =
  'This person signs in through single sign-on: their password is kept by the organisation’s identity provider, not here.';

export function userTarget(username: string): string {
  return `user:${username}`;
}

function toSummary(user: UserRow, lastSignInAt: Date | null): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    signInMethod: user.ssoIssuer ? 'sso' : 'local',
    preRelease: user.preRelease,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function summaryOf(user: UserWithLastSignIn): UserSummary {
  return toSummary(user, user.lastSignInAt);
}

/** The password policy as a 400 with the reasons against the field, so the form can show them. */
export function refuseWeakPassword(password: string, username: string, field: string): void {
  const problems = passwordProblems(password, { username });
  if (problems.length === 0) return;
  throw new BadRequestError(
    problems.join(' '),
    problems.map((message) => ({ path: field, message })),
  );
}

/** What an account change says when the username it would give is taken (usernames are unique). */
const USERNAME_TAKEN = 'That username is already taken.';

/** The accounts of the organisation in view, with their role and pre-release status there. */
export async function listUsers(db: Db, request: FastifyRequest): Promise<UserSummary[]> {
  return (await listUsersWithLastSignIn(db, request.context.organisationId)).map(summaryOf);
}

export async function createUser(db: Db, request: FastifyRequest, input: CreateUserInput): Promise<UserSummary> {
  const creation = { action: 'user.create', target: userTarget(input.username), duplicate: USERNAME_TAKEN };
  return auditedChange(db, request, creation, async (tx) => {
    refuseWeakPassword(input.password, input.username, 'body.password');
    if (await findUserByUsername(tx, input.username)) throw new ConflictError(USERNAME_TAKEN);
    const created = await insertLocalUser(tx, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
    const organisationId = request.context.organisationId;
    if (organisationId !== null) {
      await grantMembership(tx, { userId: created.id, organisationId, role: input.role, preRelease: input.preRelease });
    }
    const preRelease = input.preRelease && organisationId === null;
    const user = preRelease ? ((await updateUser(tx, created.id, { preRelease: true })) ?? created) : created;
    await recordAudit(tx, {
      ...request.context.auditActor(),
      action: 'user.create',
      target: userTarget(user.username),
      details: { role: input.role, preRelease: input.preRelease },
    });
    return toSummary({ ...user, role: input.role, preRelease: input.preRelease }, null);
  });
}

/**
 * The person as the organisation in view sees them (their role and pre-release status there); a
 * person who is not a member of it is not found, whatever other organisation they belong to.
 */
async function findTarget(tx: Tx, request: FastifyRequest, id: number): Promise<UserRow> {
  const user = await findUserById(tx, id);
  if (!user) throw new NotFoundError(NO_SUCH_USER);
  const organisationId = request.context.organisationId;
  if (organisationId === null) return user;
  const membership = await membershipIn(tx, id, organisationId);
  if (!membership) throw new NotFoundError(NO_SUCH_USER);
  return { ...user, role: membership.role, preRelease: membership.preRelease };
}

const NO_SUCH_USER = 'There is no user with that id.';

/** The councils (area codes) the person asking administers: their own admin memberships, never a group's. */
export function administeredCouncils(request: FastifyRequest): Set<string> {
  return new Set(
    (request.user?.organisations ?? []).filter((m) => m.role === 'admin' && !m.regional).map((m) => m.areaCode),
  );
}

/**
 * A password, and whether an account is enabled, belong to the person in every council they are
 * a member of: an administrator of one council may change them only when they administer every
 * council the person belongs to. Otherwise a council's administrator could take over, or lock
 * out, another council's administrator who also belongs to theirs.
 */
async function refuseUnlessAdminOfAllTheirCouncils(tx: Tx, request: FastifyRequest, id: number, what: string) {
  if (request.context.organisationId === null) return;
  // the person's memberships in every council, not only those the request may read
  const theirs = await withTenantScope('system', () => membershipsOf(tx, id));
  const administered = administeredCouncils(request);
  const elsewhere = theirs.filter((m) => !administered.has(m.areaCode));
  if (elsewhere.length === 0) return;
  throw new ForbiddenError(
    `This person also belongs to ${elsewhere.length === 1 ? 'another council' : `${elsewhere.length} other councils`} that you do not administer, and ${what} is theirs in every council, so only someone who administers all of them can change it. You can change their role and pre-release status here.`,
  );
}

/** Role and pre-release status are per organisation: the membership's, or before any organisation, the account's. */
async function changeStanding(
  tx: Tx,
  request: FastifyRequest,
  id: number,
  changes: Partial<{ role: Role; preRelease: boolean }>,
): Promise<void> {
  const organisationId = request.context.organisationId;
  if (organisationId === null) await updateUser(tx, id, changes);
  else await updateMembership(tx, id, organisationId, changes);
}

/** Role, pre-release list, disable/enable. Disabling ends every session of that person at once. */
export async function updateUserByAdmin(
  db: Db,
  request: FastifyRequest,
  id: number,
  changes: UpdateUserRequest,
): Promise<UserSummary> {
  const target = userTarget(await visibleUsername(db, request, id));
  await auditedChange(db, request, { action: 'user.update', target }, async (tx) => {
    const user = await findTarget(tx, request, id);
    if (changes.disabled !== undefined)
      await refuseUnlessAdminOfAllTheirCouncils(tx, request, id, 'whether their account is enabled');
    const isActiveAdmin = user.role === 'admin' && !user.disabledAt;
    const demoting = changes.role !== undefined && changes.role !== 'admin';
    const disabling = changes.disabled === true;
    if (isActiveAdmin && (demoting || disabling)) {
      const organisationId = request.context.organisationId;
      const activeAdmins =
        organisationId === null ? await lockActiveAdminIds(tx) : await lockActiveAdminIdsIn(tx, organisationId);
      if (activeAdmins.filter((adminId) => adminId !== user.id).length === 0) throw new ConflictError(LAST_ADMIN);
    }
    const audit = { ...request.context.auditActor(), target: userTarget(user.username) };

    if (changes.role !== undefined && changes.role !== user.role) {
      await changeStanding(tx, request, id, { role: changes.role });
      await recordAudit(tx, { ...audit, action: 'user.role_change', details: { from: user.role, to: changes.role } });
    }
    if (changes.preRelease !== undefined && changes.preRelease !== user.preRelease) {
      await changeStanding(tx, request, id, { preRelease: changes.preRelease });
      await recordAudit(tx, {
        ...audit,
        action: 'user.pre_release',
        details: { from: user.preRelease, to: changes.preRelease },
      });
    }
    if (changes.disabled === true && !user.disabledAt) {
      await updateUser(tx, id, { disabledAt: new Date() });
      // Deleting the rows is what ends the sessions: nothing in memory may keep one alive.
      const sessionsEnded = await deleteSessionsOfUser(tx, id);
      await recordAudit(tx, { ...audit, action: 'user.disable', details: { sessionsEnded } });
    }
    if (changes.disabled === false && user.disabledAt) {
      await updateUser(tx, id, { disabledAt: null });
      await recordAudit(tx, { ...audit, action: 'user.enable' });
    }
  });
  const updated = (await listUsersWithLastSignIn(db, request.context.organisationId)).find((u) => u.id === id);
  if (!updated) throw new NotFoundError(NO_SUCH_USER);
  return summaryOf(updated);
}

/** An administrator sets a new password for a local account; the person's sessions all end. */
export async function resetUserPassword(db: Db, request: FastifyRequest, id: number, password: string): Promise<void> {
  const target = userTarget(await visibleUsername(db, request, id));
  await auditedChange(db, request, { action: 'user.password_reset', target }, async (tx) => {
    const user = await findTarget(tx, request, id);
    await refuseUnlessAdminOfAllTheirCouncils(tx, request, id, 'their password');
    if (user.ssoIssuer) throw new ConflictError(SSO_PASSWORD);
    refuseWeakPassword(password, user.username, 'body.password');
    await updateUser(tx, id, { passwordHash: await hashPassword(password) });
    const sessionsEnded = await deleteSessionsOfUser(tx, id);
    await recordAudit(tx, {
      ...request.context.auditActor(),
      action: 'user.password_reset',
      target: userTarget(user.username),
      details: { sessionsEnded },
    });
  });
}

/** The username for the audit target, only for a member of the organisation in view (an id alone otherwise). */
async function visibleUsername(db: Db, request: FastifyRequest, id: number): Promise<string> {
  const existing = await findUserById(db, id);
  const organisationId = request.context.organisationId;
  const visible = existing && (organisationId === null || (await membershipIn(db, id, organisationId)));
  return visible ? existing.username : `#${id}`;
}
