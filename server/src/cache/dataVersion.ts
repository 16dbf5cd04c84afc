import { sql } from 'drizzle-orm';
import type { ChangeFeed } from '../db/changeFeed';
import { type Db, queryRows } from '../db/database';

/**
 * The current data version (migrations/0006_data_version.sql), without a round trip per request
 * while the change feed is live. Every notification or in-process write forgets the remembered
 * value; a read that started before the latest forgetting is used but not remembered, so a
 * version read just before a commit can never outlive the commit's notification.
 */
export class DataVersion {
  private known: string | null = null;
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly feed: ChangeFeed,
  ) {
    feed.onChange((channel) => {
      if (channel === 'data_version') this.forget();
    });
  }

  forget(): void {
    this.known = null;
    this.generation += 1;
  }

  async current(): Promise<string> {
    if (this.feed.live && this.known !== null) return this.known;
    const startedAt = this.generation;
    const [row] = await queryRows<{ version: string }>(
      this.db,
      sql`select version::text as version from data_version where id = 1`,
    );
    const version = row?.version ?? '0';
    if (this.feed.live && startedAt === this.generation) this.known = version;
    return version;
  }
}
