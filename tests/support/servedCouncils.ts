import type { loadSeedData } from '@kpi/seed';
import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../server/src/auth/passwords';
import type { DbOrTx } from '../../server/src/db/database';
import { applySeed } from '../../server/src/seedLoader/loadSeed';
import { TEST_PASSWORD } from './testApp';

type SeedData = Awaited<ReturnType<typeof loadSeedData>>;

export const WEST_MIDLANDS = 'E12000005';
export const SANDWELL = 'E08000028';
export const DUDLEY = 'E08000027';
/** Leeds, in Yorkshire and The Humber: a served council in another region. */
export const LEEDS = 'E08000035';

/**
 * Another council this deployment serves, made from the demo seed under its own name: the KPIs
 * named, every figure multiplied by `factor` (so its figures differ from Sandwell's), and only the
 * meetings that presented months before `unpublishedFrom` (so that month and later are not yet
 * published). Returns its organisation id.
 */
export async function seedServedCouncil(
  db: DbOrTx,
  data: SeedData,
  council: { areaCode: string; name: string; codes: string[]; factor: number; unpublishedFrom: string },
): Promise<number> {
  const codes = new Set(council.codes);
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
    indicators: data.indicators.filter((i) => codes.has(i.code)),
    kpiSets: data.kpiSets.map((s) => ({ ...s, members: s.members.filter((m) => codes.has(m)) })),
    thresholds: data.thresholds.filter((th) => codes.has(th.indicatorCode)),
    gracePeriods: [],
    reliefEvents: [],
    observations: data.observations
      .filter((o) => codes.has(o.indicatorCode))
      .map((o) => ({
        ...o,
        value: o.value === null ? null : Math.round(o.value * council.factor * 10) / 10,
        numerator: null,
        denominator: null,
      })),
    meetings: data.meetings.filter((m) => m.monthsTo < council.unpublishedFrom),
    commentary: [],
  });
  const [org] = await queryRows<{ id: number }>(
    db,
    sql`select id from organisations where area_code = ${council.areaCode}`,
  );
  return org!.id;
}

/** A person with the test password, in no organisation until given a place; returns their id. */
export async function addPerson(db: DbOrTx, username: string): Promise<number> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into users (username, display_name, role, password_hash) values (${username}, ${username}, 'viewer', ${passwordHash}) returning id`,
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
