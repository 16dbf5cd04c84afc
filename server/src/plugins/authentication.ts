import type { CurrentUser, Role } from '@kpi/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { recordAudit } from '../audit/auditRepository';
import { findLiveSession, touchSession } from '../auth/sessionsRepository';
import { hashSessionToken } from '../auth/sessionTokens';
import type { SessionCache } from '../cache/sessionCache';
import type { AppConfig } from '../config';
import type { Db } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { ForbiddenError, UnauthorisedError } from '../errors';
import type { SessionUser } from '../http/requestContext';
import { isApiRequest } from '../http/routedPath';

export const SESSION_COOKIE = 'kpi_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person as they are in the organisation in view (set by the request context), or null. */
    user: CurrentUser | null;
    /** The signed-in person as their session finds them, with all their memberships, or null. */
    sessionUser: SessionUser | null;
    sessionTokenHash: string | null;
    /** When the current session was last used and when it ends regardless; null when signed out. */
    sessionTimes: { lastSeenAt: Date; expiresAt: Date } | null;
  }
  interface FastifyContextConfig {
    /**
     * False for routes that read the session without counting as activity (the session-status
     * check the idle warning polls): otherwise asking "when do I time out?" would postpone it.
     */
    extendsSession?: boolean;
  }
}

export interface AuthenticationOptions {
  db: Db;
  sessionIdleMs: number;
  sessions: SessionCache;
}

// Refreshing last_seen_at on every request would write on every read; once a minute is enough for the idle limit.
const TOUCH_INTERVAL_MS = 60_000;

async function authentication(app: FastifyInstance, options: AuthenticationOptions) {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionUser', null);
  app.decorateRequest('sessionTokenHash', null);
  app.decorateRequest('sessionTimes', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    // API calls, and the app's pages (whose HTML preloads a signed-in person's first reads only).
    if (!token || !(isApiRequest(request) || isPageRequest(request.method, request.url))) return;
    const tokenHash = hashSessionToken(token);
    const now = new Date();
    // The session carries the person's memberships of every organisation: read in the system scope.
    const found = await withTenantScope('system', () =>
      options.sessions.find(tokenHash, now, options.sessionIdleMs, () =>
        findLiveSession(options.db, tokenHash, now, options.sessionIdleMs),
      ),
    );
    if (!found) return;
    request.sessionUser = found.user;
    request.sessionTokenHash = tokenHash;
    request.sessionTimes = { lastSeenAt: found.lastSeenAt, expiresAt: found.expiresAt };
    const countsAsActivity = request.routeOptions.config?.extendsSession !== false;
    if (countsAsActivity && now.getTime() - found.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      // Remembered first, so the requests arriving together with this one do not touch it too.
      found.lastSeenAt = now;
      await touchSession(options.db, tokenHash, now);
      request.sessionTimes.lastSeenAt = now;
    }
  });
}

export default fp(authentication, { name: 'authentication', dependencies: ['@fastify/cookie'] });

/** The session cookie: HttpOnly, and Lax so that arriving back from a single sign-on provider carries it. */
export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, config: AppConfig, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  });
}

/** preHandler: the request must come from a signed-in person with one of these roles. */
export function requireRole(db: Db, ...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.user) throw new UnauthorisedError();
    if (roles.length > 0 && !roles.includes(request.user.role)) {
      await recordAudit(db, {
        action: 'access.refused',
        ...request.context.auditActor(),
        target: `${request.method} ${request.routeOptions.url ?? request.url}`,
        outcome: 'refused',
      });
      throw new ForbiddenError();
    }
  };
}

/** preHandler: any signed-in person. */
export function requireSignedIn(db: Db) {
  return requireRole(db);
}

/** A GET of one of the client's pages (no file extension), not of an asset. */
function isPageRequest(method: string, url: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !/\.[A-Za-z0-9]+$/.test(url.split('?')[0] ?? '');
}
