import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { queryRows } from '../db/database';
import { areas, organisations, snModels, snNeighbours } from '../db/schema';
import { chunks } from './benchmarkWrites';

/** Statistical-neighbour models, their neighbour lists, and the organisation's chosen model. */

export async function findSnModelByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(snModels).where(eq(snModels.code, code));
  return row;
}

export async function findSnModelById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(snModels).where(eq(snModels.id, id));
  return row;
}

export async function upsertSnModel(
  tx: DbOrTx,
  model: { code: string; name: string; publishedOn: string; sourceFile: string },
): Promise<{ id: number; created: boolean }> {
  const existing = await findSnModelByCode(tx, model.code);
  if (existing) {
    await tx
      .update(snModels)
      .set({ name: model.name, publishedOn: model.publishedOn, sourceFile: model.sourceFile })
      .where(eq(snModels.id, existing.id));
    return { id: existing.id, created: false };
  }
  const [created] = await tx.insert(snModels).values(model).returning({ id: snModels.id });
  return { id: created!.id, created: true };
}

export async function loadSnNeighbourLinks(db: DbOrTx, snModelId: number) {
  return db
    .select({
      areaCode: snNeighbours.areaCode,
      neighbourAreaCode: snNeighbours.neighbourAreaCode,
      rank: snNeighbours.rank,
      closeness: snNeighbours.closeness,
    })
    .from(snNeighbours)
    .where(eq(snNeighbours.snModelId, snModelId));
}

export async function replaceSnNeighbours(
  tx: DbOrTx,
  snModelId: number,
  rows: Array<{ areaCode: string; neighbourAreaCode: string; rank: number; closeness: string | null }>,
): Promise<void> {
  await tx.delete(snNeighbours).where(eq(snNeighbours.snModelId, snModelId));
  for (const chunk of chunks(rows)) {
    await tx.insert(snNeighbours).values(chunk.map((r) => ({ ...r, snModelId })));
  }
}

/** An area's neighbours in a model, closest first, with names and LA numbers. */
export async function neighboursOf(db: DbOrTx, snModelId: number, areaCode: string) {
  return db
    .select({
      rank: snNeighbours.rank,
      areaCode: snNeighbours.neighbourAreaCode,
      name: areas.name,
      oldLaCode: areas.oldLaCode,
      closeness: snNeighbours.closeness,
    })
    .from(snNeighbours)
    .innerJoin(areas, eq(areas.code, snNeighbours.neighbourAreaCode))
    .where(and(eq(snNeighbours.snModelId, snModelId), eq(snNeighbours.areaCode, areaCode)))
    .orderBy(asc(snNeighbours.rank));
}

export async function listSnModelsWithCounts(db: DbOrTx) {
  const rows = await queryRows<{
    id: number;
    code: string;
    name: string;
    published_on: string;
    source_file: string | null;
    subjects: number;
    neighbours: number;
  }>(
    db,
    sql`select m.id, m.code, m.name, m.published_on, m.source_file,
          count(distinct n.area_code)::int as subjects, count(n.area_code)::int as neighbours
        from sn_models m left join sn_neighbours n on n.sn_model_id = m.id
        group by m.id order by m.published_on desc, m.code`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    publishedOn: r.published_on,
    sourceFile: r.source_file,
    subjects: Number(r.subjects),
    neighbours: Number(r.neighbours),
  }));
}

export async function setOrganisationSnModel(tx: DbOrTx, organisationId: number, snModelId: number): Promise<void> {
  await tx.update(organisations).set({ snModelId }).where(eq(organisations.id, organisationId));
}
