import { z } from 'zod';

/** RFC 9457 problem details: the one shape of every error response. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string(),
  /**
   * Which kind of problem this is, for a client to act on, where one status covers several kinds
   * (a 409 from loading a return: `RETURN_UPLOAD_CONFLICT_CODES`). Stable; the detail is for people.
   */
  code: z.string().optional(),
  /** Field-level problems, for validation errors. */
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * Why a monthly return upload cannot be loaded or abandoned (409 from
 * `POST /api/returns/uploads/{id}/commit` and `…/abandon`):
 * - `already_committed`: it was loaded already (by this person or another);
 * - `upload_abandoned`: it was abandoned, so nothing from it can be loaded;
 * - `data_changed`: figures it would change were changed by another upload since the preview;
 * - `meeting_locked`: a meeting was locked since the preview, covering months it changes;
 * - `upload_rejected` (abandon only): the file has errors, so it can never be loaded anyway.
 * Two people loading at once are serialised: the second then gets `already_committed` (same
 * upload) or `data_changed` (another upload touching the same figures).
 */
export const RETURN_UPLOAD_CONFLICT_CODES = [
  'already_committed',
  'upload_abandoned',
  'data_changed',
  'meeting_locked',
  'upload_rejected',
] as const;
export const returnUploadConflictCodeSchema = z.enum(RETURN_UPLOAD_CONFLICT_CODES);
export type ReturnUploadConflictCode = z.infer<typeof returnUploadConflictCodeSchema>;
