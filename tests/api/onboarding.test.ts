import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const SANDWELL = 'E08000028';
const DUDLEY = 'E08000027';
const WALSALL = 'E08000030';
const WEST_MIDLANDS = 'E12000005';

/**
 * An administrator onboards a second council into the demo deployment (Sandwell): Dudley, chosen
 * from the DfE list, starting from Sandwell's KPI configuration. Exactly the configuration is
 * copied; no figure, history or person crosses.
 */
describe(`onboarding another council (${testDriverName()})`, () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const post = (who: string | null, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: who ? { cookie: cookie[who]! } : {},
      payload,
    });
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.database.db, query);
  const orgId = async (areaCode: string) =>
    (await rows<{ id: number }>(sql`select id from organisations where area_code = ${areaCode}`))[0]?.id;
  const audits = async (action: string, outcome: string) =>
    (
      await rows<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action = ${action} and outcome = ${outcome}`,
      )
    )[0]!.n;

  /** A council's KPI configuration, keyed by codes (never ids), so two councils' can be compared. */
  const configurationOf = async (organisationId: number) => ({
    indicators: await rows(
      sql`select code, title, short_title, definition, why_it_matters, unit, polarity, precision, measure_type,
                 theme, comparator_measure, comparator_difference, numerator_label, denominator_label
            from indicators where organisation_id = ${organisationId} order by code`,
    ),
    kpiSets: await rows(
      sql`select code, name, effective_from, effective_to, persistent_failure_months, illustrative_note
            from kpi_sets where organisation_id = ${organisationId} order by code`,
    ),
    members: await rows(
      sql`select s.code as set_code, i.code as indicator_code, m.position from kpi_set_members m
            join kpi_sets s on s.id = m.kpi_set_id join indicators i on i.id = m.indicator_id
           where s.organisation_id = ${organisationId} and i.organisation_id = ${organisationId}
           order by s.code, m.position`,
    ),
    bands: await rows(
      sql`select i.code, s.code as set_code, v.effective_from, v.effective_to, v.target_operator, v.target_value,
                 v.failure_operator, v.failure_value, v.source_text, v.illustrative
            from threshold_versions v join indicators i on i.id = v.indicator_id left join kpi_sets s on s.id = v.kpi_set_id
           where i.organisation_id = ${organisationId} and (s.id is null or s.organisation_id = ${organisationId})
           order by i.code, v.effective_from, s.code`,
    ),
    grace: await rows(
      sql`select i.code, s.code as set_code, g.starts_on, g.ends_on, g.reason
            from grace_periods g join indicators i on i.id = g.indicator_id left join kpi_sets s on s.id = g.kpi_set_id
           where i.organisation_id = ${organisationId} and (s.id is null or s.organisation_id = ${organisationId})
           order by i.code, g.starts_on`,
    ),
  });

  const WORDING = new Set([
    'title',
    'short_title',
    'definition',
    'why_it_matters',
    'numerator_label',
    'denominator_label',
    'comparator_difference',
    'name',
    'illustrative_note',
    'source_text',
    'reason',
  ]);
  const withoutWording = (configuration: Record<string, unknown[]>) =>
    Object.fromEntries(
      Object.entries(configuration).map(([table, list]) => [
        table,
        list.map((row) => Object.fromEntries(Object.entries(row as object).filter(([column]) => !WORDING.has(column)))),
      ]),
    );

  beforeAll(async () => {
    t = await createSeededTestApp();
    for (const who of ['viewer', 'commissioner', 'analyst', 'admin']) cookie[who] = await signInAs(t.app, who);
  });
  afterAll(() => t.close());

  it('offers the DfE local authorities not yet onboarded, with their regions, and the councils to start from', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/organisations/candidates',
      headers: { cookie: cookie.admin! },
    });
    expect(response.statusCode, response.body).toBe(200);
    const candidates = response.json();
    const codes = candidates.localAuthorities.map((la: { code: string }) => la.code);
    expect(codes).not.toContain(SANDWELL);
    expect(candidates.localAuthorities).toContainEqual({
      code: DUDLEY,
      name: 'Dudley',
      oldLaCode: '332',
      regionName: 'West Midlands',
    });
    expect(codes.length).toBeGreaterThan(140);
    // councils abolished since (still areas of older DfE files) are not offered
    for (const abolished of ['E06000028', 'E06000029', 'E10000006', 'E10000021'])
      expect(codes, abolished).not.toContain(abolished);
    expect(candidates.currentSnModelCode).toEqual(expect.any(String));
    expect(candidates.templates).toHaveLength(1);
    expect(candidates.templates[0]).toMatchObject({ areaCode: SANDWELL, indicatorCount: expect.any(Number) });
    expect(candidates.templates[0].kpiSets.length).toBeGreaterThan(0);
  });

  it('refuses everyone but an administrator, and nobody signed in', async () => {
    for (const who of ['viewer', 'commissioner', 'analyst']) {
      expect((await post(who, { areaCode: DUDLEY })).statusCode, who).toBe(403);
    }
    expect((await post(null, { areaCode: DUDLEY })).statusCode).toBe(401);
    const candidates = await t.app.inject({ method: 'GET', url: '/api/organisations/candidates' });
    expect(candidates.statusCode).toBe(401);
    expect(await orgId(DUDLEY)).toBeUndefined();
  });

  it('refuses a code that is not a local authority from the DfE list, in the one error shape', async () => {
    for (const [areaCode, field] of [
      ['E99999999', 'body.areaCode'],
      [WEST_MIDLANDS, 'body.areaCode'],
    ] as const) {
      const response = await post('admin', { areaCode });
      expect(response.statusCode, areaCode).toBe(400);
      expect(response.json()).toMatchObject({ status: 400, errors: [{ path: field }], requestId: expect.any(String) });
    }
    const malformed = await post('admin', { areaCode: 'Dudley' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().status).toBe(400);
    const unknownModel = await post('admin', { areaCode: DUDLEY, snModelCode: 'no-such-model' });
    expect(unknownModel.json()).toMatchObject({ status: 400, errors: [{ path: 'body.snModelCode' }] });
    const strangerTemplate = await post('admin', { areaCode: DUDLEY, templateFrom: WALSALL });
    expect(strangerTemplate.json()).toMatchObject({ status: 400, errors: [{ path: 'body.templateFrom' }] });
    expect(await orgId(DUDLEY)).toBeUndefined();
    expect(await audits('organisation.onboard', 'refused')).toBe(4);
  });

  it('onboards Dudley from Sandwell’s configuration: exactly its KPIs, sets and bands, none of its figures or people', async () => {
    const sandwell = (await orgId(SANDWELL))!;
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    const response = await post('admin', {
      areaCode: DUDLEY,
      providerName: 'Dudley Children’s Services',
      templateFrom: SANDWELL,
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    const dudley = (await orgId(DUDLEY))!;

    const source = await configurationOf(sandwell);
    const copy = await configurationOf(dudley);
    expect(source.indicators.length).toBeGreaterThan(10);
    expect(source.bands.length).toBeGreaterThan(0);
    expect(source.grace.length).toBeGreaterThan(0);
    // Exactly Sandwell's, but for the wording, which names Dudley or is marked as Sandwell's
    // (councilAdministration.test.ts).
    expect(withoutWording(copy)).toEqual(withoutWording(source));
    expect(body).toMatchObject({
      organisation: { name: 'Dudley', areaCode: DUDLEY, oldLaCode: '332', regionName: 'West Midlands' },
      template: {
        areaCode: SANDWELL,
        indicators: source.indicators.length,
        kpiSetMembers: source.members.length,
        thresholdVersions: source.bands.length,
        gracePeriods: source.grace.length,
      },
      role: 'admin',
    });
    expect(body.template.kpiSets).toHaveLength(source.kpiSets.length);

    // The deployment's model, so Dudley's neighbours come from the same DfE model as Sandwell's.
    const [models] = await rows<{ sandwell: number | null; dudley: number | null }>(
      sql`select (select sn_model_id from organisations where id = ${sandwell}) as sandwell,
                 (select sn_model_id from organisations where id = ${dudley}) as dudley`,
    );
    expect(models!.dudley).not.toBeNull();
    expect(models!.dudley).toBe(models!.sandwell);

    const [crossed] = await rows<Record<string, number>>(
      sql`select
            (select count(*)::int from observations o join indicators i on i.id = o.indicator_id
              where i.organisation_id = ${dudley}) as observations,
            (select count(*)::int from uploads where organisation_id = ${dudley}) as uploads,
            (select count(*)::int from meetings where organisation_id = ${dudley}) as meetings,
            (select count(*)::int from relief_events where organisation_id = ${dudley}) as relief_events,
            (select count(*)::int from proposed_changes where organisation_id = ${dudley}) as proposals,
            (select count(*)::int from commentary c join indicators i on i.id = c.indicator_id
              where i.organisation_id = ${dudley}) as commentary,
            (select count(*)::int from commentary_versions c join indicators i on i.id = c.indicator_id
              where i.organisation_id = ${dudley}) as commentary_versions,
            (select count(*)::int from kpi_actions a join indicators i on i.id = a.indicator_id
              where i.organisation_id = ${dudley}) as actions,
            (select count(*)::int from spc_rebases r join indicators i on i.id = r.indicator_id
              where i.organisation_id = ${dudley}) as spc_rebases`,
    );
    expect(crossed).toEqual({
      observations: 0,
      uploads: 0,
      meetings: 0,
      relief_events: 0,
      proposals: 0,
      commentary: 0,
      commentary_versions: 0,
      actions: 0,
      spc_rebases: 0,
    });
    // Sandwell's relief history is there to be not copied.
    const [sandwellRelief] = await rows<{ n: number }>(
      sql`select count(*)::int as n from relief_events where organisation_id = ${sandwell}`,
    );
    expect(sandwellRelief!.n).toBeGreaterThan(0);

    const members = await rows<{ username: string; role: string; pre_release: boolean }>(
      sql`select u.username, m.role, m.pre_release from memberships m join users u on u.id = m.user_id
           where m.organisation_id = ${dudley}`,
    );
    expect(members).toEqual([{ username: 'admin', role: 'admin', pre_release: false }]);

    const written = await rows<{ action: string; outcome: string; target: string; username: string }>(
      sql`select action, outcome, target, username from audit_log order by id offset ${before[0]!.n}`,
    );
    expect(written).toEqual([
      { action: 'organisation.onboard', outcome: 'success', target: `organisation:${dudley}`, username: 'admin' },
    ]);
  });

  it('lets its administrator open the new council straight away, in the same session', async () => {
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookie.admin!, 'x-organisation': DUDLEY },
    });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user.organisationInView).toBe(DUDLEY);
    expect(
      me
        .json()
        .user.organisations.map((o: { areaCode: string }) => o.areaCode)
        .sort(),
    ).toEqual([DUDLEY, SANDWELL]);
    // Its copied KPIs, and none of Sandwell's figures: a scorecard says there are none yet.
    const scorecard = await t.app.inject({
      method: 'GET',
      url: '/api/scorecard',
      headers: { cookie: cookie.admin!, 'x-organisation': DUDLEY },
    });
    // an honest empty answer, not a 404 (which a browser reports as a fault)
    expect(scorecard.statusCode, scorecard.body).toBe(200);
    expect(scorecard.json()).toMatchObject({
      items: [],
      availableMonths: null,
      noFiguresNote: expect.stringMatching(/^There are no published KPI figures yet\. The KPI set .+ is ready/),
    });
    // Set-up describes the council in view, not the deployment's first
    for (const [area, name] of [
      [DUDLEY, /Dudley/],
      [SANDWELL, /Sandwell/],
    ] as const) {
      const setup = await t.app.inject({
        method: 'GET',
        url: '/api/setup',
        headers: { cookie: cookie.admin!, 'x-organisation': area },
      });
      expect(setup.statusCode, setup.body).toBe(200);
      expect(setup.json().organisation).toMatchObject({ areaCode: area, name: expect.stringMatching(name) });
    }
  });

  it('refuses a council already onboarded with a 409', async () => {
    for (const areaCode of [DUDLEY, SANDWELL]) {
      const response = await post('admin', { areaCode });
      expect(response.statusCode, areaCode).toBe(409);
      expect(response.json()).toMatchObject({ status: 409, code: 'already_onboarded' });
    }
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from organisations`);
    expect(count!.n).toBe(2);
  });

  it('starts a council empty when no template is chosen, and no longer offers the onboarded ones', async () => {
    const response = await post('admin', { areaCode: WALSALL, name: 'Walsall Council' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ organisation: { name: 'Walsall Council' }, template: null });
    const walsall = (await orgId(WALSALL))!;
    const [held] = await rows<{ n: number }>(
      sql`select count(*)::int as n from indicators where organisation_id = ${walsall}`,
    );
    expect(held!.n).toBe(0);
    const candidates = (
      await t.app.inject({ method: 'GET', url: '/api/organisations/candidates', headers: { cookie: cookie.admin! } })
    ).json();
    const codes = candidates.localAuthorities.map((la: { code: string }) => la.code);
    expect(codes).not.toContain(DUDLEY);
    expect(codes).not.toContain(WALSALL);
    // The administrator now belongs to all three, so each may be a starting point.
    expect(candidates.templates.map((c: { areaCode: string }) => c.areaCode).sort()).toEqual(
      [DUDLEY, SANDWELL, WALSALL].sort(),
    );
  });
});
