import { z } from 'zod';
import { roleSchema } from './enums';

/** How a person signs in: a local password, or the organisation's single sign-on. */
export const SIGN_IN_METHODS = ['local', 'sso'] as const;
export const signInMethodSchema = z.enum(SIGN_IN_METHODS);
export type SignInMethod = z.infer<typeof signInMethodSchema>;

export const userSummarySchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  signInMethod: signInMethodSchema,
  preRelease: z.boolean(),
  /** ISO timestamp when the account was disabled; null while it is active. */
  disabledAt: z.string().nullable(),
  /** ISO timestamp of the last successful sign-in, from the audit log; null if never. */
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userListResponseSchema = z.object({ users: z.array(userSummarySchema) });
export type UserListResponse = z.infer<typeof userListResponseSchema>;

/** Letters, digits and . _ - @, so a username can be an email address or a payroll-style id. */
export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a username')
  .max(100, 'The username must be 100 characters or fewer')
  .regex(
    /^[A-Za-z0-9._@-]+$/,
    'The username can only contain letters, numbers, full stops, hyphens, underscores and @',
  );

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the person’s name')
  .max(200, 'The name must be 200 characters or fewer');

/**
 * A new password as typed. Only a generous upper bound here: the policy (length in characters,
 * common passwords, username) is `passwordProblems`, applied by the server so refusals are audited.
 */
export const newPasswordSchema = z.string().max(1000, 'The password must be 64 characters or fewer');

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  preRelease: z.boolean().default(false),
  password: newPasswordSchema,
});
/** What the client sends (preRelease may be left out). */
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;
/** What the server works with once the request is parsed. */
export type CreateUserInput = z.output<typeof createUserRequestSchema>;

/** The changes an administrator can make to an account; at least one. */
export const updateUserRequestSchema = z
  .object({
    role: roleSchema.optional(),
    preRelease: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((body) => body.role !== undefined || body.preRelease !== undefined || body.disabled !== undefined, {
    message: 'Say what to change: role, preRelease or disabled',
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const resetPasswordRequestSchema = z.object({ password: newPasswordSchema });
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

export const changeOwnPasswordRequestSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(1000),
  newPassword: newPasswordSchema,
});
export type ChangeOwnPasswordRequest = z.infer<typeof changeOwnPasswordRequestSchema>;

/** When the current session ends unless it is used, and when it ends regardless. */
export const sessionStatusSchema = z.object({
  /** ISO timestamp: the idle limit, moved on by activity. */
  idleExpiresAt: z.string(),
  /** ISO timestamp: the absolute limit, fixed at sign-in. */
  absoluteExpiresAt: z.string(),
  /** The server's clock, so the client can correct for its own. */
  serverTime: z.string(),
  /** The configured limits, so the warning can say what they are. */
  idleMinutes: z.number().int().positive(),
  absoluteHours: z.number().int().positive(),
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/**
 * Giving a person who already has an account in another council a role in the council in view.
 * Only an administrator of every council they belong to may: anyone else is told that no one in
 * a council they administer has that username, whether or not it exists.
 */
export const addMembershipRequestSchema = z.object({
  username: usernameSchema,
  role: roleSchema,
  preRelease: z.boolean().default(false),
});
export type AddMembershipRequest = z.input<typeof addMembershipRequestSchema>;
export type AddMembershipInput = z.output<typeof addMembershipRequestSchema>;
