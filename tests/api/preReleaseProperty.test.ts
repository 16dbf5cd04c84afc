import { queryRows } from '@kpi/server/db';
import { addMonths, dateToMonth, monthRange } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMeetings } from '../../server/src/publication/meetingRepository';
import { monthPublication, publicationOf } from '../../server/src/publication/publication';
import { readXlsx } from '../support/documentReaders';
import { concreteUrl, documentedRoutes } from '../support/routeCatalogue';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * The pre-release rule as a property: for every documented route, with any parameters, a viewer who
 * is not on the pre-release list gets the same answer whatever the unpublished months hold. Their
 * figures, numerators, denominators and symbols are changed, their commentary is removed and other
 * commentary written, and a whole new unpublished month is added; if any of that reached the
 * viewer (a figure, a comment, a rating, a direction, a streak, a count, the fact that a month has
 * data), some answer would differ.
 */
interface Probe {
  method: 'GET' | 'POST';
  url: string;
  payload?: Record<string, unknown>;
}

const CODES = ['PI1', 'PI4', 'PI12', 'PI15'];
const VIEWS = ['monthly', 'rolling12', 'fytd'];
const SKIPPED = new Set([
  // Drawn by Chromium from the same data as GET /api/exports/board-pack/data, which is walked.
  'POST /api/exports/board-pack',
]);

describe(`a viewer off the pre-release list sees nothing of an unpublished month (${testDriverName()})`, () => {
  let t: TestApp;
  let viewer: string;
  let unpublished: string[];
  let middle: string[];
  let probes: Probe[];

  beforeAll(async () => {
    t = await createSeededTestApp();
    const db = t.database.db;
    const months = (
      await queryRows<{ month: string }>(db, sql`select distinct to_char(month, 'YYYY-MM') as month from observations`)
    )
      .map((r) => r.month)
      .sort();
    const latest = months.at(-1)!;
    // The demo's last meeting presented up to the latest month; here it presented up to three
    // months before, so the last two months wait for a meeting still to come.
    await db.execute(sql`update meetings set months_to = ${`${months.at(-3)!}-01`}::date
      where months_to > ${`${months.at(-3)!}-01`}::date`);
    // Two months in the middle of the published run that no published meeting presented (a month
    // one presented stays public whatever covers it next), so later published months sit after them.
    const presented = new Set(
      (await listMeetings(db, 1)).flatMap((m) => monthRange(dateToMonth(m.monthsFrom), dateToMonth(m.monthsTo))),
    );
    const gap = months
      .slice(0, -3)
      .filter((m, i, all) => all[i + 1] === addMonths(m, 1) && !presented.has(m) && !presented.has(all[i + 1]!));
    middle = [gap.at(-1)!, addMonths(gap.at(-1)!, 1)];
    // Meetings still to come: one covering the last two months with data, one covering those two.
    for (const [from, to] of [[months.at(-2)!, latest], middle]) {
      await db.execute(sql`insert into meetings (organisation_id, board, held_on, months_from, months_to)
        values (1, 'Corporate Parenting Board', '2099-01-05', ${`${from}-01`}::date, ${`${to}-01`}::date)`);
    }
    const publication = publicationOf(await listMeetings(db, 1), new Date());
    unpublished = months.filter((m) => !monthPublication(publication, m).published);
    expect(unpublished).toEqual(expect.arrayContaining([...middle, months.at(-2)!, latest]));
    // Commentary in an unpublished month, as the probe found it leaking.
    for (const month of unpublished.slice(-2).concat(middle[0]!)) {
      await db.execute(sql`insert into commentary (indicator_id, month, body)
        select id, ${`${month}-01`}::date, ${`Unpublished commentary for ${month}`} from indicators
        on conflict (indicator_id, month) do update set body = excluded.body`);
    }
    viewer = await signInAs(t.app, 'viewer');

    const meetingIds = (await listMeetings(db, 1)).map((m) => String(m.id));
    const interesting = [
      ...new Set([
        ...unpublished,
        addMonths(middle[0]!, -1),
        addMonths(middle[1]!, 1),
        months.at(-3)!,
        addMonths(latest, 1),
        '2021-03',
      ]),
    ];
    const month = fc.constantFrom(...interesting);
    const values: Record<string, fc.Arbitrary<string>> = {
      month,
      from: month.map((m) => addMonths(m, -14)),
      to: month,
      view: fc.constantFrom(...VIEWS),
      kpi: fc.constantFrom(...CODES),
      kpis: fc.subarray(CODES, { minLength: 1 }).map((codes) => codes.join(',')),
      limit: fc.constant('50'),
    };
    const routes = await documentedRoutes(t.app);
    probes = [];
    for (const route of routes) {
      if (SKIPPED.has(`${route.method} ${route.path}`)) continue;
      if (route.method === 'GET') {
        const samples = fc.sample(
          fc.record({
            code: fc.constantFrom(...CODES),
            id: fc.constantFrom(...meetingIds),
            query: fc.record(
              Object.fromEntries(
                route.queryParameters.map((name) => [name, fc.option(values[name] ?? fc.constant(''))]),
              ),
            ),
          }),
          { numRuns: route.queryParameters.length > 0 || route.path.includes('{') ? 8 : 1, seed: 16 },
        );
        for (const sample of samples) {
          const query = new URLSearchParams(
            Object.entries(sample.query).flatMap(([k, v]) => (v === null || v === '' ? [] : [[k, String(v)]])),
          );
          const path = concreteUrl(route.path, { code: sample.code, id: sample.id });
          probes.push({ method: 'GET', url: query.size > 0 ? `${path}?${query}` : path });
        }
      }
    }
    for (const sample of fc.sample(fc.record({ code: fc.constantFrom(...CODES), to: month, view: values.view! }), {
      numRuns: 8,
      seed: 16,
    })) {
      probes.push({
        method: 'POST',
        url: `/api/exports/indicators/${sample.code}/chart`,
        payload: { format: 'png', from: addMonths(sample.to, -12), to: sample.to, view: sample.view },
      });
    }
  }, 300_000);
  afterAll(() => t.close());

  async function answers(): Promise<string[]> {
    const out: string[] = [];
    for (const probe of probes) {
      const response = await t.app.inject({
        method: probe.method,
        url: probe.url,
        headers: { cookie: viewer },
        ...(probe.payload ? { payload: probe.payload } : {}),
      });
      out.push(`${probe.method} ${probe.url} → ${response.statusCode}\n${await comparable(response)}`);
    }
    return out;
  }

  it('answers every documented route the same whatever the unpublished months hold', { timeout: 240_000 }, async () => {
    const before = await answers();
    const db = t.database.db;
    const months = unpublished.map((m) => `${m}-01`);
    await db.execute(sql`update observations
      set value = case when value is null then null else value + 1 end,
          numerator = case when numerator is null then null else numerator + 1 end,
          denominator = case when denominator is null then null else denominator + 2 end
      where to_char(month, 'YYYY-MM-DD') in (${sql.join(
        months.map((m) => sql`${m}`),
        sql`, `,
      )})`);
    await db.execute(
      sql`delete from commentary where to_char(month, 'YYYY-MM-DD') in (${sql.join(
        months.map((m) => sql`${m}`),
        sql`, `,
      )})`,
    );
    await db.execute(sql`insert into commentary (indicator_id, month, body)
      select id, ${`${middle[1]}-01`}::date, 'Different unpublished commentary' from indicators`);
    // A month nobody has seen yet, with figures: its existence must not show either.
    const latest = unpublished.at(-1)!;
    await db.execute(sql`insert into observations (indicator_id, month, value, provenance, status)
      select indicator_id, (month + interval '1 month')::date, value, provenance, status from observations
      where month = ${`${latest}-01`}::date`);
    const after = await answers();
    expect(after.length).toBe(before.length);
    expect(before.length).toBeGreaterThan(60);
    const differing = before.flatMap((answer, i) => (after[i] === answer ? [] : [{ before: answer, after: after[i] }]));
    expect(differing.slice(0, 3)).toEqual([]);
    // And no answer carried any commentary written for an unpublished month.
    for (const answer of [...before, ...after]) expect(answer).not.toMatch(/[Uu]npublished commentary/);
  });
});

