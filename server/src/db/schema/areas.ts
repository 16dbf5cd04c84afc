import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';
import { geographicLevelEnum } from './enums';

/** Every geography a figure can describe: England, a region, or a local authority. */
export const areas = pgTable(
  'areas',
  {
    /** ONS/GSS code: E92000001 England, E12000005 West Midlands, E08000028 Sandwell. */
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: geographicLevelEnum('level').notNull(),
    /** DfE's three-digit LA number (333 for Sandwell); null for regions and England. */
    oldLaCode: text('old_la_code'),
    /** The region a local authority belongs to. */
    regionCode: text('region_code'),
  },
  (t) => [
    uniqueIndex('areas_old_la_code_uq').on(t.oldLaCode).where(sql`${t.oldLaCode} is not null`),
    index('areas_region_idx').on(t.regionCode),
  ],
);

/** DfE's children's services statistical-neighbour models (April 2021, May 2025, …). */
export const snModels = pgTable('sn_models', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  publishedOn: text('published_on').notNull(),
  sourceFile: text('source_file'),
  createdAt: createdAt(),
});

/** The ten neighbours of each local authority in a model, closest first. */
export const snNeighbours = pgTable(
  'sn_neighbours',
  {
    snModelId: integer('sn_model_id')
      .notNull()
      .references(() => snModels.id, { onDelete: 'cascade' }),
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
    neighbourAreaCode: text('neighbour_area_code')
      .notNull()
      .references(() => areas.code),
    rank: integer('rank').notNull(),
    closeness: text('closeness'),
  },
  (t) => [uniqueIndex('sn_neighbours_uq').on(t.snModelId, t.areaCode, t.rank)],
);

/** ONS mid-year population estimates, used as denominators for rates per 10,000. */
export const populations = pgTable(
  'populations',
  {
    id: serial('id').primaryKey(),
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
    /** The mid-year the estimate describes (30 June of this year). */
    year: integer('year').notNull(),
    ageGroup: text('age_group').notNull().default('0-17'),
    population: integer('population').notNull(),
    sourceRelease: text('source_release').notNull(),
  },
  (t) => [uniqueIndex('populations_uq').on(t.areaCode, t.year, t.ageGroup, t.sourceRelease)],
);
