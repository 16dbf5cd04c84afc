import { describe, expect, it } from 'vitest';
import type { ChangeFeed, ChangeListener } from '../db/changeFeed';
import type { Db } from '../db/database';
import { DataVersion, isOlderVersion } from './dataVersion';

/** The database's versions, counting the statements that read them. */
function fakeDatabase() {
  const state = { global: 1, organisations: new Map<number, number>([[3, 1]]), reads: 0 };
  let pause: Promise<void> | null = null;
  const db = {
    execute: async () => {
      state.reads += 1;
      const rows = [
        { organisationId: null, version: String(state.global) },
        ...[...state.organisations].map(([organisationId, v]) => ({ organisationId, version: String(v) })),
      ];
      if (pause) await pause;
      return { rows };
    },
  } as unknown as Db;
  return {
    db,
    state,
    /** Holds the next reads' answers until `release` is called. */
    hold: () => {
      let release = () => {};
      pause = new Promise((resolve) => {
        release = () => {
          pause = null;
          resolve();
        };
      });
      return () => release();
    },
  };
}

function fakeFeed() {
  const listeners: ChangeListener[] = [];
  const feed: ChangeFeed = { live: true, onChange: (l) => listeners.push(l), close: async () => {} };
  const notify = (payload: string | undefined) => {
    for (const listener of listeners) listener('data_version', payload);
  };
  return { feed, notify };
}

describe('DataVersion', () => {
  it('is the global version and each organisation’s, remembered until a notification names it', async () => {
    const { db, state } = fakeDatabase();
    const { feed, notify } = fakeFeed();
    const versions = new DataVersion(db, feed);
    expect(await versions.current([3])).toBe('1.1');
    expect(await versions.current([7])).toBe('1.0');
    expect(await versions.current([3, 7])).toBe('1.1.0');
    expect(await versions.current()).toBe('1');
    const reads = state.reads;

    state.organisations.set(7, 1);
    notify('7');
    expect(await versions.current([3])).toBe('1.1');
    expect(state.reads).toBe(reads);
    expect(await versions.current([7])).toBe('1.1');
    expect(state.reads).toBe(reads + 1);

    state.global = 2;
    notify('');
    expect(await versions.current([3])).toBe('2.1');
    expect(await versions.current([7])).toBe('2.1');
    expect(state.reads).toBe(reads + 2);

    // A reconnection (no payload), or a payload that is not a list of ids, forgets everything.
    for (const payload of [undefined, 'x,3']) {
      const before = state.reads;
      notify(payload);
      await versions.current([3]);
      await versions.current([7]);
      expect(state.reads).toBe(before + 2);
    }
  });

  it('does not remember a version read before a notification that named it', async () => {
    const { db, state, hold } = fakeDatabase();
    const { feed, notify } = fakeFeed();
    const versions = new DataVersion(db, feed);
    const release = hold();
    const reading = versions.current([3]);
    await Promise.resolve();
    state.organisations.set(3, 2);
    notify('3');
    release();
    expect(await reading).toBe('1.1');
    expect(await versions.current([3])).toBe('1.2');
  });

  it('forgets the organisations a write request could have changed', async () => {
    const { db, state } = fakeDatabase();
    const versions = new DataVersion(db, fakeFeed().feed);
    await versions.current([3]);
    const reads = state.reads;
    versions.forgetOrganisations([3]);
    state.global = 5;
    // The organisation's next read asks for the global version too.
    expect(await versions.current([3])).toBe('5.1');
    expect(state.reads).toBe(reads + 1);
  });
});

describe('isOlderVersion', () => {
  it.each([
    ['1', '2', true],
    ['2', '1', false],
    ['2', '2', false],
    ['1.5', '2.5', true],
    ['2.4', '2.5', true],
    ['2.5', '2.5', false],
    ['3.4', '2.5', false],
    ['2.5', '1.9', false],
    ['9', '10', true],
    ['1.2', '1', false],
  ])('%s before %s: %s', (a, b, older) => {
    expect(isOlderVersion(a, b)).toBe(older);
  });
});
