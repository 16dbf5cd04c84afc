import { loadSeedData } from '@kpi/seed';
import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../server/src/auth/passwords';
import type { DbOrTx } from '../../server/src/db/database';
import { applySeed } from '../../server/src/seedLoader/loadSeed';
import { REFERENCE_DIR } from './seededApp';
import { createTestApp, TEST_PASSWORD, type TestApp } from './testApp';

type SeedData = Awaited<ReturnType<typeof loadSeedData>>;

export const WEST_MIDLANDS = 'E12000005';
export const SANDWELL = 'E08000028';
export const DUDLEY = 'E08000027';
/** Leeds, in Yorkshire and The Humber: a served council in another region. */
export const LEEDS = 'E08000035';

/** The demo deployment (Sandwell, the demo seed, and the four demo accounts) before any other council is served. */
export async function sandwellDeployment(): Promise<{ t: TestApp; data: SeedData }> {
  const t = await createTestApp();
  const data = await loadSeedData(REFERENCE_DIR);
  await applySeed(t.database.db, data);
  return { t, data };
}

/**
 * Another council this deployment serves, made from the demo seed under its own name: the KPIs
 * named, every figure multiplied by `factor` (so its figures differ from Sandwell's), and only the
 * meetings that presented months before `unpublishedFrom` (so that month and later are not yet
 * published). With `mark`, its KPI titles, boards and commentary carry the mark (so an answer
 * showing any of them is caught) and `value`, when given, is every figure. Returns its organisation id.
 */
export async function seedServedCouncil(
  db: DbOrTx,
  data: SeedData,
  council: {
    areaCode: string;
    name: string;
    codes: string[];
    factor: number;
    unpublishedFrom: string;
    mark?: string;
    value?: number;
  },
): Promise<number> {
  const codes = new Set(council.codes);
  const marked = (text: string) => (council.mark ? `${council.mark} ${text}` : text);
  const figure = (value: number | null) =>
    value === null ? null : (council.value ?? Math.round(value * council.factor * 10) / 10);
  await applySeed(db, {
    ...data,
    snNeighbours: [],
    populations: [],
    comparators: [],
    organisation: {
      ...data.organisation,
      name: council.name,
      areaCode: council.areaCode,
      providerName: `${council.name} provider`,
    },
    indicators: data.indicators.filter((i) => codes.has(i.code)).map((i) => ({ ...i, title: marked(i.title) })),
    kpiSets: data.kpiSets.map((s) => ({ ...s, members: s.members.filter((m) => codes.has(m)) })),
    thresholds: data.thresholds.filter((th) => codes.has(th.indicatorCode)),
    gracePeriods: [],
    reliefEvents: [],
    observations: data.observations
      .filter((o) => codes.has(o.indicatorCode))
      .map((o) => ({ ...o, value: figure(o.value), numerator: null, denominator: null })),
    meetings: data.meetings
      .filter((m) => m.monthsTo < council.unpublishedFrom)
      .map((m) => ({ ...m, board: marked(m.board) })),
    commentary: council.mark
      ? data.commentary.filter((c) => codes.has(c.indicatorCode)).map((c) => ({ ...c, body: marked(c.body) }))
      : [],
  });
  const [org] = await queryRows<{ id: number }>(
    db,
    sql`select id from organisations where area_code = ${council.areaCode}`,
  );
  return org!.id;
}

/** A person with the test password, in no organisation until given a place; returns their id. */
export async function addPerson(db: DbOrTx, username: string, displayName = username): Promise<number> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into users (username, display_name, role, password_hash) values (${username}, ${displayName}, 'viewer', ${passwordHash}) returning id`,
  );
  return row!.id;
}

export async function addMembership(
  db: DbOrTx,
  userId: number,
  organisationId: number,
  role: string,
  preRelease = false,
): Promise<void> {
  await db.execute(sql`insert into memberships (user_id, organisation_id, role, pre_release)
    values (${userId}, ${organisationId}, ${role}::role, ${preRelease})
    on conflict (user_id, organisation_id) do update set role = excluded.role, pre_release = excluded.pre_release`);
}

export async function auditCount(db: DbOrTx, action: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_log where action = ${action}`,
  );
  return row!.n;
}

/** One council's own records, each findable by id, for walking the routes that take an id. */
export interface CouncilRecords {
  organisationId: number;
  meeting: number;
  upload: number;
  scheduleUpload: number;
  action: number;
  proposal: number;
  spcRebase: number;
  user: number;
  group: number;
}

