import { queryRows } from '@kpi/server/db';
import { type AuditEntryView, auditPageSchema, problemSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/passwords';
import { DUDLEY, SANDWELL } from '../support/servedCouncils';
import { createTestApp, signInAs, TEST_PASSWORD, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/** Walsall: a third council holding only the entries the pagination property writes. */
const WALSALL = 'E08000030';
/** Every entry written for Dudley carries this mark, so a Sandwell answer showing any of it is caught. */
const MARK = 'DUDLEY-ONLY';
const SECRETS = ['S3cret-pass-phrase', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', 'tok-5f2d9c', 'sess-77aa'];

describe(`record of changes: GET /api/audit (${testDriverName()})`, () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  const cookies: Record<string, string> = {};

  const get = (url: string, who: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]!, ...headers } });
  const page = async (url: string, who = 'admin', headers: Record<string, string> = {}) => {
    const response = await get(url, who, headers);
    expect(response.statusCode, response.body).toBe(200);
    return auditPageSchema.parse(response.json());
  };
  /** Every entry a filter gives, page after page. */
  const everything = async (query: string, who = 'admin', headers: Record<string, string> = {}) => {
    const entries: AuditEntryView[] = [];
    let cursor: string | null = null;
    do {
      const answer = await page(`/api/audit?limit=100&${query}${cursor ? `&cursor=${cursor}` : ''}`, who, headers);
      entries.push(...answer.entries);
      cursor = answer.nextCursor;
    } while (cursor);
    return entries;
  };
  const insertEntry = (entry: {
    organisationId: number | null;
    action: string;
    at?: string;
    userId?: number | null;
    username?: string | null;
    target?: string | null;
    outcome?: string;
    details?: object | null;
  }) =>
    t.database.db.execute(sql`insert into audit_log (at, user_id, username, action, target, outcome, details, organisation_id)
      values (${entry.at ?? new Date().toISOString()}::timestamptz, ${entry.userId ?? null}, ${entry.username ?? null},
              ${entry.action}, ${entry.target ?? null}, ${entry.outcome ?? 'success'},
              ${entry.details ? JSON.stringify(entry.details) : null}::jsonb, ${entry.organisationId})`);

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    await db.execute(sql`insert into areas (code, name, level, old_la_code, region_code) values
      (${SANDWELL}, 'Sandwell', 'local_authority', '333', 'E12000005'),
      (${DUDLEY}, 'Dudley', 'local_authority', '332', 'E12000005'),
      (${WALSALL}, 'Walsall', 'local_authority', '335', 'E12000005') on conflict do nothing`);
    for (const [code, name] of [
      [SANDWELL, 'Sandwell'],
      [DUDLEY, 'Dudley'],
      [WALSALL, 'Walsall'],
    ] as const) {
      const [org] = await queryRows<{ id: number }>(
        db,
        sql`insert into organisations (name, area_code) values (${name}, ${code}) returning id`,
      );
      ids[code] = org!.id;
    }
    // The demo accounts belong to Sandwell with their own roles.
    await db.execute(sql`insert into memberships (user_id, organisation_id, role, pre_release)
      select id, ${ids[SANDWELL]!}, role, pre_release from users`);
    const passwordHash = await hashPassword(TEST_PASSWORD);
    for (const [username, code] of [
      ['dudley.admin', DUDLEY],
      ['walsall.admin', WALSALL],
    ] as const) {
      const [user] = await queryRows<{ id: number }>(
        db,
        sql`insert into users (username, display_name, role, password_hash)
            values (${username}, ${`${MARK} ${username}`}, 'viewer', ${passwordHash}) returning id`,
      );
      ids[username] = user!.id;
      await db.execute(
        sql`insert into memberships (user_id, organisation_id, role) values (${user!.id}, ${ids[code]!}, 'admin')`,
      );
    }
    for (const who of ['admin', 'commissioner', 'analyst', 'viewer', 'dudley.admin', 'walsall.admin']) {
      cookies[who] = await signInAs(t.app, who);
    }
  }, 120_000);
  afterAll(() => t?.close());

  describe('who may read it', () => {
    it.each(['viewer', 'analyst'])(
      'refuses a %s with 403 in the one error shape, and audits the refusal',
      async (who) => {
        for (const url of ['/api/audit', '/api/audit.csv']) {
          const response = await get(url, who);
          expect(response.statusCode).toBe(403);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(problemSchema.parse(response.json()).status).toBe(403);
        }
        const [row] = await queryRows<{ n: number }>(
          t.database.db,
          sql`select count(*)::int as n from audit_log where action = 'access.refused' and target like 'GET /api/audit%'
            and username = ${who}`,
        );
        expect(row!.n).toBe(2);
      },
    );

    it('refuses someone not signed in with 401', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/audit' });
      expect(response.statusCode).toBe(401);
      expect(problemSchema.parse(response.json()).status).toBe(401);
    });

    it.each(['commissioner', 'admin'])('answers a %s', async (who) => {
      const answer = await page('/api/audit', who);
      expect(Array.isArray(answer.entries)).toBe(true);
    });
  });

  describe('one council only', () => {
    beforeAll(async () => {
      // A real change in each council, made through the API by its own administrator.
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: cookies['dudley.admin']!, 'x-organisation': DUDLEY },
        payload: { username: 'dudley.clerk', displayName: `${MARK} clerk`, role: 'viewer', password: SECRETS[0] },
      });
      expect(made.statusCode, made.body).toBe(201);
      const mine = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: cookies.admin! },
        payload: { username: 'sandwell.clerk', displayName: 'Sandwell clerk', role: 'viewer', password: SECRETS[0] },
      });
      expect(mine.statusCode, mine.body).toBe(201);
      await insertEntry({ organisationId: ids[DUDLEY]!, action: 'indicator.update', target: `indicator:${MARK}` });
    });

    it("shows the council in view's entries and never another council's, nor entries about no council", async () => {
      const sandwell = await everything('');
      const text = JSON.stringify(sandwell);
      expect(sandwell.some((e) => e.action === 'user.create' && e.target === 'user:sandwell.clerk')).toBe(true);
      expect(text).not.toContain(MARK);
      expect(text).not.toContain('dudley');
      // Signing in is about the person, not a council: it is in no council's record.
      expect(sandwell.some((e) => e.action === 'auth.login')).toBe(false);

      const dudley = await everything('', 'dudley.admin', { 'x-organisation': DUDLEY });
      expect(dudley.map((e) => e.target)).toEqual(expect.arrayContaining(['user:dudley.clerk', `indicator:${MARK}`]));
      expect(JSON.stringify(dudley)).not.toContain('sandwell.clerk');
    });

    it("refuses to show another council's record to a person who is not its member", async () => {
      const asked: [string, Record<string, string>][] = [
        ['/api/audit', { 'x-organisation': DUDLEY }],
        [`/api/audit?organisation=${DUDLEY}`, {}],
        [`/api/audit.csv?organisation=${DUDLEY}`, {}],
      ];
      for (const [url, headers] of asked) {
        const response = await get(url, 'admin', headers);
        expect(response.statusCode).toBe(403);
        expect(response.body).not.toContain(MARK);
      }
    });

    it('names a person of another council who acted here only as someone outside this council', async () => {
      await insertEntry({
        organisationId: ids[SANDWELL]!,
        action: 'export.scorecard',
        userId: ids['dudley.admin']!,
        username: 'dudley.admin',
        target: 'scorecard 2025-03',
      });
      const entries = await everything('kind=exports');
      const theirs = entries.find((e) => e.target === 'scorecard 2025-03');
      expect(theirs?.who).toEqual({ name: 'Someone outside this council', username: null });
      expect(JSON.stringify(entries)).not.toContain('dudley.admin');
      // Nor can their username be found by filtering on it.
      expect(await everything('person=dudley.admin')).toEqual([]);
    });

    it('names a member by display name and username, and the system as the system', async () => {
      await insertEntry({ organisationId: ids[SANDWELL]!, action: 'reference.load', target: 'reference-data' });
      const entries = await everything('');
      expect(entries.find((e) => e.target === 'user:sandwell.clerk')?.who.username).toBe('admin');
      expect(entries.find((e) => e.action === 'reference.load')?.who).toEqual({
        name: 'The system (nobody signed in)',
        username: null,
      });
    });
  });

  describe('what it shows of an entry', () => {
    it('puts the action in words and shows before and after', async () => {
      const clerk = (await everything('')).find((e) => e.target === 'user:sandwell.clerk')!;
      const changed = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${(await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = 'sandwell.clerk'`))[0]!.id}`,
        headers: { cookie: cookies.admin! },
        payload: { role: 'commissioner' },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      const [latest] = (await page('/api/audit?kind=people&limit=1')).entries;
      expect(latest).toMatchObject({
        action: 'user.role_change',
        actionText: "Changed someone's role",
        kind: 'people',
        outcome: 'success',
        targetText: 'Account sandwell.clerk',
        changes: [{ field: null, before: 'viewer', after: 'commissioner' }],
        who: { username: 'admin' },
      });
      expect(new Date(latest!.at).toISOString()).toBe(latest!.at);
      expect(clerk.actionText).toBe('Added an account');
    });

    it('shows an unknown action code readably', async () => {
      await insertEntry({ organisationId: ids[SANDWELL]!, action: 'widget.frobnicate', target: 'widget 1' });
      const entry = (await everything('')).find((e) => e.action === 'widget.frobnicate');
      expect(entry).toMatchObject({ actionText: 'Widget: frobnicate', kind: null });
    });

    it('never returns a password, a hash, a token or a secret, even when an entry holds one', async () => {
      const clerkId = (
        await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = 'sandwell.clerk'`)
      )[0]!.id;
      const reset = await t.app.inject({
        method: 'POST',
        url: `/api/users/${clerkId}/password`,
        headers: { cookie: cookies.admin! },
        payload: { password: 'another long passphrase 42' },
      });
      expect(reset.statusCode, reset.body).toBe(204);
      await insertEntry({
        organisationId: ids[SANDWELL]!,
        action: 'user.update',
        target: 'user:sandwell.clerk',
        details: {
          password: SECRETS[0],
          passwordHash: SECRETS[1],
          note: SECRETS[1],
          token: SECRETS[2],
          nested: [{ sessionToken: SECRETS[3] }],
          role: { from: 'viewer', to: 'analyst' },
        },
      });
      const json = await get('/api/audit?limit=100', 'admin');
      const csv = await get('/api/audit.csv', 'admin');
      expect(csv.statusCode).toBe(200);
      for (const body of [json.body, csv.body]) {
        for (const secret of [...SECRETS, 'another long passphrase 42']) expect(body).not.toContain(secret);
      }
      const entry = auditPageSchema.parse(json.json()).entries.find((e) => e.action === 'user.update')!;
      expect(entry.details).toMatchObject({ password: '(withheld)', token: '(withheld)', note: '(withheld)' });
      expect(entry.changes).toEqual([{ field: 'role', before: 'viewer', after: 'analyst' }]);
    });
  });

  describe('filters', () => {
    it('filters by kind, person and UK dates (both included)', async () => {
      const sandwell = ids[SANDWELL]!;
      await insertEntry({
        organisationId: sandwell,
        action: 'meeting.create',
        at: '2024-06-30T23:30:00Z',
        target: 'd1',
      }); // 1 July UK
      await insertEntry({
        organisationId: sandwell,
        action: 'meeting.update',
        at: '2024-06-30T22:30:00Z',
        target: 'd0',
      }); // 30 June UK
      await insertEntry({
        organisationId: sandwell,
        action: 'meeting.update',
        at: '2024-07-31T22:59:59Z',
        target: 'd2',
      }); // 31 July UK
      await insertEntry({
        organisationId: sandwell,
        action: 'meeting.update',
        at: '2024-07-31T23:00:00Z',
        target: 'd3',
      }); // 1 August UK
      const july = await everything('from=2024-07-01&to=2024-07-31');
      expect(july.map((e) => e.target)).toEqual(['d2', 'd1']);
      const meetings = await everything('kind=meetings');
      expect(meetings.length).toBeGreaterThanOrEqual(4);
      expect(meetings.every((e) => e.kind === 'meetings')).toBe(true);
      const byAdmin = await everything('person=ADMIN');
      expect(byAdmin.length).toBeGreaterThan(0);
      expect(byAdmin.every((e) => e.who.username === 'admin')).toBe(true);
    });
  });

  describe('hostile query strings', () => {
    it.each([
      'from=2025-02-30',
      'from=yesterday',
      'to=2025-13-01',
      'from=2025-03-02&to=2025-03-01',
      'from=0000-01-01',
      'limit=0',
      'limit=101',
      'limit=1000000000',
      'limit=-1',
      'limit=abc',
      'limit=1.5',
      'cursor=abc',
      'cursor=1.2.3',
      "cursor='%3B%20drop%20table%20audit_log%3B--",
      `cursor=${'9'.repeat(60)}.1`,
      'cursor=.',
      'kind=nope',
      'kind=people&kind=contract',
      `person=${'x'.repeat(101)}`,
    ])('%s is a 400 in the one error shape', async (query) => {
      const response = await get(`/api/audit?${query}`, 'admin');
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemSchema.parse(response.json())).toMatchObject({ status: 400 });
    });

    it('the CSV refuses a from after to the same way', async () => {
      const response = await get('/api/audit.csv?from=2025-03-02&to=2025-03-01', 'admin');
      expect(response.statusCode).toBe(400);
      expect(problemSchema.parse(response.json()).status).toBe(400);
    });

    it('a well-formed cursor from far in the future or past is simply a page', async () => {
      expect((await page(`/api/audit?cursor=${'9'.repeat(17)}.${'9'.repeat(15)}`)).entries.length).toBeGreaterThan(0);
      expect(await page('/api/audit?cursor=0.0')).toEqual({ entries: [], nextCursor: null });
    });
  });

  describe('pagination', () => {
    it('pages through N entries with any page sizes: exactly N, newest first, no duplicate, no gap', async () => {
      const walsall = ids[WALSALL]!;
      const N = 157;
      // Many entries share a time to the microsecond, so the order must break ties by id.
      const base = Date.parse('2025-01-01T00:00:00Z');
      for (let i = 0; i < N; i++) {
        const micros = i % 3 === 0 ? 0 : (i * 7919) % 1000;
        const at = new Date(base + (i % 40) * 60_000).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`);
        await insertEntry({ organisationId: walsall, action: 'indicator.update', at, target: `n${i}` });
      }
      const expected = await queryRows<{ id: string }>(
        t.database.db,
        sql`select id from audit_log where organisation_id = ${walsall} order by at desc, id desc`,
      );
      const expectedIds = expected.map((r) => Number(r.id));
      expect(expectedIds).toHaveLength(N);
      const headers = { 'x-organisation': WALSALL };

      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 40 }), async (sizes) => {
          const seen: number[] = [];
          let cursor: string | null = null;
          let step = 0;
          do {
            const limit = sizes[step % sizes.length]!;
            const answer = await page(
              `/api/audit?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
              'walsall.admin',
              headers,
            );
            expect(answer.entries.length).toBeLessThanOrEqual(limit);
            seen.push(...answer.entries.map((e) => e.id));
            cursor = answer.nextCursor;
            step++;
          } while (cursor && step < 500);
          expect(seen).toEqual(expectedIds);
        }),
        { numRuns: 12 },
      );
    }, 120_000);

    it('a page is not disturbed by entries written while paging', async () => {
      const headers = { 'x-organisation': WALSALL };
      const first = await page('/api/audit?limit=10', 'walsall.admin', headers);
      await insertEntry({ organisationId: ids[WALSALL]!, action: 'indicator.update', target: 'written meanwhile' });
      const all = first.entries.map((e) => e.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const next = await page(`/api/audit?limit=100&cursor=${cursor}`, 'walsall.admin', headers);
        all.push(...next.entries.map((e) => e.id));
        cursor = next.nextCursor;
      }
      expect(new Set(all).size).toBe(all.length);
      expect(all).toHaveLength(157);
    });
  });

  describe('CSV download', () => {
    it('downloads the same filtered list as a formula-safe CSV, named after the council, and audits it', async () => {
      await insertEntry({
        organisationId: ids[SANDWELL]!,
        action: 'meeting.create',
        target: '=HYPERLINK("http://x")',
        at: '2024-07-15T10:00:00Z',
      });
      const response = await get('/api/audit.csv?kind=meetings&from=2024-07-01&to=2024-07-31', 'commissioner');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(
        /filename="record-of-changes-sandwell-\d{4}-\d{2}-\d{2}\.csv"/,
      );
      expect(response.headers['cache-control']).toBe('no-store');
      const lines = response.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toMatch(/^When \(ISO 8601\),When \(UK time\),Who,Username,Action,/);
      const json = await everything('kind=meetings&from=2024-07-01&to=2024-07-31', 'commissioner');
      expect(lines).toHaveLength(json.length + 1);
      expect(response.body).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(response.body).not.toMatch(/(^|,)=HYPERLINK/m);
      const [audited] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from audit_log where action = 'export.audit' and username = 'commissioner'`,
      );
      expect(audited!.n).toBe(1);
    });
  });
});
