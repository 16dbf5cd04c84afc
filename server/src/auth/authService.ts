import type { LoginRequest, MeResponse, SessionStatus } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { findUserByUsername, type UserRow } from '../accounts/usersRepository';
import { countRecentSignInFailures, recordAudit, type SignInFailures } from '../audit/auditRepository';
import type { AppConfig } from '../config';
import type { Db, DbOrTx } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { TooManyRequestsError, UnauthorisedError } from '../errors';
import {
  createRequestContext,
  type RequestContext,
  type RequestMeta,
  type SessionUser,
  userInView,
} from '../http/requestContext';
import { readableMembershipsOf } from '../organisations/membershipRepository';
import { anyOrganisation } from '../organisations/organisationRepository';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { deleteSession, insertSession, touchSession } from './sessionsRepository';
import { hashSessionToken, newSessionToken } from './sessionTokens';

const WRONG_CREDENTIALS = 'The username or password is not correct.';

export async function currentUserResponse(context: RequestContext): Promise<MeResponse> {
  const user = context.user!;
  const organisation = await context.organisation();
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
  // The request arrived signed out: the answer is for the person now signed in, in their default organisation.
  const signedIn = await signedInContext(db, user, request.context.meta);
  return { token, me: await currentUserResponse(signedIn) };
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

/** The context of a person just signed in: as they are in their default organisation. */
export async function signedInContext(db: DbOrTx, user: UserRow, meta: RequestMeta): Promise<RequestContext> {
  // Their memberships of every organisation (and the councils their groups reach), before one is
  // in view: the system scope.
  const memberships = await withTenantScope('system', () => readableMembershipsOf(db, user.id));
  const session: SessionUser = {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    signInMethod: user.ssoIssuer ? 'sso' : 'local',
    roleBeforeSetup: user.role,
    preReleaseBeforeSetup: user.preRelease,
    memberships,
  };
  const inView = memberships[0];
  const beforeSetup = !inView && !(await anyOrganisation(db));
  return createRequestContext(db, userInView(session, inView, { beforeSetup }), meta, inView?.organisationId ?? null);
}

/**
 * Sign-in throttling (OWASP ASVS 6.3.1), by account and by address, with delays that grow, and no
 * lockout anyone can impose on someone else:
 * - one address failing for one account waits longer after each failure past the limit
 *   (30 s, 60 s, 120 s … up to the window), so guessing from there slows to a crawl;
 * - an address failing for many accounts (password spraying) is refused for the window;
 * - the account itself is never locked: from any other address the right password still signs
 *   in, after a short pause that grows with the account's failures (at most a few seconds), which
 *   costs an attacker spread over many addresses far more than it costs the councillor.
 */
export function signInThrottleDecision(
  failures: SignInFailures,
  limits: AppConfig['signInThrottle'],
  now: number,
): { refuse: 'address' | 'account_here' | null; retryAfterSeconds: number; pauseMs: number } {
  const windowSeconds = limits.windowMinutes * 60;
  if (failures.forAddress >= limits.maxFailuresPerAddress) {
    return { refuse: 'address', retryAfterSeconds: windowSeconds, pauseMs: 0 };
  }
  const pastLimitHere = failures.forAccountHere - limits.maxFailuresPerAccount;
  if (pastLimitHere >= 0 && failures.lastForAccountHere) {
    const delaySeconds = Math.min(windowSeconds, BASE_DELAY_SECONDS * 2 ** Math.min(pastLimitHere, 20));
    const waited = (now - failures.lastForAccountHere.getTime()) / 1000;
    if (waited < delaySeconds) {
      return { refuse: 'account_here', retryAfterSeconds: Math.max(1, Math.ceil(delaySeconds - waited)), pauseMs: 0 };
    }
  }
  const pastLimit = failures.forAccount - limits.maxFailuresPerAccount;
  const pauseMs = pastLimit < 0 ? 0 : Math.min(MAX_PAUSE_MS, BASE_PAUSE_MS * 2 ** Math.min(pastLimit, 10));
  return { refuse: null, retryAfterSeconds: 0, pauseMs };
}

const BASE_DELAY_SECONDS = 30;
const BASE_PAUSE_MS = 250;
const MAX_PAUSE_MS = 4_000;

async function refuseIfThrottled(db: Db, config: AppConfig, request: FastifyRequest, username: string) {
  const windowMs = config.signInThrottle.windowMinutes * 60_000;
  const now = Date.now();
  // An administrator's password reset (audited in their organisation) ends the count: the system scope.
  const failures = await withTenantScope('system', () =>
    countRecentSignInFailures(db, { username, ipAddress: request.ip, since: new Date(now - windowMs) }),
  );
  const decision = signInThrottleDecision(failures, config.signInThrottle, now);
  if (decision.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.pauseMs));
  if (!decision.refuse) return;
  await recordAudit(db, {
    action: 'auth.login',
    outcome: 'refused',
    username,
    details: { reason: decision.refuse === 'address' ? 'throttled_address' : 'throttled_account_address' },
    requestId: String(request.id),
    ipAddress: request.ip,
  });
  const wait =
    decision.retryAfterSeconds >= 120
      ? `${Math.ceil(decision.retryAfterSeconds / 60)} minutes`
      : `${decision.retryAfterSeconds} seconds`;
  throw new TooManyRequestsError(
    `Too many failed sign-in attempts from this address. Wait ${wait} and try again, or ask an administrator to reset your password.`,
    decision.retryAfterSeconds,
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
