import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import pg from 'pg';

/**
 * Which organisations' rows the current work may touch, for PostgreSQL's row-level security
 * (migrations/0014_row_level_security.sql): the organisations' ids, or `system` for work that is
 * about no one organisation (migrations, the seed, setting up or onboarding a council, signing in
 * and looking up a session). It travels with the work in AsyncLocalStorage, so no repository
 * passes it on; each connection is given it (`app.organisation_ids`) before a statement runs.
 * Work outside any scope sees no tenant rows at all: forgetting the scope fails closed.
 */
export type TenantScope = readonly number[] | 'system';

/** The scope of one piece of work; a request's is filled in once its organisation is known. */
export interface ScopeHolder {
  scope: TenantScope | null;
}

const storage = new AsyncLocalStorage<ScopeHolder>();

/**
 * Runs `work` with this scope (nested calls replace it for their duration only). It is awaited
 * inside the scope: a drizzle query is lazy, and would otherwise run where it is awaited, outside.
 */
export async function withTenantScope<T>(scope: TenantScope, work: () => T | PromiseLike<T>): Promise<T> {
  return storage.run({ scope }, async () => await work());
}

/**
 * Starts a request's scope, empty until `setRequestScope` names its organisation, and runs
 * `next` in it with a resource that re-enters it: Fastify runs a POST's later hooks and handler
 * from the request body's events, which have lost the async context (see plugins/tenantScope.ts).
 */
export function beginRequestScope(next: (resource: AsyncResource) => void): void {
  storage.run({ scope: null }, () => next(new AsyncResource('kpi-tenant-scope')));
}

/** Names the organisations of the current request (its holder, set by beginRequestScope). */
export function setRequestScope(scope: TenantScope | null): void {
  const holder = storage.getStore();
  if (holder) holder.scope = scope;
}

/**
 * The value of `app.organisation_ids` for the current work: '' (nothing), 'system' or '3,7'.
 * `outsideAnyWork` is the scope of work that has no scope holder at all (nothing started a
 * request or called withTenantScope): null, as in production, gives it no tenant rows. A request
 * whose organisation is not known yet has a holder, and sees nothing whatever this says.
 */
export function currentScopeSetting(outsideAnyWork: 'system' | null = null): string {
  const holder = storage.getStore();
  const scope = holder ? holder.scope : outsideAnyWork;
  if (scope === null) return '';
  if (scope === 'system') return 'system';
  return scope.map((id) => String(Math.trunc(id))).join(',');
}

const SET_SCOPE = "select set_config('app.organisation_ids', $1, false)";
/** A connection whose setting is not known (new, or changed inside a transaction that may roll back). */
const UNKNOWN = '\u0000unknown';

type Callback = (error: Error | null, result?: pg.QueryResult) => void;

/**
 * A node-postgres client that, before each statement, gives its connection the current work's
 * scope, with an extra round trip only when the scope it last set differs. Used by every pool
 * (primary and standbys: set_config works on a hot standby), so pool.query() and drizzle's
 * transactions, which take a client with connect(), are both covered.
 */
export class ScopedClient extends pg.Client {
  /** The scope of work outside any scope: none (no tenant rows); see SystemOutsideWorkClient. */
  protected readonly scopeOutsideWork: 'system' | null = null;
  private scopeSetting = UNKNOWN;
  /** The set_config under way: statements issued meanwhile wait for it, and are not run if it fails. */
  private pendingSet: Promise<unknown> | null = null;
  /** Set inside a transaction, which may roll back and undo it. */
  private setInTransaction = false;
  /** Settles when every statement asked of this client so far has been answered. */
  private queueTail: Promise<unknown> = Promise.resolve();
  /** Statements asked of this client and not yet answered. */
  private statementsInFlight = 0;

  /**
   * One statement at a time: a request reads in parallel (`Promise.all`) through its one
   * transaction's client, and pg queues such statements itself only under a deprecation warning,
   * a queue pg@9 removes. So each statement waits for the one before it, here, and is given its
   * scope only when its turn comes (the connection's transaction status is known then).
   */
  // biome-ignore lint/suspicious/noExplicitAny: pg.Client.query has many overloads; this passes them through.
  override query(...args: any[]): any {
    // A submittable (a cursor or stream) is driven by pg itself; none is used here, so pass it on.
    if (typeof (args[0] as { submit?: unknown } | null)?.submit === 'function') return this.scopedQuery(...args);
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined;
    const runNow = this.statementsInFlight === 0;
    this.statementsInFlight += 1;
    const turn = (runNow ? Promise.resolve() : this.queueTail).then(
      () => this.scopedQuery(...args) as Promise<pg.QueryResult>,
    );
    const answered = turn.finally(() => {
      this.statementsInFlight -= 1;
    });
    this.queueTail = answered.catch(() => undefined);
    return passBack(callback ? [callback] : [], answered);
  }

