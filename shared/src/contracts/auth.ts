import { z } from 'zod';
import { roleSchema } from './enums';

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(100),
  password: z.string().min(1, 'Enter your password').max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const currentUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  /** On the pre-release list: sees figures before their meeting publishes them. */
  preRelease: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const meResponseSchema = z.object({
  user: currentUserSchema,
  /** Null until an organisation is configured (a new production install before its first seed). */
  organisation: z
    .object({
      name: z.string(),
      laCode: z.string(),
    })
    .nullable(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