/**
 * A council's own records, carrying `mark`: an action and an SPC rebase made through the API by
 * its administrator (`adminCookie`), a return and a schedule upload and a proposal written
 * directly, and its latest meeting. `user` and `group` are the person and group the walk uses.
 */
export async function councilRecords(
  t: TestApp,
  council: { areaCode: string; adminCookie: string; mark: string; user: number; group: number },
): Promise<CouncilRecords> {
  const db = t.database.db;
  const headers = { cookie: council.adminCookie, 'x-organisation': council.areaCode };
  const made = async (url: string, payload: object) => {
    const response = await t.app.inject({ method: 'POST', url, headers, payload });
    if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return (response.json() as { id: number }).id;
  };
  const { mark } = council;
  const action = await made('/api/indicators/PI1/actions', {
    description: `${mark} action`,
    owner: `${mark} owner`,
    dueOn: '2021-06-30',
    months: ['2021-03'],
  });
  const spcRebase = await made('/api/indicators/PI1/spc-rebases', { month: '2020-04', reason: `${mark} rebase` });
  const [ids] = await queryRows<{ organisation: number; admin: number; meeting: number }>(
    db,
    sql`select o.id as organisation, (select max(m.id) from meetings m where m.organisation_id = o.id) as meeting,
               (select min(user_id) from memberships where organisation_id = o.id and role = 'admin') as admin
          from organisations o where o.area_code = ${council.areaCode}`,
  );
  const organisationId = ids!.organisation;
  const upload = async (kind: string, name: string) =>
    (
      await queryRows<{ id: number }>(
        db,
        sql`insert into uploads (organisation_id, kind, file_name, sha256, byte_size, uploaded_by, outcome, summary)
            values (${organisationId}, ${kind}, ${`${mark}-${name}`}, ${`${mark}-${name}`}, 10, ${ids!.admin}, 'validated', null) returning id`,
      )
    )[0]!.id;
  const [proposal] = await queryRows<{ id: number }>(
    db,
    sql`insert into proposed_changes (organisation_id, kind, title, reason, change, proposed_by, proposed_by_role)
        values (${organisationId}, 'threshold', ${`${mark} proposal`}, ${`${mark} reason`}, '{}'::jsonb, ${ids!.admin}, 'admin') returning id`,
  );
  return {
    organisationId,
    meeting: ids!.meeting,
    upload: await upload('monthly_return', 'return.csv'),
    scheduleUpload: await upload('contract_schedule', 'schedule.csv'),
    action,
    proposal: proposal!.id,
    spcRebase,
    user: council.user,
    group: council.group,
  };
}

/** The council's record for a documented path's {id}. */
export function recordIdFor(path: string, records: CouncilRecords): number {
  if (path.startsWith('/api/users/')) return records.user;
  if (path.includes('/actions/')) return records.action;
  if (path.includes('/spc-rebases/')) return records.spcRebase;
  if (path.startsWith('/api/returns/uploads/')) return records.upload;
  if (path.startsWith('/api/contract/proposals/')) return records.proposal;
  if (path.startsWith('/api/contract/schedule/uploads/')) return records.scheduleUpload;
  if (path.includes('/meetings/')) return records.meeting;
  if (path.startsWith('/api/groups/')) return records.group;
  throw new Error(`no record for ${path}`);
}

/**
 * A valid body for the routes with an id that need one, so the lookup (not validation) answers:
 * `own` is the asker's council and `username` one of its people (added to the other's group).
 */
export function bodyForIdRoute(
  route: { method: string; path: string },
  own: { areaCode: string; username: string },
): object | undefined {
  const bodies: Record<string, object> = {
    'PATCH /api/users/{id}': { role: 'viewer' },
    'POST /api/users/{id}/password': { password: 'a-long-enough-new-password-1' },
    'PATCH /api/indicators/{code}/actions/{id}': { status: 'done' },
    'PATCH /api/contract/meetings/{id}': { board: 'Renamed board' },
    'POST /api/returns/uploads/{id}/commit': { confirmWarnings: true, reason: 'Cross-council check' },
    'POST /api/meetings/{id}/publish': {},
    'POST /api/contract/proposals/{id}/approve': {},
    'POST /api/contract/proposals/{id}/reject': {},
    'POST /api/groups/{id}/councils': { areaCode: own.areaCode },
    'POST /api/groups/{id}/people': { username: own.username },
  };
  return bodies[`${route.method} ${route.path}`];
}