  // biome-ignore lint/suspicious/noExplicitAny: as query() above.
  private scopedQuery(...args: any[]): any {
    if (this.setInTransaction && this.getTransactionStatus() === 'I') {
      // The transaction that set it has ended, perhaps by rolling back: the setting is not known.
      this.setInTransaction = false;
      this.scopeSetting = UNKNOWN;
    }
    const wanted = currentScopeSetting(this.scopeOutsideWork);
    const status = this.getTransactionStatus();
    // The end of a transaction needs no scope, and must never wait on a set_config: the status
    // above can still say 'T' when a failed statement's error has reached the caller before the
    // server's "transaction aborted" status has been read, and a set_config sent then would fail
    // and keep the ROLLBACK from being sent, leaving the pooled connection in a dead transaction.
    const endsTransaction = TRANSACTION_END.test(statementText(args[0]));
    // An aborted transaction runs nothing but its ROLLBACK, which a set_config there would fail.
    if ((status === 'E' || endsTransaction) && !this.pendingSet) {
      if (wanted !== this.scopeSetting) this.setInTransaction = true;
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    if (endsTransaction) {
      const pending = this.pendingSet as Promise<unknown>;
      this.setInTransaction = true;
      return passBack(
        args,
        pending
          .catch(() => undefined)
          .then(() => (super.query as (...a: unknown[]) => Promise<pg.QueryResult>).apply(this, args)),
      );
    }
    if (wanted === this.scopeSetting && !this.pendingSet) {
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    if (wanted !== this.scopeSetting) {
      this.scopeSetting = wanted;
      if (status === 'T' || status === 'E') this.setInTransaction = true;
      const setting: Promise<unknown> = (this.pendingSet ?? Promise.resolve())
        .then(() =>
          (super.query as (text: string, values: unknown[]) => Promise<unknown>).call(this, SET_SCOPE, [wanted]),
        )
        .catch((error: unknown) => {
          this.scopeSetting = UNKNOWN;
          throw error;
        })
        .finally(() => {
          if (this.pendingSet === setting) this.pendingSet = null;
        });
      this.pendingSet = setting;
    }
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined;
    const run = (this.pendingSet as Promise<unknown>).then(() =>
      (super.query as (...a: unknown[]) => Promise<pg.QueryResult>).apply(this, args),
    );
    return callback ? passBack([callback], run) : run;
  }
}

/**
 * A ScopedClient that gives work outside any scope the system scope, for the test database only
 * (`openDatabase({ scopeOutsideWork: 'system' })`): a test's fixtures write and read through the
 * application's restricted role outside any request, as the tables' owner would. Work inside a
 * request (or withTenantScope) keeps its own scope, and a request whose organisation is not yet
 * known still sees nothing, so the policies bind every request the API tests make.
 */
export class SystemOutsideWorkClient extends ScopedClient {
  protected override readonly scopeOutsideWork = 'system';
}

/**
 * A pool whose waiting callers keep their own scope. pg-pool hands a freed connection to the next
 * caller in line from inside the releasing caller's code, so without this the waiting caller's
 * `pool.query()` (which takes its connection through a callback) ran in the releasing work's async
 * context: under a full pool, a request's statement was given another request's organisations.
 */
export class ScopedPool extends pg.Pool {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Pool.connect's promise and callback overloads, passed through.
  override connect(callback?: any): any {
    if (typeof callback !== 'function') return super.connect();
    return super.connect(AsyncResource.bind(callback));
  }
}

const TRANSACTION_END = /^\s*(rollback|commit|abort|end)\b/i;

function statementText(first: unknown): string {
  if (typeof first === 'string') return first;
  const text = (first as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : '';
}

/** Answers a query run later the way it was asked: through its callback (the last argument) or as a promise. */
// biome-ignore lint/suspicious/noExplicitAny: mirrors pg.Client.query's overloads.
function passBack(args: any[], run: Promise<pg.QueryResult>): any {
  const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined;
  if (!callback) return run;
  run.then(
    (result) => callback(null, result),
    (error: Error) => callback(error),
  );
  return undefined;
}
