import { and, asc, count, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/database';
import { areas, organisations, populations, snModels, snNeighbours } from '../db/schema';

export async function referenceCounts(db: DbOrTx) {
  const [[a], [m], [p]] = await Promise.all([
    db.select({ n: count() }).from(areas),
    db.select({ n: count() }).from(snModels),
    db.select({ n: count() }).from(populations),
  ]);
  return { areas: a?.n ?? 0, snModels: m?.n ?? 0, populations: p?.n ?? 0 };
}

const region = alias(areas, 'region');

/** Every local authority, with its region's name, by name. */
export async function listLocalAuthorities(db: DbOrTx) {
  return db
    .select({ code: areas.code, name: areas.name, oldLaCode: areas.oldLaCode, regionName: region.name })
    .from(areas)
    .leftJoin(region, eq(region.code, areas.regionCode))
    .where(eq(areas.level, 'local_authority'))
    .orderBy(asc(areas.name));
}

export async function listSnModels(db: DbOrTx) {
  return db
    .select({ id: snModels.id, code: snModels.code, name: snModels.name, publishedOn: snModels.publishedOn })
    .from(snModels)
    .orderBy(desc(snModels.publishedOn));
}

export async function findArea(db: DbOrTx, code: string) {
  const [row] = await db.select().from(areas).where(eq(areas.code, code));
  return row;
}

/** The models that list neighbours for the area, newest first. */
export async function modelsListing(db: DbOrTx, areaCode: string) {
  return db
    .selectDistinct({ id: snModels.id, code: snModels.code, publishedOn: snModels.publishedOn })
    .from(snNeighbours)
    .innerJoin(snModels, eq(snModels.id, snNeighbours.snModelId))
    .where(and(eq(snNeighbours.areaCode, areaCode)))
    .orderBy(desc(snModels.publishedOn));
}

export async function insertOrganisation(db: DbOrTx, values: typeof organisations.$inferInsert) {
  const [row] = await db.insert(organisations).values(values).returning();
  return row!;
}

/** Every organisation the deployment serves, by name. */
export async function listOrganisations(db: DbOrTx) {
  return db
    .select({ id: organisations.id, name: organisations.name, areaCode: organisations.areaCode })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

/** The areas a statistical-neighbour model lists neighbours for: the authorities that existed when it was published. */
export async function areasListedBy(db: DbOrTx, snModelId: number): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ areaCode: snNeighbours.areaCode })
    .from(snNeighbours)
    .where(eq(snNeighbours.snModelId, snModelId));
  return new Set(rows.map((r) => r.areaCode));
}
