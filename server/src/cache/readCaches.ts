import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import type { RequestContext } from '../http/requestContext';
import { CachedReads } from './cachedReads';
import { DataVersion } from './dataVersion';
import { ResponseCache } from './responseCache';
import { SessionCache } from './sessionCache';

/** How long another process's change to a session can go unseen if its notification is lost. */
const SESSION_CACHE_MS = 5_000;
/** Scorecards are about 250 KB each; this holds every month's for a few years at both visibilities. */
const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A GET that writes (the single sign-on callback): it forgets the caches as other writes do. */
    changesState?: boolean;
  }
}

export interface ReadCaches {
  sessions: SessionCache;
  reads: CachedReads;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's caches: tests read how many bodies were computed rather than served from the cache. */
    readCaches: ReadCaches;
  }
}

/**
 * The in-memory caches of one application instance, kept fresh by the database's change
 * notifications. A write handled here also forgets them before its response is sent, so whoever
 * made the write sees it on their next request without waiting for the notification to arrive.
 */
export function openReadCaches(app: FastifyInstance, database: Database): ReadCaches {
  const feed = database.openChangeFeed();
  const dataVersion = new DataVersion(database.db, feed);
  const sessions = new SessionCache(feed, SESSION_CACHE_MS);
  const reads = new CachedReads(database.db, dataVersion, new ResponseCache(RESPONSE_CACHE_BYTES));
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (!SAFE_METHODS.has(request.method) || request.routeOptions.config?.changesState === true) {
      // A request with an organisation in view writes that organisation's data in its scope, or
      // shared data in the system scope (onboarding, setting up): forgetting the organisation's
      // version makes its next read here ask for the global version too, so the writer sees either
      // at once; other councils' reads here learn of a global change from its notification.
      const organisationId = (request.context as RequestContext | null)?.organisationId ?? null;
      if (organisationId === null) dataVersion.forgetAll();
      else dataVersion.forgetOrganisations([organisationId]);
      sessions.forgetAll();
    }
    done(null, payload);
  });
  app.addHook('onClose', async () => feed.close());
  const caches = { sessions, reads };
  app.decorate('readCaches', caches);
  return caches;
}
