import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The channels the migrations' triggers notify (see migrations/0006_data_version.sql and 0016). */
export type ChangeChannel = 'data_version' | 'sessions_changed';
const CHANNELS: readonly ChangeChannel[] = ['data_version', 'sessions_changed'];

/**
 * Notifications that data changed, from any process writing to the database (LISTEN/NOTIFY).
 * While `live` is false notifications may be missed, so whoever keeps data in memory on the
 * strength of them must fall back to asking the database; every (re)connection is reported as a
 * change on every channel with no payload, because anything may have changed while nobody was
 * listening. A notification's payload says what changed (for `data_version`: the organisations'
 * ids, '3,7', or '' for data every organisation shows).
 */
export type ChangeListener = (channel: ChangeChannel, payload: string | undefined) => void;

export interface ChangeFeed {
  readonly live: boolean;
  onChange(listener: ChangeListener): void;
  close(): Promise<void>;
}

const RECONNECT_MS = 1_000;

/** A dedicated connection outside the pool: a pooled client cannot hold a LISTEN. */
export function postgresChangeFeed(url: string): ChangeFeed {
  const listeners: ChangeListener[] = [];
  const emit = (channel: ChangeChannel, payload?: string) => {
    for (const listener of listeners) listener(channel, payload);
  };
  let live = false;
  let closed = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;

  const connect = () => {
    if (closed) return;
    const current = new pg.Client({ connectionString: url, application_name: 'kpi-dashboard-changes' });
    client = current;
    const lost = () => {
      if (client !== current) return;
      live = false;
      client = null;
      current.removeAllListeners();
      current.on('error', () => {});
      current.end().catch(() => {});
      if (!closed) retryTimer = setTimeout(connect, RECONNECT_MS).unref();
    };
    current.on('error', lost);
    current.on('end', lost);
    current.on('notification', (message) => {
      if ((CHANNELS as readonly string[]).includes(message.channel))
        emit(message.channel as ChangeChannel, message.payload ?? '');
    });
    current
      .connect()
      .then(() => current.query(CHANNELS.map((channel) => `LISTEN ${channel}`).join('; ')))
      .then(() => {
        if (client !== current) return;
        live = true;
        for (const channel of CHANNELS) emit(channel);
      })
      .catch(lost);
  };
  connect();

  return {
    get live() {
      return live;
    },
    onChange: (listener) => listeners.push(listener),
    close: async () => {
      closed = true;
      live = false;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => {});
        await current.end().catch(() => {});
      }
    },
  };
}

/**
 * PGlite is one connection inside this process: its notifications arrive before the committing
 * query's promise settles, so nothing can be missed and the feed is live from the start.
 */
export function pgliteChangeFeed(client: PGlite): ChangeFeed {
  const listeners: ChangeListener[] = [];
  let live = false;
  const unsubscribes: Promise<() => Promise<void>>[] = CHANNELS.map((channel) =>
    client.listen(channel, (payload) => {
      for (const listener of listeners) listener(channel, payload ?? '');
    }),
  );
  const ready = Promise.all(unsubscribes).then(() => {
    live = true;
  });
  return {
    get live() {
      return live;
    },
    onChange: (listener) => listeners.push(listener),
    close: async () => {
      live = false;
      await ready.catch(() => {});
      if (client.closed) return;
      for (const unsubscribe of await Promise.all(unsubscribes)) await unsubscribe();
    },
  };
}
