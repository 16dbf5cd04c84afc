import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { areas, organisations, snModels } from '../db/schema';

/** The organisation this deployment serves (one council per deployment). */
export async function findOrganisation(db: DbOrTx) {
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
