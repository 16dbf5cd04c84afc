import type { pg } from '../lib/deps';

/** The account that belongs to every generated council (see `createNationalViewer`). */
export const NATIONAL_VIEWER = 'national-viewer';

/**
 * A councillor-like viewer who is a member of every chosen council (password as the demo viewer's),
 * so one session can ask for any council by the X-Organisation header, as the scorecard benchmark
 * across councils does. Each further council gets the meetings Sandwell has published (same dates,
 * same months, not locked), so its viewers see the same published months Sandwell's do and every
 * council's scorecard weighs the same.
 */
export async function createNationalViewer(
  client: InstanceType<typeof pg.Client>,
  organisationIds: readonly number[],
): Promise<void> {
  await client.query('begin');
  try {
    await client.query(
      `insert into users (username, display_name, role, password_hash)
       select $1, 'Viewer of every council (benchmark)', 'viewer', password_hash from users where username = 'viewer'
       on conflict do nothing`,
      [NATIONAL_VIEWER],
    );
    await client.query(
      `insert into memberships (user_id, organisation_id, role, pre_release)
       select u.id, o.id, 'viewer', false from users u cross join unnest($2::int[]) as o(id)
       where u.username = $1
       on conflict do nothing`,
      [NATIONAL_VIEWER, organisationIds],
    );
    await client.query(
      `insert into meetings (organisation_id, board, held_on, months_from, months_to, published_at)
       select o.id, m.board, m.held_on, m.months_from, m.months_to, m.published_at
       from unnest($1::int[]) as o(id)
       cross join meetings m
       where m.organisation_id = (select id from organisations order by id limit 1)
         and m.published_at is not null and m.published_at <= now()
         and not exists (select 1 from meetings x where x.organisation_id = o.id)`,
      [organisationIds],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}
