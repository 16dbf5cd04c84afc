import type pg from 'pg';

/**
 * Sends reads to PostgreSQL streaming-replication standbys and everything else to the primary,
 * underneath drizzle: it stands where drizzle expects a `pg.Pool`, so repositories keep one `Db`.
 *
 * - A statement is a read when it is a plain SELECT (see `isPlainSelect`); anything else, and every
 *   transaction (drizzle takes a client with `connect()`), runs on the primary.
 * - Freshness, the one rule: a standby serves a read only once it has replayed everything this
 *   process knows to have been committed: its own writes, and every change the primary's LISTEN/NOTIFY
 *   feed has reported from other processes. After each, the primary's WAL insert position is read;
 *   until a standby's replay position has passed it, reads go to the primary. This gives a person's
 *   own reads straight after their write (and everyone's, in this process) the primary's answer,
 *   without a guessed "few seconds" that a lagging standby could outlast, and keeps the response
 *   cache honest: a body cached for a data version is never built from a standby that lacks it.
 *   With several application instances, another instance learns of a write from its notification,
 *   as its response cache already does; session affinity at the load balancer makes that exact.
 * - While the change feed is not live, other processes' changes cannot be seen, so no standby is used.
 * - A standby that fails with a connection-level error is set aside and its read retried on the
 *   primary; it is probed again after a short back-off (1 s, doubling to 15 s). Errors only a standby
 *   gives (a write refused in recovery, a query cancelled by replay) are also retried on the primary.
 */

/** What /api/ready reports of each standby (no address: the route is public). */
export interface StandbyState {
  /** Reachable at the last attempt. */
  available: boolean;
  /** Has replayed everything this process knows of, so serves reads now. */
  current: boolean;
  /** Reads it has answered since the process started. */
  reads: number;
}

interface QueryConfigLike {
  text: string;
}
type QueryArgs = [config: QueryConfigLike | string, values?: unknown[]];

const BACKOFF_FIRST_MS = 1_000;
const BACKOFF_MAX_MS = 15_000;
const WATERMARK_RETRY_MS = 1_000;

/** Data-modifying or session-affecting words that make a SELECT unsafe on a standby. */
const NOT_READ_ONLY =
  /\b(insert|update|delete|merge|nextval|setval|pg_advisory\w*|pg_notify|set_config|into|for\s+(no\s+key\s+)?(update|share|key\s+share))\b/i;

/** A single plain SELECT; anything doubtful is not, and goes to the primary. */
export function isPlainSelect(text: string): boolean {
  return /^\s*select\b/i.test(text) && !NOT_READ_ONLY.test(text) && !text.includes(';');
}

/** `X/Y` (hex) as one number. */
export function parseLsn(lsn: string | null | undefined): bigint | null {
  if (!lsn) return null;
  const match = /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(lsn);
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/** The connection is gone or cannot be made: no SQLSTATE, class 08, or the server shutting down/starting. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** Refusals a standby gives where the primary would answer: read-only transaction, conflict with recovery. */
function isStandbyOnlyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '25006' || code === '40001';
}

class Standby {
  available = false;
  /** The replay position at the last poll; it only grows, so it is a safe lower bound later. */
  replayLsn: bigint | null = null;
  reads = 0;
  private failures = 0;
  private retryAt = 0;
  private polling: Promise<void> | null = null;

  constructor(readonly pool: pg.Pool) {}

  setAside(): void {
    this.available = false;
    this.failures += 1;
    this.retryAt = Date.now() + Math.min(BACKOFF_FIRST_MS * 2 ** (this.failures - 1), BACKOFF_MAX_MS);
  }

  /** Reads its replay position in the background; a failure sets it aside. Returns at once. */
  poll(): void {
    if (this.polling || (!this.available && Date.now() < this.retryAt)) return;
    this.polling = this.pool
      .query<{ lsn: string | null }>('select pg_last_wal_replay_lsn()::text as lsn')
      .then(({ rows }) => {
        const lsn = parseLsn(rows[0]?.lsn);
        // null: not in recovery (promoted, or a primary named by mistake): it is not a standby of ours.
        if (lsn === null) return this.setAside();
        this.replayLsn = lsn;
        this.available = true;
        this.failures = 0;
      })
      .catch(() => this.setAside())
      .finally(() => {
        this.polling = null;
      });
  }
}