/**
 * An answer without what changes from one request to the next (request ids, the moment it was
 * produced, the standbys' counters).
 */
async function comparable(response: {
  headers: Record<string, unknown>;
  rawPayload: Buffer;
  body: string;
}): Promise<string> {
  const type = String(response.headers['content-type'] ?? '');
  const headers = `cache-control: ${String(response.headers['cache-control'] ?? '')}`;
  if (type.startsWith('application/vnd.openxmlformats-officedocument.spreadsheetml')) {
    const workbook = await readXlsx(response.rawPayload);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        const text = JSON.stringify(row.values);
        if (!/^\[null,"Produced"/.test(text)) cells.push(`${sheet.name}: ${text}`);
      });
    });
    return `${headers}\n${cells.join('\n')}`;
  }
  const body = response.body
    .replace(/"requestId":"[^"]*"/g, '"requestId":"…"')
    .replace(/"producedAt":"[^"]*"/g, '"producedAt":"…"')
    .replace(/"(uptimeSeconds|serverTime)":[^,}]*/g, '"$1":…')
    // The session's idle expiry moves on with every request (a minute apart on a busy machine).
    .replace(/"idleExpiresAt":"[^"]*"/g, '"idleExpiresAt":"…"')
    // /api/ready's standbys (the PostgreSQL stage reads from one): how many reads each has answered
    // and whether it has caught up change with every request, and say nothing of the data.
    .replace(/"standbys":\[[^\]]*\]/g, '"standbys":…')
    .replace(/^Produced,.*$/gm, 'Produced,…');
  return `${headers}\n${body}`;
}
