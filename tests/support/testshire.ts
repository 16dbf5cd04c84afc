import { schema } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApp } from './testApp';

const { areas, organisations } = schema;

/**
 * A council set up with nothing in it, for tests of the contract from its first step: Testshire,
 * with every test account a member in its own role. Set up through the database, not the set-up
 * screen (which makes everyone a member), so people keep the roles they were given.
 */
export async function setUpTestshire(t: TestApp): Promise<void> {
  const db = t.database.db;
  await db.insert(areas).values({ code: 'E99999999', name: 'Testshire', level: 'local_authority', oldLaCode: '999' });
  await db.insert(organisations).values({ name: 'Testshire Council', areaCode: 'E99999999' });
  await db.execute(sql`insert into memberships (user_id, organisation_id, role, pre_release)
    select u.id, o.id, u.role, u.pre_release from users u cross join organisations o`);
  // A write behind the server's back reaches its session cache by notification, a moment later
  // (on a busy PostgreSQL, after the next request): forget the sessions as that notification will.
  t.app.readCaches.sessions.forgetAll();
}

/** A percentage KPI, higher is better, added through the API as a commissioner would. */
export async function addStabilityKpi(t: TestApp, commissionerCookie: string, code: string): Promise<void> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/contract/indicators',
    headers: { cookie: commissionerCookie },
    payload: {
      code,
      title: 'Children in the same home for two years',
      definition: 'Of children in care 2.5 years or more, the % in the same home for at least 2 years.',
      whyItMatters: 'Stable homes matter.',
      theme: 'children_in_care',
      unit: 'percent',
      polarity: 'higher_is_better',
      precision: 0,
      measureType: 'snapshot',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
}
