import { z } from 'zod';
import { roleSchema } from './enums';
import { signInMethodSchema } from './users';

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(100),
  password: z.string().min(1, 'Enter your password').max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** An organisation a person belongs to, with their role there. */
export const organisationMembershipSchema = z.object({
  /** The council's area code (e.g. E08000028): what the `X-Organisation` header and `?organisation=` carry. */
  areaCode: z.string(),
  name: z.string(),
  role: roleSchema,
  /** Reached through a group in which they hold the regional role (read only), not a membership of the council. */
  regional: z.boolean().optional(),
});
export type OrganisationMembership = z.infer<typeof organisationMembershipSchema>;

export const currentUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  /** Their role in the organisation in view. */
  role: roleSchema,
  /** On the organisation in view's pre-release list: sees figures before their meeting publishes them. */
  preRelease: z.boolean(),
  /** Single sign-on users change their password with their organisation, not here. */
  signInMethod: signInMethodSchema,
  /** Every organisation the person belongs to, lowest id (their default) first. */
  organisations: z.array(organisationMembershipSchema),
  /** The area code of the organisation in view; null when they belong to none (or none is set up yet). */
  organisationInView: z.string().nullable(),
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

/** How people can sign in; the sign-in page offers single sign-on first when it is configured. */
export const authProvidersResponseSchema = z.object({
  singleSignOn: z
    .object({
      /** Button text chosen by the council, e.g. "Sign in with Sandwell Council account". */
      label: z.string(),
      /** Where the button goes; append `?returnTo=/path` to come back to a page. */
      loginPath: z.string(),
    })
    .nullable(),
});
export type AuthProvidersResponse = z.infer<typeof authProvidersResponseSchema>;

/**
 * Why a single sign-on attempt ended without a session. The server sends the browser back to
 * the sign-in page with `?error=<code>`; the client explains each in plain English.
 */
export const SSO_ERROR_CODES = [
  'sso_unavailable',
  'sso_restart',
  'sso_cancelled',
  'sso_failed',
  'sso_no_role',
  'sso_disabled',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];