export class ReadRoutingPool {
  private readonly standbys: Standby[];
  private next = 0;
  /** Changes seen (own writes and notifications) and how many of them `watermark` covers. */
  private changes = 0;
  private covered = 0;
  private watermark = 0n;
  private refreshing = false;
  private feedLive: () => boolean = () => false;

  constructor(
    private readonly primary: pg.Pool,
    standbyPools: pg.Pool[],
  ) {
    this.standbys = standbyPools.map((pool) => new Standby(pool));
  }

  /** The primary's change feed: each change raises the bar, and without it no standby is used. */
  follow(feed: { readonly live: boolean; onChange(listener: () => void): void }): void {
    this.feedLive = () => feed.live;
    feed.onChange(() => this.changed());
  }

  // drizzle's node-postgres session calls query() for statements and connect() for transactions.
  async query(...args: QueryArgs): Promise<pg.QueryResult> {
    const text = typeof args[0] === 'string' ? args[0] : args[0].text;
    if (!isPlainSelect(text)) return this.onPrimaryWriting(() => this.primary.query(...(args as [string])));
    const standby = this.pickStandby();
    if (standby) {
      try {
        const result = await standby.pool.query(...(args as [string]));
        standby.reads += 1;
        return result;
      } catch (error) {
        if (isConnectionError(error)) standby.setAside();
        else if (!isStandbyOnlyError(error)) throw error;
        // 25006: it wrote after all; the primary's answer is the one to trust, and it is a change.
        if ((error as { code?: string }).code === '25006') {
          return this.onPrimaryWriting(() => this.primary.query(...(args as [string])));
        }
      }
    }
    return this.primary.query(...(args as [string]));
  }

  async connect(): Promise<pg.PoolClient> {
    const client = await this.primary.connect();
    const release = client.release.bind(client);
    // pg-pool gives each checkout a fresh release(); the transaction is over (committed or not) when it is called.
    client.release = (error?: Error | boolean) => {
      this.changed();
      return release(error);
    };
    return client;
  }

  async end(): Promise<void> {
    await Promise.all([this.primary.end(), ...this.standbys.map((s) => s.pool.end())]);
  }

  state(): StandbyState[] {
    const usable = this.usable();
    return this.standbys.map((s) => ({
      available: s.available,
      current: usable && s.available && s.replayLsn !== null && s.replayLsn >= this.watermark,
      reads: s.reads,
    }));
  }

  private async onPrimaryWriting<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } finally {
      this.changed();
    }
  }

  /** Something was committed (or may have been): no standby until the primary's position after it is known. */
  private changed(): void {
    this.changes += 1;
    void this.refreshWatermark();
  }

  private async refreshWatermark(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      while (this.covered < this.changes) {
        const upTo = this.changes;
        // The insert position, not the write position: with synchronous_commit off a commit may not be written yet.
        const { rows } = await this.primary.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
        const lsn = parseLsn(rows[0]?.lsn) ?? 0n;
        if (lsn > this.watermark) this.watermark = lsn;
        this.covered = upTo;
      }
      for (const standby of this.standbys) standby.poll();
    } catch {
      setTimeout(() => void this.refreshWatermark(), WATERMARK_RETRY_MS).unref();
    } finally {
      this.refreshing = false;
    }
  }

  private usable(): boolean {
    return this.feedLive() && this.covered === this.changes;
  }

  /** The next standby, round robin, that has replayed up to the watermark; null means the primary. */
  private pickStandby(): Standby | null {
    if (!this.usable()) return null;
    for (let i = 0; i < this.standbys.length; i += 1) {
      const standby = this.standbys[(this.next + i) % this.standbys.length]!;
      if (standby.available && standby.replayLsn !== null && standby.replayLsn >= this.watermark) {
        this.next = (this.next + i + 1) % this.standbys.length;
        return standby;
      }
      // Behind, or set aside and due a retry: find out in the background; this read goes elsewhere.
      standby.poll();
    }
    return null;
  }
}
