import { z } from 'zod';

/** Setting up a new installation: reference geography, then the organisation it serves. */
export const setupStatusSchema = z.object({
  organisation: z
    .object({
      name: z.string(),
      areaCode: z.string(),
      oldLaCode: z.string().nullable(),
      regionName: z.string().nullable(),
      providerName: z.string().nullable(),
      snModelName: z.string().nullable(),
    })
    .nullable(),
  reference: z.object({ areas: z.number().int(), snModels: z.number().int(), populations: z.number().int() }),
  localAuthorities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      oldLaCode: z.string().nullable(),
      regionName: z.string().nullable(),
    }),
  ),
  snModels: z.array(z.object({ code: z.string(), name: z.string(), publishedOn: z.string() })),
  /** Whether the person may add a council: only the administrator of every council served. */
  mayAddCouncils: z.boolean(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const referenceLoadResultSchema = z.object({
  inserted: z.object({
    areas: z.number().int(),
    snModels: z.number().int(),
    snNeighbours: z.number().int(),
    populations: z.number().int(),
  }),
});
export type ReferenceLoadResult = z.infer<typeof referenceLoadResultSchema>;

export const organisationSetupSchema = z.object({
  /** The local authority's ONS code (E08000028), from the areas the reference data holds. */
  areaCode: z
    .string()
    .trim()
    .regex(/^E\d{8}$/, 'Choose the local authority'),
  name: z.string().trim().min(1, 'Enter the organisation’s name').max(200),
  providerName: z.string().trim().max(200).nullable().optional(),
  /** The DfE statistical-neighbour model; the latest that lists the authority when absent. */
  snModelCode: z.string().trim().max(80).nullable().optional(),
});
export type OrganisationSetup = z.infer<typeof organisationSetupSchema>;

/**
 * Renaming the council in view (its administrators): the name shown on screens and exports. Its
 * area code, which addresses it (`X-Organisation`, `?organisation=`), does not change.
 */
export const councilRenameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the council’s name')
    .max(200, 'The council’s name must be 200 characters or fewer'),
});
export type CouncilRename = z.infer<typeof councilRenameSchema>;
