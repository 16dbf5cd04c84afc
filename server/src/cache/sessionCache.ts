import type { ChangeFeed } from '../db/changeFeed';
import type { SessionUser } from '../http/requestContext';

export interface LiveSession {
  user: SessionUser;
  lastSeenAt: Date;
  expiresAt: Date;
}

/**
 * Live sessions remembered for a few seconds, so a signed-in request costs no database round
 * trip. What ends or changes a session reaches it three ways: a write request handled by this
 * process forgets everything before its response is sent; the sessions/users triggers notify
 * every process; and nothing is remembered longer than `ttlMs`, which bounds how long another
 * process's change can go unseen while the notification connection is down. A remembered
 * session is still checked against its absolute and idle limits on every use.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: LiveSession; until: number }>();
  private readonly inflight = new Map<string, Promise<LiveSession | undefined>>();
  private generation = 0;

  constructor(
    feed: ChangeFeed,
    private readonly ttlMs: number,
  ) {
    feed.onChange((channel) => {
      if (channel === 'sessions_changed') this.forgetAll();
    });
  }

  forgetAll(): void {
    this.entries.clear();
    this.inflight.clear();
    this.generation += 1;
  }

  /**
   * The live session for this token: remembered, or looked up once however many requests ask at
   * the same moment. A lookup that started before something was forgotten is answered but not
   * remembered.
   */
  async find(
    tokenHash: string,
    now: Date,
    idleMs: number,
    lookUp: () => Promise<LiveSession | undefined>,
  ): Promise<LiveSession | undefined> {
    const remembered = this.entries.get(tokenHash);
    if (remembered) {
      const { session, until } = remembered;
      const live = session.expiresAt > now && now.getTime() - session.lastSeenAt.getTime() < idleMs;
      // Not live by this process's memory: another process may have seen it more recently, so ask.
      if (until > now.getTime() && live) return session;
      this.entries.delete(tokenHash);
    }
    let pending = this.inflight.get(tokenHash);
    if (!pending) {
      const startedAt = this.generation;
      pending = lookUp().then(
        (session) => {
          if (this.generation === startedAt) {
            this.inflight.delete(tokenHash);
            if (session) this.remember(tokenHash, session, now.getTime() + this.ttlMs);
          }
          return session;
        },
        (error: unknown) => {
          if (this.generation === startedAt) this.inflight.delete(tokenHash);
          throw error;
        },
      );
      this.inflight.set(tokenHash, pending);
    }
    return pending;
  }

  private remember(tokenHash: string, session: LiveSession, until: number) {
    // Entries are otherwise dropped only when their token comes back; bound the map for the rest.
    if (this.entries.size >= MAX_ENTRIES) {
      const now = Date.now();
      for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    }
    this.entries.set(tokenHash, { session, until });
  }
}

const MAX_ENTRIES = 10_000;
