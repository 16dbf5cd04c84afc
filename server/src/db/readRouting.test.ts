import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { isConnectionError, isPlainSelect, parseLsn } from './readRouting';

describe('which statements a standby may answer', () => {
  it.each([
    ['select "id", "code" from "indicators" where "indicators"."id" = $1', true],
    ['  SELECT version::text as version from data_version where id = 1', true],
    ['select "updated_at" from "kpi_sets"', true],
    ['insert into "sessions" ("token_hash") values ($1)', false],
    ['update "sessions" set "last_seen_at" = $1', false],
    ['with moved as (delete from x returning *) select * from moved', false],
    ["select nextval('audit_log_id_seq')", false],
    ['select pg_advisory_xact_lock($1, $2)', false],
    ['select * from "returns" where id = $1 for update', false],
    ['select * from "returns" for no key update', false],
    ['select 1; delete from users', false],
    ['begin', false],
  ])('%s → %s', (text, expected) => {
    expect(isPlainSelect(text)).toBe(expected);
  });
});

describe('log sequence numbers', () => {
  it('compares across the high word', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(parseLsn(null)).toBeNull();
    expect(parseLsn('nonsense')).toBeNull();
  });
});

describe('connection-level errors', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }), true],
    [new Error('Connection terminated unexpectedly'), true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '57P03', message: 'the database system is starting up' }, true],
    [{ code: '08006', message: 'connection failure' }, true],
    [{ code: '42P01', message: 'relation does not exist' }, false],
    [{ code: '23505', message: 'duplicate key' }, false],
  ])('%o → %s', (error, expected) => {
    expect(isConnectionError(error)).toBe(expected);
  });
});

describe('DATABASE_READ_URL', () => {
  it('is one standby or several, comma-separated; absent means none', () => {
    expect(loadConfig({}).databaseReadUrls).toEqual([]);
    expect(loadConfig({ DATABASE_READ_URL: 'postgres://r1/kpi' }).databaseReadUrls).toEqual(['postgres://r1/kpi']);
    expect(
      loadConfig({ DATABASE_READ_URL: 'postgres://r1:5432/kpi, postgres://r2:5432/kpi' }).databaseReadUrls,
    ).toEqual(['postgres://r1:5432/kpi', 'postgres://r2:5432/kpi']);
  });

  it('refuses something that is not a URL, naming the setting', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://r1/kpi,replica-two' })).toThrow(/DATABASE_READ_URL/);
  });
});
