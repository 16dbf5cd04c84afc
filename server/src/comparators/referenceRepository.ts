import type { Unit } from '@kpi/shared';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { areas, indicators } from '../db/schema';

/** The areas and the organisation's indicators that benchmark files are read against. */

export async function listAreas(db: DbOrTx) {
  return db.select({ code: areas.code, name: areas.name, oldLaCode: areas.oldLaCode }).from(areas);
}

/** The organisation's indicators that compare against a measure, by measure code. */
export async function indicatorsByComparatorMeasure(db: DbOrTx, organisationId: number) {
  const rows = await db
    .select({
      code: indicators.code,
      title: indicators.title,
      unit: indicators.unit,
      precision: indicators.precision,
      measure: indicators.comparatorMeasure,
    })
    .from(indicators)
    .where(and(eq(indicators.organisationId, organisationId), isNotNull(indicators.comparatorMeasure)))
    .orderBy(asc(indicators.code));
  const byMeasure = new Map<string, Array<{ code: string; title: string; unit: Unit; precision: number }>>();
  for (const row of rows) {
    const list = byMeasure.get(row.measure!) ?? [];
    list.push({ code: row.code, title: row.title, unit: row.unit, precision: row.precision });
    byMeasure.set(row.measure!, list);
  }
  return byMeasure;
}
