import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { addMembership, addPerson } from '../support/servedCouncils';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const SANDWELL = 'E08000028';
const DUDLEY = 'E08000027';
const WALSALL = 'E08000030';

/**
 * A region's deployment administered on screen: the demo council (Sandwell), with Dudley onboarded
 * from Sandwell's configuration and Walsall onboarded empty, by the demo administrator.
 */
describe(`administering the councils of one deployment (${testDriverName()})`, () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.database.db, query);
  const orgId = async (areaCode: string) =>
    (await rows<{ id: number }>(sql`select id from organisations where area_code = ${areaCode}`))[0]!.id;
  const inject = (
    who: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    organisation: string | null,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: cookie[who]!, ...(organisation ? { 'x-organisation': organisation } : {}) },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await createSeededTestApp();
    for (const who of ['viewer', 'commissioner', 'analyst', 'admin']) cookie[who] = await signInAs(t.app, who);
    for (const body of [{ areaCode: DUDLEY, templateFrom: SANDWELL }, { areaCode: WALSALL }]) {
      const onboarded = await inject('admin', 'POST', '/api/organisations', null, body);
      if (onboarded.statusCode !== 201) throw new Error(`onboarding: ${onboarded.statusCode} ${onboarded.body}`);
    }
  });
  afterAll(() => t.close());

  describe('giving an existing person a role in another council', () => {
    const add = (who: string, area: string, payload: object) =>
      inject(who, 'POST', '/api/users/memberships', area, payload);

    beforeAll(async () => {
      // Walsall's own administrator, who administers no other council; and a person in no council.
      await addMembership(
        t.database.db,
        await addPerson(t.database.db, 'walsall.admin'),
        await orgId(WALSALL),
        'admin',
      );
      await addPerson(t.database.db, 'in.no.council');
      cookie['walsall.admin'] = await signInAs(t.app, 'walsall.admin');
    });

    it('lets an administrator of both councils give Sandwell’s viewer a role in Dudley, audited', async () => {
      const response = await add('admin', DUDLEY, { username: 'VIEWER', role: 'analyst', preRelease: true });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ username: 'viewer', role: 'analyst', preRelease: true });
      // their role in Sandwell is unchanged; they now see Dudley, as an analyst there
      const me = (await inject('viewer', 'GET', '/api/auth/me', DUDLEY)).json();
      expect(me.user).toMatchObject({ role: 'analyst', organisationInView: DUDLEY });
      expect(me.user.organisations.map((o: { areaCode: string; role: string }) => [o.areaCode, o.role])).toEqual([
        [SANDWELL, 'viewer'],
        [DUDLEY, 'analyst'],
      ]);
      const dudleyUsers = (await inject('admin', 'GET', '/api/users', DUDLEY)).json().users;
      expect(dudleyUsers.map((u: { username: string }) => u.username)).toContain('viewer');
      const [written] = await rows<{ target: string; details: object; organisation_id: number }>(
        sql`select target, details, organisation_id from audit_log
             where action = 'user.membership_grant' and outcome = 'success'`,
      );
      expect(written).toEqual({
        target: 'user:viewer',
        details: { role: 'analyst', preRelease: true, alsoIn: [SANDWELL] },
        organisation_id: await orgId(DUDLEY),
      });
    });

    it('says a person already there is already there', async () => {
      const response = await add('admin', DUDLEY, { username: 'viewer', role: 'viewer' });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ status: 409, code: 'already_member' });
    });

    it('answers an administrator who does not administer all the person’s councils exactly as for a username that does not exist', async () => {
      const answers = [];
      for (const username of ['viewer', 'commissioner', 'in.no.council', 'no.such.person']) {
        const response = await add('walsall.admin', WALSALL, { username, role: 'viewer' });
        expect(response.statusCode, username).toBe(404);
        const { requestId: _id, ...problem } = response.json();
        answers.push(problem);
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]).toMatchObject({
        status: 404,
        detail: expect.stringMatching(/No one in a council you administer/),
      });
      const walsall = await orgId(WALSALL);
      const [members] = await rows<{ n: number }>(
        sql`select count(*)::int as n from memberships where organisation_id = ${walsall}`,
      );
      expect(members!.n).toBe(2); // the demo administrator and Walsall's own
      // refusals are audited alike, naming only the username asked about
      const refused = await rows<{ target: string; details: { reason: string } }>(
        sql`select target, details from audit_log where action = 'user.membership_grant' and outcome = 'refused'
             and username = 'walsall.admin' order by id`,
      );
      expect(refused.map((r) => r.target)).toEqual([
        'user:viewer',
        'user:commissioner',
        'user:in.no.council',
        'user:no.such.person',
      ]);
      expect(new Set(refused.map((r) => r.details.reason)).size).toBe(1);
    });

    it('refuses anyone but an administrator of the council in view, and a malformed request', async () => {
      for (const who of ['viewer', 'commissioner', 'analyst']) {
        expect((await add(who, SANDWELL, { username: 'walsall.admin', role: 'viewer' })).statusCode, who).toBe(403);
      }
      const bad = await add('admin', WALSALL, { username: 'not a username!', role: 'overlord' });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
      ).toEqual(['body.role', 'body.username']);
    });
  });

  describe('renaming a council', () => {
    const rename = (who: string, area: string, name: unknown) =>
      inject(who, 'PUT', '/api/organisation/name', area, { name });
    const audits = (outcome: string) =>
      rows<{ target: string; details: Record<string, unknown> | null; organisation_id: number | null }>(
        sql`select target, details, organisation_id from audit_log
             where action = 'organisation.rename' and outcome = ${outcome} order by id`,
      );

    it('renames the council in view for its administrator: its area code stays, sessions and pages show the new name', async () => {
      const dudley = await orgId(DUDLEY);
      const response = await rename('admin', DUDLEY, '  Dudley Metropolitan Borough Council ');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().organisation).toMatchObject({
        name: 'Dudley Metropolitan Borough Council',
        areaCode: DUDLEY,
      });
      const me = (await inject('admin', 'GET', '/api/auth/me', DUDLEY)).json();
      expect(me.user.organisations).toContainEqual(
        expect.objectContaining({ areaCode: DUDLEY, name: 'Dudley Metropolitan Borough Council' }),
      );
      const overview = await inject('admin', 'GET', '/api/overview', DUDLEY);
      expect(overview.json().organisation).toMatchObject({
        name: 'Dudley Metropolitan Borough Council',
        laCode: DUDLEY,
      });
      // the other councils keep their names
      const sandwell = (await inject('admin', 'GET', '/api/setup', SANDWELL)).json();
      expect(sandwell.organisation.name).toBe('Sandwell Metropolitan Borough Council');
      expect(await audits('success')).toEqual([
        {
          target: `organisation:${dudley}`,
          details: { areaCode: DUDLEY, from: 'Dudley', to: 'Dudley Metropolitan Borough Council' },
          organisation_id: dudley,
        },
      ]);
      // the same name again changes nothing and writes nothing
      expect((await rename('admin', DUDLEY, 'Dudley Metropolitan Borough Council')).statusCode).toBe(200);
      expect(await audits('success')).toHaveLength(1);
    });

    it('refuses an empty or too long name with a 400 against the field', async () => {
      for (const name of ['', '   ', 'x'.repeat(201), null]) {
        const response = await rename('admin', WALSALL, name);
        expect(response.statusCode, String(name)).toBe(400);
        expect(response.json()).toMatchObject({ status: 400, errors: [{ path: 'body.name' }] });
      }
      expect((await inject('admin', 'GET', '/api/setup', WALSALL)).json().organisation.name).toBe('Walsall');
    });

    it('refuses another council’s name with a 409, however it is typed, and audits the refusal', async () => {
      const before = (await audits('refused')).length;
      for (const name of ['sandwell metropolitan borough council', 'DUDLEY  Metropolitan Borough Council']) {
        const response = await rename('admin', WALSALL, name);
        expect(response.statusCode, name).toBe(409);
        expect(response.json()).toMatchObject({ status: 409, code: 'duplicate_name', requestId: expect.any(String) });
        expect(response.json().detail).toMatch(/already called/);
      }
      expect((await audits('refused')).length).toBe(before + 2);
      expect((await inject('admin', 'GET', '/api/setup', WALSALL)).json().organisation.name).toBe('Walsall');
      // onboarding holds to the same rule
      const onboard = await inject('admin', 'POST', '/api/organisations', null, {
        areaCode: 'E08000031',
        name: 'Walsall',
      });
      expect(onboard.statusCode, onboard.body).toBe(409);
      expect(onboard.json().code).toBe('duplicate_name');
    });

    it('lets an administrator of one council take a name only councils they cannot read have: a 409 would say those are served', async () => {
      // Walsall's administrator alone, who may read no other council.
      const person = await addPerson(t.database.db, 'walsall.only');
      await addMembership(t.database.db, person, await orgId(WALSALL), 'admin');
      cookie['walsall.only'] = await signInAs(t.app, 'walsall.only');
      const taken = await rename('walsall.only', WALSALL, 'sandwell metropolitan borough council');
      expect(taken.statusCode, taken.body).toBe(200);
      expect((await rename('walsall.only', WALSALL, 'Walsall')).statusCode).toBe(200);
    });

    it('refuses everyone but an administrator of the council in view', async () => {
      for (const who of ['viewer', 'commissioner', 'analyst']) {
        expect((await rename(who, SANDWELL, 'Renamed')).statusCode, who).toBe(403);
      }
      // Sandwell's viewer asking about Dudley, where they have no place
      expect((await rename('viewer', DUDLEY, 'Renamed')).statusCode).toBe(403);
      expect((await inject('admin', 'GET', '/api/setup', SANDWELL)).json().organisation.name).toBe(
        'Sandwell Metropolitan Borough Council',
      );
    });
  });

  describe('the wording of a configuration copied from another council', () => {
    it('names Dudley where Sandwell’s text named the council measured, and never claims Sandwell’s papers as Dudley’s', async () => {
      const dudley = await orgId(DUDLEY);
      const sandwell = await orgId(SANDWELL);
      const texts = async (organisationId: number) =>
        rows<{
          code: string;
          title: string;
          definition: string;
          why_it_matters: string;
          comparator_difference: string | null;
        }>(
          sql`select code, title, definition, why_it_matters, comparator_difference from indicators
               where organisation_id = ${organisationId} order by code`,
        );
      const source = await texts(sandwell);
      const copy = await texts(dudley);
      expect(source.some((i) => i.definition.includes('Sandwell'))).toBe(true);
      for (const [i, copied] of copy.entries()) {
        expect(copied.definition, copied.code).not.toMatch(/Sandwell/);
        expect(copied.title, copied.code).not.toMatch(/Sandwell/);
        // the source council's evidence, as written, marked as copied from it for review
        expect(copied.why_it_matters, copied.code).toBe(
          `Copied from Sandwell Metropolitan Borough Council for review: ${source[i]!.why_it_matters}`,
        );
      }
      // how the contract's PI13 differs from DfE's measure is Sandwell's reading of its contract: kept, marked
      const pi13 = source.find((i) => i.code === 'PI13')!;
      expect(pi13.comparator_difference).toContain('permanent front-line');
      expect(copy.find((i) => i.code === 'PI13')!.comparator_difference).toBe(
        `Copied from Sandwell Metropolitan Borough Council for review: ${pi13.comparator_difference}`,
      );
      expect(copy.filter((i) => i.comparator_difference !== null).map((i) => i.code)).toEqual(['PI13']);
      const pi2 = copy.find((i) => i.code === 'PI2')!;
      expect(pi2.definition).toContain("per 10,000 of Dudley's child population");

      const evidence = await rows<{ text: string }>(
        sql`select v.source_text as text from threshold_versions v join indicators i on i.id = v.indicator_id
             where i.organisation_id = ${dudley} and v.source_text is not null
            union all
            select g.reason from grace_periods g join indicators i on i.id = g.indicator_id
             where i.organisation_id = ${dudley}`,
      );
      expect(evidence.length).toBeGreaterThan(0);
      for (const { text } of evidence)
        expect(text).toMatch(/^Copied from Sandwell Metropolitan Borough Council for review: /);
      // Sandwell's own configuration is untouched
      expect((await texts(sandwell)).map((i) => i.why_it_matters)).toEqual(source.map((i) => i.why_it_matters));
    });
  });

  describe('the home page’s comparator figures held', () => {
    /** The figures a council's pages show: its KPIs' measures, for it, its region and England. */
    const shownTo = async (areaCode: string) =>
      (
        await rows<{ n: number }>(
          sql`select count(*)::int as n from comparator_values c
               where c.measure_code in (select i.comparator_measure from indicators i
                                         join organisations o on o.id = i.organisation_id where o.area_code = ${areaCode})
                 and c.area_code in (${areaCode}, 'E92000001',
                                     (select a.region_code from areas a where a.code = ${areaCode}))`,
        )
      )[0]!.n;

    it('counts what the council in view’s pages may show, not every figure the deployment holds', async () => {
      const [held] = await rows<{ n: number }>(sql`select count(*)::int as n from comparator_values`);
      const counts: Record<string, number> = {};
      // The administrator belongs to all three councils; each answer is the council in view's.
      for (const area of [SANDWELL, DUDLEY, WALSALL]) {
        const overview = await inject('admin', 'GET', '/api/overview', area);
        expect(overview.statusCode, overview.body).toBe(200);
        counts[area] = overview.json().comparatorCount;
      }
      expect(counts[SANDWELL]).toBe(await shownTo(SANDWELL));
      expect(counts[SANDWELL]).toBeGreaterThan(0);
      expect(counts[SANDWELL]).toBeLessThan(held!.n);
      // Dudley has Sandwell's KPIs: its own figures, the West Midlands' and England's for them.
      expect(counts[DUDLEY]).toBe(await shownTo(DUDLEY));
      // Walsall has no KPIs yet, so none of the deployment's comparator figures is its to show.
      expect(counts[WALSALL]).toBe(0);
    });
  });
});
