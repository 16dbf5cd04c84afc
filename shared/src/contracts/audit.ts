import { z } from 'zod';
import type { Role } from './enums';
import { isoDateInputSchema } from './kpi';

/**
 * The record of changes (`GET /api/audit`, `GET /api/audit.csv`): the audit log of the council in
 * view, newest first, for those who administer its people or its contract. Entries are read a page
 * at a time by keyset (a cursor naming the last entry seen), so a page never repeats or skips an
 * entry however many are written meanwhile.
 */

/**
 * Who may read a council's record of changes: those who administer its people (administrators)
 * or its contract (commissioners and administrators). The server refuses everyone else (403).
 */
export const AUDIT_READER_ROLES = ['commissioner', 'admin'] as const satisfies readonly Role[];

/**
 * What kind of change an entry records, by the first part of its action code. A closed list, so
 * the filter is a choice rather than free text; an action code matching no prefix has no kind.
 */
export const AUDIT_ACTION_KINDS = [
  'people',
  'contract',
  'meetings',
  'returns',
  'benchmarks',
  'commentary',
  'council',
  'exports',
  'access',
] as const;
export const auditActionKindSchema = z.enum(AUDIT_ACTION_KINDS);
export type AuditActionKind = z.infer<typeof auditActionKindSchema>;

/** The action-code prefixes (up to and including the dot) each kind covers. */
export const AUDIT_KIND_PREFIXES: Record<AuditActionKind, readonly string[]> = {
  people: ['user.', 'group.', 'auth.'],
  contract: ['indicator.', 'proposal.', 'kpi_set.', 'threshold.', 'relief_event.', 'schedule.', 'contract.', 'spc.'],
  meetings: ['meeting.', 'prerelease.'],
  returns: ['return.'],
  benchmarks: ['benchmarks.', 'reference.'],
  commentary: ['commentary.', 'action.'],
  council: ['organisation.'],
  exports: ['export.'],
  access: ['access.'],
};

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 100;
/** The most entries one CSV download holds; a longer choice is refused with a request to narrow it. */
export const AUDIT_CSV_MAX_ROWS = 20_000;

/**
 * Where the next page starts: the last entry's time (microseconds since 1970, as the database
 * holds it) and id, `1712345678901234.42`. Opaque to the client, which only sends it back.
 */
export const auditCursorSchema = z
  .string()
  .max(40)
  .regex(/^\d{1,17}\.\d{1,15}$/, 'Use the cursor from the previous page as it was given');

const auditFilterFields = {
  kind: auditActionKindSchema.optional(),
  /** Whose actions: a username of a member of the council in view (any letter case). */
  person: z.string().trim().min(1).max(100).optional(),
  /** UK calendar dates, both included. */
  from: isoDateInputSchema.optional(),
  to: isoDateInputSchema.optional(),
};

function fromNotAfterTo(query: { from?: string | undefined; to?: string | undefined }): boolean {
  return !query.from || !query.to || query.from <= query.to;
}
/** The schema's one cross-field refusal (a form tells it apart from a malformed date by this message). */
export const AUDIT_DATES_OUT_OF_ORDER = 'The "to" date must be the same as or after the "from" date';
const FROM_AFTER_TO = { path: ['to'], message: AUDIT_DATES_OUT_OF_ORDER };

export const auditFilterQuerySchema = z.object(auditFilterFields).refine(fromNotAfterTo, FROM_AFTER_TO);
export type AuditFilterQuery = z.infer<typeof auditFilterQuerySchema>;

export const auditQuerySchema = z
  .object({
    ...auditFilterFields,
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
    cursor: auditCursorSchema.optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const AUDIT_OUTCOMES = ['success', 'failure', 'refused'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** One value an entry says changed: `field` null when the entry changed one thing (`from` → `to`). */
export const auditChangeSchema = z.object({
  field: z.string().nullable(),
  before: z.string(),
  after: z.string(),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  /** ISO 8601 instant. */
  at: z.string(),
  /**
   * Who acted: their display name and username while they are a member of the council in view;
   * otherwise only that it was someone outside it (or the system), as other screens show.
   */
  who: z.object({ name: z.string(), username: z.string().nullable() }),
  action: z.string(),
  /** The action in plain words. */
  actionText: z.string(),
  kind: auditActionKindSchema.nullable(),
  outcome: auditOutcomeSchema,
  /** What it touched, as recorded, and in plain words. */
  target: z.string().nullable(),
  targetText: z.string().nullable(),
  /** Before and after, where the entry holds them. */
  changes: z.array(auditChangeSchema),
  /** The rest of what the entry recorded, with anything secret withheld. */
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Send as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
