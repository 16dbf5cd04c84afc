import { z } from 'zod';
import { provenanceSchema } from './enums';

/** What the signed-in home page shows: the organisation and what data it holds. */
export const overviewResponseSchema = z.object({
  organisation: z.object({
    name: z.string(),
    laCode: z.string(),
    oldLaCode: z.string().nullable(),
    regionName: z.string().nullable(),
    providerName: z.string().nullable(),
    statisticalNeighbourModel: z.string().nullable(),
    /** Which model each year's neighbour averages use (the one in force then), oldest first; empty when none are held. */
    statisticalNeighbourModelYears: z.array(
      z.object({ model: z.string(), fromYear: z.number().int(), toYear: z.number().int(), inForce: z.boolean() }),
    ),
  }),
  kpiSets: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      effectiveFrom: z.string(),
      effectiveTo: z.string().nullable(),
      indicatorCount: z.number().int(),
    }),
  ),
  /** Latest month (YYYY-MM) with any observation; null when there is no data yet. */
  latestMonth: z.string().nullable(),
  observationCounts: z.array(z.object({ provenance: provenanceSchema, count: z.number().int() })),
  /** The comparator figures the council in view’s pages may show (its KPIs’ measures, for it, its region and England). */
  comparatorCount: z.number().int(),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
