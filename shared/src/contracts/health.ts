import { z } from 'zod';

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const readyResponseSchema = z.object({
  status: z.literal('ready'),
  database: z.enum(['pglite', 'postgres']),
  /** Streaming-replication standbys for reads (DATABASE_READ_URL), in its order; absent without them. */
  standbys: z
    .array(
      z.object({
        /** Reachable at the last attempt; when not, reads go to the primary. */
        available: z.boolean(),
        /** Has replayed every change this instance knows of, so serves reads now. */
        current: z.boolean(),
        reads: z.number().int().nonnegative(),
      }),
    )
    .optional(),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
