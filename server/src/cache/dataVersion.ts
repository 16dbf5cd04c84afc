import { sql } from 'drizzle-orm';
import type { ChangeFeed } from '../db/changeFeed';
import { type Db, queryRows } from '../db/database';

/**
 * The data versions a cached body is valid for (migrations/0006_data_version.sql and 0016): the
 * global one, which changes with data every organisation's pages show (DfE comparators, areas, the
 * organisations) and with any write outside an organisation's scope, and each organisation's own,
 * which changes with that organisation's figures, meetings, bands and commentary only. So one
 * council's commit leaves every other council's cached bodies valid.
 *
 * Remembered without a round trip per request while the change feed is live. A notification
 * forgets what it names (organisations' ids, or '' for the global version); a reconnection, an
 * unreadable payload or `forgetAll` forgets everything. A read that started before the latest
 * forgetting of a value is used but that value is not remembered, so a version read just before a
 * commit can never outlive the commit's notification.
 */
export class DataVersion {
  private global: string | null = null;
  private readonly organisations = new Map<number, string>();
  /** Counts forgettings; each value below is the count when it was last forgotten. */
  private forgettings = 0;
  private everythingForgottenAt = 0;
  private globalForgottenAt = 0;
  private readonly organisationForgottenAt = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly feed: ChangeFeed,
  ) {
    feed.onChange((channel, payload) => {
      if (channel !== 'data_version') return;
      if (payload === undefined) this.forgetAll();
      else if (payload === '') this.forgetGlobal();
      else {
        const ids = payload.split(',').map(Number);
        if (ids.every(Number.isSafeInteger)) this.forgetOrganisations(ids);
        else this.forgetAll();
      }
    });
  }

  forgetAll(): void {
    this.forgettings += 1;
    this.everythingForgottenAt = this.forgettings;
    this.global = null;
    this.organisations.clear();
    this.organisationForgottenAt.clear();
  }

  forgetGlobal(): void {
    this.forgettings += 1;
    this.globalForgottenAt = this.forgettings;
    this.global = null;
  }

  forgetOrganisations(organisationIds: readonly number[]): void {
    this.forgettings += 1;
    for (const id of organisationIds) {
      this.organisations.delete(id);
      this.organisationForgottenAt.set(id, this.forgettings);
    }
  }

  /**
   * The version a body built from these organisations' data (and the shared data) is valid for:
   * `global.first.second…`, in the order given. Every part only grows, so of two versions for the
   * same organisations the later is never smaller in any part (`isOlderVersion`).
   */
  async current(organisationIds: readonly number[] = []): Promise<string> {
    if (this.feed.live && this.global !== null) {
      const parts = organisationIds.map((id) => this.organisations.get(id));
      if (parts.every((part) => part !== undefined)) return [this.global, ...parts].join('.');
    }
    const startedAt = this.forgettings;
    // One statement, so the global and the organisations' versions are of one snapshot.
    const rows = await queryRows<{ organisationId: number | null; version: string }>(
      this.db,
      organisationIds.length === 0
        ? sql`select null::integer as "organisationId", version::text as version from data_version where id = 1`
        : sql`select null::integer as "organisationId", version::text as version from data_version where id = 1
              union all
              select organisation_id as "organisationId", version::text as version from organisation_data_versions
              where organisation_id in (${sql.join(
                organisationIds.map((id) => sql`${id}`),
                sql`, `,
              )})`,
    );
    const global = rows.find((row) => row.organisationId === null)?.version ?? '0';
    const byOrganisation = new Map(
      rows.flatMap((row) => (row.organisationId === null ? [] : [[row.organisationId, row.version]])),
    );
    const parts = organisationIds.map((id) => byOrganisation.get(id) ?? '0');
    if (this.feed.live) {
      const notForgottenSince = (at: number) => at <= startedAt && this.everythingForgottenAt <= startedAt;
      if (notForgottenSince(this.globalForgottenAt)) this.global = global;
      organisationIds.forEach((id, i) => {
        if (notForgottenSince(this.organisationForgottenAt.get(id) ?? 0)) this.organisations.set(id, parts[i]!);
      });
    }
    return [global, ...parts].join('.');
  }
}

/** Whether `a` is an earlier version than `b` of the same organisations' data (see `DataVersion.current`). */
export function isOlderVersion(a: string, b: string): boolean {
  const left = a.split('.').map(BigInt);
  const right = b.split('.').map(BigInt);
  if (left.length !== right.length) return false;
  return left.every((part, i) => part <= right[i]!) && left.some((part, i) => part < right[i]!);
}
