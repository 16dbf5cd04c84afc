import { boolean, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';
import { areas, snModels } from './areas';

/** A local authority that uses the product, with the comparator model it has chosen. */
export const organisations = pgTable('organisations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  areaCode: text('area_code')
    .notNull()
    .unique()
    .references(() => areas.code),
  /** The DfE statistical-neighbour model the organisation benchmarks against. */
  snModelId: integer('sn_model_id').references(() => snModels.id),
  /** Who delivers the service under contract, e.g. "Sandwell Children's Trust". */
  providerName: text('provider_name'),
  /**
   * Whether people holding the regional role in a group with this council may see its figures
   * before its meeting publishes them, as if on its pre-release list. Off unless the council says so.
   */
  regionalPreRelease: boolean('regional_pre_release').notNull().default(false),
  createdAt: createdAt(),
});
