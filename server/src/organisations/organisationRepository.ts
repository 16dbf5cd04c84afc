import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { areas, organisations, snModels } from '../db/schema';

/**
 * One organisation, by id; without an id, the deployment's default organisation (the lowest id:
 * where a deployment that served one council kept its people, and the one scripts act for).
 */
export async function findOrganisation(db: DbOrTx, organisationId?: number) {
  const [row] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      providerName: organisations.providerName,
      areaCode: organisations.areaCode,
      oldLaCode: areas.oldLaCode,
      regionCode: areas.regionCode,
      snModelId: organisations.snModelId,
      snModelName: snModels.name,
    })
    .from(organisations)
    .innerJoin(areas, eq(areas.code, organisations.areaCode))
    .leftJoin(snModels, eq(snModels.id, organisations.snModelId))
    .where(organisationId === undefined ? undefined : eq(organisations.id, organisationId))
    .orderBy(asc(organisations.id))
    .limit(1);
  return row;
}

export async function regionNameOf(db: DbOrTx, regionCode: string | null): Promise<string | null> {
  if (!regionCode) return null;
  const [row] = await db.select({ name: areas.name }).from(areas).where(eq(areas.code, regionCode));
  return row?.name ?? null;
}

/** An organisation as use cases see it: its area, region and chosen statistical-neighbour model. */
export type Organisation = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>;

/** The organisation with this area code (e.g. E08000028), by id and name; undefined when there is none. */
export async function organisationByAreaCode(db: DbOrTx, areaCode: string) {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, areaCode: organisations.areaCode })
    .from(organisations)
    .where(eq(organisations.areaCode, areaCode));
  return row;
}

/** Whether any organisation is set up yet (a new installation has none until its first setup). */
export async function anyOrganisation(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).limit(1);
  return row !== undefined;
}

/**
 * Every organisation's name, locked until the transaction ends, so two councils renamed at once
 * cannot both take the same name.
 */
export async function lockOrganisationNames(db: DbOrTx) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.id))
    .for('update');
}

/** Changes an organisation's name (its area code, which addresses it, stays); false when there is none. */
export async function renameOrganisation(db: DbOrTx, organisationId: number, name: string): Promise<boolean> {
  const rows = await db
    .update(organisations)
    .set({ name })
    .where(eq(organisations.id, organisationId))
    .returning({ id: organisations.id });
  return rows.length > 0;
}
