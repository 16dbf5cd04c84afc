import type { CurrentUser, LoginRequest, MeResponse, SessionStatus } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords';
import { hashSessionToken, newSessionToken } from '../auth/sessionTokens';
import type { AppConfig } from '../config';
import type { Db, DbOrTx } from '../db/database';
import { TooManyRequestsError, UnauthorisedError } from '../errors';
import { countRecentSignInFailures, recordAudit } from '../repositories/auditRepository';
import { findOrganisation } from '../repositories/organisationRepository';
import { deleteSession, insertSession, touchSession } from '../repositories/sessionsRepository';
import { findUserByUsername, type UserRow } from '../repositories/usersRepository';

const WRONG_CREDENTIALS = 'The username or password is not correct.';

export async function currentUserResponse(db: Db, user: CurrentUser): Promise<MeResponse> {
  const organisation = await findOrganisation(db);
  return {
    user,
    organisation: organisation ? { name: organisation.name, laCode: organisation.areaCode } : null,
  };
}

/** Checks the credentials and starts a new session; any session the browser already had is ended. */
export async function signIn(db: Db, config: AppConfig, request: FastifyRequest, credentials: LoginRequest) {
  await refuseIfThrottled(db, config, request, credentials.username);
  const user = await findUserByUsername(db, credentials.username);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, credentials.password)
    : await verifyPassword(await decoyPasswordHash(), credentials.password).then(() => false);
  const audit = { requestId: String(request.id), ipAddress: request.ip };

  if (!user || !valid || user.disabledAt) {
    await recordAudit(db, {
      ...audit,
      action: 'auth.login',
      outcome: 'failure',
      userId: user?.id ?? null,
      username: credentials.username,
      details: { reason: !user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'wrong_password' },
    });
    throw new UnauthorisedError(WRONG_CREDENTIALS);
  }

  const token = await startSession(db, config, request, user.id);
  await recordAudit(db, { ...audit, action: 'auth.login', userId: user.id, username: user.username });
  return { token, me: await currentUserResponse(db, currentUserOf(user)) };
}

/**
 * Starts a new session for a person whose identity has been checked, by whatever method, and
 * ends any session the browser already had, so a session fixed before sign-in is never promoted.
 * Returns the token for the cookie.
 */
export async function startSession(db: DbOrTx, config: AppConfig, request: FastifyRequest, userId: number) {
  if (request.sessionTokenHash) await deleteSession(db, request.sessionTokenHash);
  const token = newSessionToken();
  await insertSession(db, {
    tokenHash: hashSessionToken(token),
    userId,
    expiresAt: new Date(Date.now() + config.sessionAbsoluteMs),
    ipAddress: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
  });
  return token;
}

export function currentUserOf(user: UserRow): CurrentUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    preRelease: user.preRelease,
    signInMethod: user.ssoIssuer ? 'sso' : 'local',
  };
}

/** Too many recent failures for the account or from the address: refuse before checking the password. */
async function refuseIfThrottled(db: Db, config: AppConfig, request: FastifyRequest, username: string) {
  const windowMs = config.signInThrottle.windowMinutes * 60_000;
  const failures = await countRecentSignInFailures(db, {
    username,
    ipAddress: request.ip,
    since: new Date(Date.now() - windowMs),
  });
  const forAccount = failures.forAccount >= config.signInThrottle.maxFailuresPerAccount;
  const forAddress = failures.forAddress >= config.signInThrottle.maxFailuresPerAddress;
  if (!forAccount && !forAddress) return;
  await recordAudit(db, {
    action: 'auth.login',
    outcome: 'refused',
    username,
    details: { reason: forAccount ? 'throttled_account' : 'throttled_address' },
    requestId: String(request.id),
    ipAddress: request.ip,
  });
  throw new TooManyRequestsError(
    `Too many failed sign-in attempts. Wait ${config.signInThrottle.windowMinutes} minutes and try again, or ask an administrator to reset your password.`,
    config.signInThrottle.windowMinutes * 60,
  );
}

export async function endSession(db: Db, request: FastifyRequest): Promise<void> {
  if (!request.sessionTokenHash) return;
  await deleteSession(db, request.sessionTokenHash);
  await recordAudit(db, {
    action: 'auth.logout',
    userId: request.user?.id ?? null,
    username: request.user?.username ?? null,
    requestId: String(request.id),
    ipAddress: request.ip,
  });
}

/** When the current session times out; reading it is not activity (see `extendsSession`). */
export function sessionStatus(config: AppConfig, request: FastifyRequest, now = new Date()): SessionStatus {
  const times = request.sessionTimes;
  if (!times) throw new UnauthorisedError();
  return {
    idleExpiresAt: new Date(times.lastSeenAt.getTime() + config.sessionIdleMs).toISOString(),
    absoluteExpiresAt: times.expiresAt.toISOString(),
    serverTime: now.toISOString(),
    idleMinutes: Math.round(config.sessionIdleMs / 60_000),
    absoluteHours: Math.round(config.sessionAbsoluteMs / 3_600_000),
  };
}

/** "Stay signed in": counts as activity now, whenever the session was last touched. */
export async function extendSession(db: Db, config: AppConfig, request: FastifyRequest): Promise<SessionStatus> {
  if (!request.sessionTokenHash || !request.sessionTimes) throw new UnauthorisedError();
  const now = new Date();
  await touchSession(db, request.sessionTokenHash, now);
  request.sessionTimes.lastSeenAt = now;
  return sessionStatus(config, request, now);
}
