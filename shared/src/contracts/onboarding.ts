import { z } from 'zod';
import { roleSchema } from './enums';

/** An ONS local-authority code (E08000028), as the DfE list the reference data holds gives it. */
const areaCodeSchema = z
  .string()
  .trim()
  .regex(/^E\d{8}$/, 'Choose the council');

/**
 * Onboarding another council into a deployment (administrators). Its region, statistical
 * neighbours, populations and comparators follow from the reference data already loaded; its KPI
 * configuration may start as a copy of a council already onboarded.
 */
export const councilOnboardingSchema = z.object({
  /** The council's ONS code, from the DfE local-authority list. */
  areaCode: areaCodeSchema,
  /** As shown on screens and exports; the DfE list's name when absent. */
  name: z.string().trim().max(200).nullable().optional(),
  providerName: z.string().trim().max(200).nullable().optional(),
  /** The DfE statistical-neighbour model; the deployment's current one when absent. */
  snModelCode: z.string().trim().max(80).nullable().optional(),
  /** An onboarded council (its area code) whose KPIs, sets, bands and grace periods are copied. */
  templateFrom: areaCodeSchema.nullable().optional(),
});
export type CouncilOnboarding = z.infer<typeof councilOnboardingSchema>;

const kpiSetSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  memberCount: z.number().int(),
});

/** What the "Add a council" screen chooses from. */
export const onboardingCandidatesSchema = z.object({
  /** DfE local authorities not yet onboarded, by name. */
  localAuthorities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      oldLaCode: z.string().nullable(),
      regionName: z.string().nullable(),
    }),
  ),
  snModels: z.array(z.object({ code: z.string(), name: z.string(), publishedOn: z.string() })),
  /** The model the council in view benchmarks against: the default for a new council. */
  currentSnModelCode: z.string().nullable(),
  /** The councils whose KPI configuration the person may start from (those they belong to). */
  templates: z.array(
    z.object({
      areaCode: z.string(),
      name: z.string(),
      indicatorCount: z.number().int(),
      kpiSets: z.array(kpiSetSummarySchema),
    }),
  ),
});
export type OnboardingCandidates = z.infer<typeof onboardingCandidatesSchema>;

/** What onboarding created. */
export const onboardedCouncilSchema = z.object({
  organisation: z.object({
    name: z.string(),
    areaCode: z.string(),
    oldLaCode: z.string().nullable(),
    regionName: z.string().nullable(),
    providerName: z.string().nullable(),
    snModelCode: z.string().nullable(),
    snModelName: z.string().nullable(),
  }),
  /** What was copied, and from whom; null when the council starts empty. */
  template: z
    .object({
      areaCode: z.string(),
      name: z.string(),
      indicators: z.number().int(),
      kpiSets: z.array(z.object({ code: z.string(), name: z.string() })),
      kpiSetMembers: z.number().int(),
      thresholdVersions: z.number().int(),
      gracePeriods: z.number().int(),
    })
    .nullable(),
  /** The creator's role in the new council. */
  role: roleSchema,
});
export type OnboardedCouncil = z.infer<typeof onboardedCouncilSchema>;
