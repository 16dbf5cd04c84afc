import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { queryRows } from '../db/database';
import { populations } from '../db/schema';
import { chunks } from './benchmarkWrites';

/** ONS 0–17 mid-year population estimates, the denominators of rates per 10,000. */

/** The ONS 0–17 estimate used for rates: per area and year, the most recently loaded. */
export async function loadPopulationLookup(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await queryRows<{ area_code: string; year: number; population: number }>(
    db,
    sql`select distinct on (area_code, year) area_code, year, population
        from populations where age_group = '0-17' order by area_code, year, id desc`,
  );
  return new Map(rows.map((r) => [`${r.area_code}|${Number(r.year)}`, Number(r.population)]));
}

/** The 0–17 estimates held, by mid-year: how many areas have one, and from which releases. */
export async function populationYears(db: DbOrTx) {
  const rows = await queryRows<{ year: number; areas: number; releases: string[] }>(
    db,
    sql`select year, count(distinct area_code)::int as areas, array_agg(distinct source_release order by source_release) as releases
        from populations where age_group = '0-17' group by year order by year`,
  );
  return rows.map((r) => ({ year: Number(r.year), areas: Number(r.areas), releases: r.releases }));
}

export async function loadPopulationsOfRelease(db: DbOrTx, sourceRelease: string) {
  return db
    .select({
      id: populations.id,
      areaCode: populations.areaCode,
      year: populations.year,
      population: populations.population,
    })
    .from(populations)
    .where(and(eq(populations.sourceRelease, sourceRelease), eq(populations.ageGroup, '0-17')));
}

export async function insertPopulations(tx: DbOrTx, rows: Array<typeof populations.$inferInsert>): Promise<void> {
  for (const chunk of chunks(rows)) await tx.insert(populations).values(chunk);
}

export async function updatePopulations(tx: DbOrTx, rows: Array<{ id: number; population: number }>): Promise<void> {
  for (const chunk of chunks(rows, 500)) {
    const values = sql.join(
      chunk.map((r) => sql`(${r.id}::int, ${r.population}::int)`),
      sql`, `,
    );
    await tx.execute(sql`update populations as p set population = v.population
      from (values ${values}) as v(id, population) where p.id = v.id`);
  }
}
