import { z } from 'zod';
import { groupRoleSchema, polaritySchema, ragStatusSchema, suppressionSymbolSchema, unitSchema } from './enums';
import { idInputSchema, monthInputSchema, monthSchema } from './kpi';
import { regionalJudgementSchema } from './regional';

/**
 * Groups of served councils and the regional role (issue 19), and the councils' own contract KPIs
 * side by side in the regional view. A group is a region's served councils or an administrator's
 * custom set (an alliance); a person holding `regional_analyst` in a group reads each of its
 * councils as a viewer there. A council's unpublished month is shown to them only where that
 * council allows regional pre-release viewing (`regionalPreRelease`, default off).
 */

export const groupIdParamsSchema = z.object({ id: idInputSchema });

/**
 * A served council as the groups screen shows it. `administered`: the person asking administers it,
 * so the screen offers to remove it from a custom group or change its regional pre-release setting
 * (the server still decides).
 */
export const groupCouncilSchema = z.object({
  areaCode: z.string(),
  name: z.string(),
  regionalPreRelease: z.boolean(),
  administered: z.boolean(),
});
export type GroupCouncil = z.infer<typeof groupCouncilSchema>;

export const councilGroupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The region whose served councils make up the group; null for a custom group. */
  regionCode: z.string().nullable(),
  councils: z.array(groupCouncilSchema),
  people: z.array(z.object({ userId: z.number().int(), username: z.string(), role: groupRoleSchema })),
});
export type CouncilGroup = z.infer<typeof councilGroupSchema>;

export const councilGroupsResponseSchema = z.object({
  groups: z.array(councilGroupSchema),
  /** Every served council, for adding to a custom group. */
  servedCouncils: z.array(groupCouncilSchema),
  /** The nine English regions (E12…) by name: a region's group is made for one of them. */
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type CouncilGroupsResponse = z.infer<typeof councilGroupsResponseSchema>;

export const createGroupRequestSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the group').max(100),
    /**
     * One of the nine English regions (E12…, listed in the groups answer): the group is that
     * region's served councils. Leave out for a custom group. A well-formed code that is not a
     * region is refused by the server (400).
     */
    regionCode: z
      .string()
      .regex(/^E12\d{6}$/, 'Choose one of the nine English regions')
      .optional(),
  })
  .strict();
export type CreateGroupRequest = z.infer<typeof createGroupRequestSchema>;

export const groupCouncilRequestSchema = z.object({ areaCode: z.string().trim().min(1).max(20) }).strict();
export type GroupCouncilRequest = z.infer<typeof groupCouncilRequestSchema>;

/** A council in a custom group, by area code: `DELETE /api/groups/{id}/councils/{areaCode}`. */
export const groupCouncilParamsSchema = z.object({
  id: idInputSchema,
  areaCode: z.string().trim().min(1).max(20),
});

export const groupRoleRequestSchema = z
  .object({ username: z.string().trim().min(1).max(100), role: groupRoleSchema.default('regional_analyst') })
  .strict();
export type GroupRoleRequest = z.infer<typeof groupRoleRequestSchema>;

export const groupRoleParamsSchema = z.object({
  id: idInputSchema,
  userId: idInputSchema,
});

export const regionalPreReleaseRequestSchema = z.object({ allow: z.boolean() }).strict();

export const regionalKpisQuerySchema = z.object({
  /** A group id; without one, the served councils of the organisation in view's region. */
  group: idInputSchema.optional(),
  /** The KPI code the councils share, e.g. PI4. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'Give a KPI code, e.g. PI4'),
  /** Default: the latest month with a figure among the councils. */
  month: monthInputSchema.optional(),
});
export type RegionalKpisQuery = z.infer<typeof regionalKpisQuerySchema>;

export const regionalKpiCellSchema = z.object({
  areaCode: z.string(),
  name: z.string(),
  /** The KPI's title as this council words it; null when the council has no KPI with this code. */
  title: z.string().nullable(),
  /** False when the month is not yet published and this reader may not see it: nothing else is said. */
  visible: z.boolean(),
  /** "Not yet published" for a hidden month; otherwise null. */
  notice: z.string().nullable(),
  value: z.number().nullable(),
  symbol: suppressionSymbolSchema.nullable(),
  displayValue: z.string().nullable(),
  unit: unitSchema.nullable(),
  precision: z.number().int().nullable(),
  /** Against this council's own bands in force that month. */
  rating: ragStatusSchema.nullable(),
  ratingReason: z.string().nullable(),
  /** Against the group average, with polarity: better / worse / similar (higher / lower without polarity). */
  againstGroup: regionalJudgementSchema.nullable(),
  positionWords: z.string().nullable(),
  /** The month is one the council has not published yet (shown to this reader under pre-release rules). */
  unpublished: z.boolean(),
  /** The figure shown is illustrative (generated to demonstrate the dashboard), not a real return. */
  illustrative: z.boolean(),
});

/**
 * A line a one-KPI chart across councils is read against: the group average of the figures shown,
 * and the region's and England's DfE figures where the KPI has a comparable measure (each at the
 * month its period ends; null elsewhere).
 */
export const regionalKpiReferenceLineSchema = z.object({
  key: z.enum(['group_average', 'region', 'england']),
  name: z.string(),
  /** Where the figures come from, in words. */
  source: z.string(),
  points: z.array(z.object({ month: monthSchema, value: z.number().nullable() })),
});
export type RegionalKpiReferenceLine = z.infer<typeof regionalKpiReferenceLineSchema>;

export const regionalKpisResponseSchema = z.object({
  group: z.object({ id: z.number().int().nullable(), name: z.string() }),
  code: z.string(),
  month: monthSchema.nullable(),
  polarity: polaritySchema.nullable(),
  unit: unitSchema.nullable(),
  precision: z.number().int().nullable(),
  /** The mean of the figures this reader may see (councils with the KPI that month). */
  groupAverage: z.object({ value: z.number().nullable(), displayValue: z.string(), councils: z.number().int() }),
  councils: z.array(regionalKpiCellSchema),
  trend: z.object({
    months: z.array(monthSchema),
    councils: z.array(
      z.object({
        areaCode: z.string(),
        name: z.string(),
        /** One point per month; a month this reader may not see is null, as a month with no figure. */
        points: z.array(z.object({ month: monthSchema, value: z.number().nullable() })),
      }),
    ),
    references: z.array(regionalKpiReferenceLineSchema).default([]),
    /**
     * Why an England or region line a reader might look for is not drawn, in words (a count, no
     * DfE measure, councils in more than one region); empty when nothing is withheld.
     */
    notes: z.array(z.string()).default([]),
  }),
  /** Some figure shown is not yet published by its council: exports are marked and never stored. */
  includesUnpublished: z.boolean(),
});
export type RegionalKpisResponse = z.infer<typeof regionalKpisResponseSchema>;
