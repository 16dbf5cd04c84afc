import { z } from 'zod';
import { ragStatusSchema, roleSchema } from './enums';
import { isoDateInputSchema, isoDateSchema, monthInputSchema, monthSchema } from './kpi';

/**
 * Commentary written on screen (and loaded from return files) goes through draft → submitted →
 * agreed; a commissioner may send a submitted text back ("returned") with a reason.
 */
export const COMMENTARY_STATES = ['draft', 'submitted', 'returned', 'agreed'] as const;
export const commentaryStateSchema = z.enum(COMMENTARY_STATES);
export type CommentaryState = z.infer<typeof commentaryStateSchema>;

export const COMMENTARY_SOURCES = ['screen', 'return'] as const;
export type CommentarySource = (typeof COMMENTARY_SOURCES)[number];

/** The longest commentary accepted; longer text is refused with this number, never cut. */
export const COMMENTARY_MAX_CHARS = 20_000;
export const REASON_MAX_CHARS = 2_000;

export const commentaryVersionSchema = z.object({
  id: z.number().int(),
  state: commentaryStateSchema,
  body: z.string(),
  /** Why: the reason for sending back, or a note from the person who saved or agreed it. */
  reason: z.string().nullable(),
  source: z.enum(COMMENTARY_SOURCES),
  uploadFileName: z.string().nullable(),
  by: z.string().nullable(),
  byRole: roleSchema.nullable(),
  at: z.string(),
});
export type CommentaryVersion = z.infer<typeof commentaryVersionSchema>;

export const commentaryStepSchema = z.enum(['save', 'submit', 'agree', 'send_back']);
export type CommentaryStep = z.infer<typeof commentaryStepSchema>;

export const kpiMonthCommentarySchema = z.object({
  code: z.string(),
  month: monthSchema,
  /** The agreed text everyone who may see the month sees; null until something is agreed. */
  agreed: commentaryVersionSchema.nullable(),
  /** The latest version (draft, submitted, returned or agreed); null for those who see only agreed text. */
  latest: commentaryVersionSchema.nullable(),
  /** Every version, oldest first; empty for those who see only agreed text. */
  history: z.array(commentaryVersionSchema),
  historyShown: z.boolean(),
  /** What this person may do now, given the latest state and their role. */
  may: z.object({ save: z.boolean(), submit: z.boolean(), agree: z.boolean(), sendBack: z.boolean() }),
  /** Why "agree" is not offered to this person although their role may agree (four eyes), or null. */
  agreeRefusal: z.string().nullable(),
  publication: z.object({ published: z.boolean(), note: z.string().nullable() }),
});
export type KpiMonthCommentary = z.infer<typeof kpiMonthCommentarySchema>;

const bodySchema = z
  .string()
  .max(COMMENTARY_MAX_CHARS, `Commentary can be at most ${COMMENTARY_MAX_CHARS} characters; nothing was saved`)
  .refine((s) => s.trim().length > 0, 'Write some commentary first');
/** The version the writer last saw: a change made since is a conflict, not overwritten. */
const basedOnSchema = z.number().int().positive().nullable();

export const saveCommentaryRequestSchema = z.object({
  body: bodySchema,
  basedOn: basedOnSchema,
  note: z.string().max(REASON_MAX_CHARS).optional(),
});
export const submitCommentaryRequestSchema = z.object({
  /** Optional new text: saving and submitting in one step. */
  body: bodySchema.optional(),
  basedOn: basedOnSchema,
});
export const agreeCommentaryRequestSchema = z.object({
  basedOn: z.number().int().positive(),
  note: z.string().max(REASON_MAX_CHARS).optional(),
});
export const sendBackCommentaryRequestSchema = z.object({
  basedOn: z.number().int().positive(),
  reason: z
    .string()
    .max(REASON_MAX_CHARS)
    .refine((s) => s.trim().length > 0, 'Say why it is sent back'),
});
export type SaveCommentaryRequest = z.infer<typeof saveCommentaryRequestSchema>;
export type SubmitCommentaryRequest = z.infer<typeof submitCommentaryRequestSchema>;
export type AgreeCommentaryRequest = z.infer<typeof agreeCommentaryRequestSchema>;
export type SendBackCommentaryRequest = z.infer<typeof sendBackCommentaryRequestSchema>;

export const commentaryParamsSchema = z.object({ code: z.string().min(1).max(40), month: monthInputSchema });

/* ----------------------------------------------------------------------------------- actions */

export const ACTION_STATUSES = ['open', 'on_track', 'late', 'done'] as const;
export const actionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof actionStatusSchema>;

export const kpiActionSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  description: z.string(),
  owner: z.string(),
  dueOn: isoDateSchema,
  status: actionStatusSchema,
  /** Past its due date and not done, whatever status was last recorded. */
  late: z.boolean(),
  months: z.array(monthSchema),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type KpiAction = z.infer<typeof kpiActionSchema>;

const shortText = (max: number, empty: string) =>
  z
    .string()
    .max(max, `At most ${max} characters`)
    .refine((s) => s.trim().length > 0, empty);

export const createActionRequestSchema = z.object({
  description: shortText(4_000, 'Say what will be done'),
  owner: shortText(200, 'Name the owner: a role or a person'),
  dueOn: isoDateInputSchema,
  status: actionStatusSchema.default('open'),
  months: z.array(monthInputSchema).min(1, 'Link the action to at least one month').max(36),
});
export type CreateActionRequest = z.input<typeof createActionRequestSchema>;
export const updateActionRequestSchema = createActionRequestSchema.partial();
export type UpdateActionRequest = z.infer<typeof updateActionRequestSchema>;

export const actionListResponseSchema = z.object({ code: z.string(), actions: z.array(kpiActionSchema) });
export type ActionListResponse = z.infer<typeof actionListResponseSchema>;

/* ------------------------------------------------------------------------- exception report */

export const EXCEPTION_REASONS = ['red', 'persistent_failure', 'worsening_signal', 'out_of_line'] as const;
export const exceptionReasonSchema = z.enum(EXCEPTION_REASONS);
export type ExceptionReason = z.infer<typeof exceptionReasonSchema>;

export const exceptionItemSchema = z.object({
  code: z.string(),
  title: z.string(),
  month: monthSchema,
  status: ragStatusSchema,
  displayValue: z.string(),
  reasons: z.array(z.object({ reason: exceptionReasonSchema, words: z.string() })),
  /** The agreed commentary for the month; null is "commentary missing". */
  commentary: commentaryVersionSchema.nullable(),
  commentaryMissing: z.boolean(),
  openActions: z.array(kpiActionSchema),
  /** True when this month's figure (the one shown) is generated demo data: by its own provenance. */
  illustrative: z.boolean(),
});
export type ExceptionItem = z.infer<typeof exceptionItemSchema>;

export const exceptionReportSchema = z.object({
  meetingId: z.number().int(),
  board: z.string(),
  heldOn: isoDateSchema,
  month: monthSchema,
  items: z.array(exceptionItemSchema),
  missingCommentary: z.number().int(),
  /** The criteria applied; "worsening by a signal" appears only where SPC signals are available. */
  criteria: z.array(exceptionReasonSchema),
  published: z.boolean(),
});
export type ExceptionReport = z.infer<typeof exceptionReportSchema>;

export const publishMeetingRequestSchema = z
  .object({
    /** Publish although some exceptions have no agreed commentary; recorded in the audit log. */
    confirmMissingCommentary: z.boolean().optional(),
  })
  .nullish();
