import { ROLES, type Role, roleSchema } from '@kpi/shared';
import { z } from 'zod';

/** Where the provider sends the browser back to; served by auth/oidcRoutes.ts. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

/** Single sign-on through one OpenID Connect provider (for most councils, Microsoft Entra ID). */
export interface OidcSettings {
  /** The issuer identifier; discovery reads `{issuer}/.well-known/openid-configuration`. */
  issuer: URL;
  clientId: string;
  /** Absent for a public client, which then relies on PKCE alone. */
  clientSecret: string | undefined;
  redirectUri: URL;
  scopes: string;
  /** The claim whose values (a string or a list) are looked up in `roleMap`. */
  roleClaim: string;
  roleMap: Record<string, Role>;
  /** The role for someone none of whose claim values is mapped; null refuses them. */
  defaultRole: Role | null;
  /** Text of the sign-in button. */
  displayName: string;
  /** A value of the role claim that puts the person on the pre-release list; null leaves the list to administrators. */
  preReleaseValue: string | null;
  /** Plain HTTP to the provider, allowed only for a provider on this machine (tests, local development). */
  allowInsecureHttp: boolean;
  /**
   * The area code of the council whose roles the provider's claims give (OIDC_AREA_CODE). Null:
   * the deployment's first council, which is right while it holds one council; with several, the
   * provider belongs to one of them and must be named, or its claims would give roles in another.
   */
  areaCode: string | null;
}

/** When several mapped values apply, the one earliest here wins. */
export const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'commissioner', 'analyst', 'viewer'];

const oidcEnvSchema = z.object({
  PUBLIC_URL: z.string().optional(),
  OIDC_ISSUER: z.string().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URI: z.string().optional(),
  OIDC_SCOPES: z.string().default('openid profile email'),
  OIDC_ROLE_CLAIM: z.string().default('groups'),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_DEFAULT_ROLE: z.string().optional(),
  OIDC_DISPLAY_NAME: z.string().default('Sign in with your organisation account'),
  OIDC_PRE_RELEASE_VALUE: z.string().optional(),
  OIDC_AREA_CODE: z.string().optional(),
});

/** A council's ONS code, as setting up or onboarding a council takes it (E08000028). */
const AREA_CODE = /^E\d{8}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Entra's multi-tenant endpoints issue tokens whose issuer names each tenant, so no single
// issuer can be checked; a council's own tenant must be named.
const ENTRA_MULTI_TENANT = /^\/(common|organizations|consumers)(\/|$)/i;

/**
 * Reads the OIDC_* variables. Returns null when single sign-on is not configured; throws with
 * every problem listed when it is configured wrongly, so the server refuses to start.
 */
export function parseOidcSettings(env: NodeJS.ProcessEnv): OidcSettings | null {
  const e = oidcEnvSchema.parse(env);
  const problems: string[] = [];
  const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

  const anyOidcVariable = Object.keys(env).some((key) => key.startsWith('OIDC_') && present(env[key]));
  if (!present(e.OIDC_ISSUER)) {
    if (anyOidcVariable)
      throw new Error('Invalid configuration:\n  OIDC_ISSUER: required when any OIDC_ variable is set');
    return null;
  }

  const issuer = parseUrl(e.OIDC_ISSUER.trim(), 'OIDC_ISSUER', problems);
  if (issuer) {
    if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname))) {
      problems.push('OIDC_ISSUER: must use https (plain http is allowed only for a provider on 127.0.0.1)');
    }
    if (issuer.hostname === 'login.microsoftonline.com' && ENTRA_MULTI_TENANT.test(issuer.pathname)) {
      problems.push(
        'OIDC_ISSUER: name your tenant, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 (common, organizations and consumers cannot be verified)',
      );
    }
    if (issuer.search || issuer.hash) problems.push('OIDC_ISSUER: must not have a query or fragment');
  }

  if (!present(e.OIDC_CLIENT_ID)) problems.push('OIDC_CLIENT_ID: required when OIDC_ISSUER is set');

  let redirectUri: URL | null = null;
  if (present(e.OIDC_REDIRECT_URI)) {
    redirectUri = parseUrl(e.OIDC_REDIRECT_URI.trim(), 'OIDC_REDIRECT_URI', problems);
    if (redirectUri && redirectUri.pathname !== OIDC_CALLBACK_PATH) {
      problems.push(`OIDC_REDIRECT_URI: its path must be ${OIDC_CALLBACK_PATH}`);
    }
  } else if (present(e.PUBLIC_URL)) {
    const base = parseUrl(e.PUBLIC_URL.trim(), 'PUBLIC_URL', problems);
    if (base) redirectUri = new URL(OIDC_CALLBACK_PATH, base);
  } else {
    problems.push(`OIDC_REDIRECT_URI or PUBLIC_URL: one is required, so the provider knows where to send people back`);
  }
  if (redirectUri && redirectUri.protocol !== 'https:' && !LOOPBACK_HOSTS.has(redirectUri.hostname)) {
    problems.push('OIDC_REDIRECT_URI: must use https (plain http is allowed only on 127.0.0.1 or localhost)');
  }

  const scopes = e.OIDC_SCOPES.trim().split(/\s+/);
  if (!scopes.includes('openid')) problems.push('OIDC_SCOPES: must include openid');

  const roleMap = parseRoleMap(e.OIDC_ROLE_MAP, problems);
  let defaultRole: Role | null = null;
  if (present(e.OIDC_DEFAULT_ROLE) && e.OIDC_DEFAULT_ROLE.trim() !== 'none') {
    const parsed = roleSchema.safeParse(e.OIDC_DEFAULT_ROLE.trim());
    if (parsed.success) defaultRole = parsed.data;
    else problems.push(`OIDC_DEFAULT_ROLE: must be one of ${ROLES.join(', ')}, or none`);
  }
  if (Object.keys(roleMap).length === 0 && defaultRole === null) {
    problems.push('OIDC_ROLE_MAP or OIDC_DEFAULT_ROLE: without either, nobody could sign in through single sign-on');
  }

  const areaCode = present(e.OIDC_AREA_CODE) ? e.OIDC_AREA_CODE.trim().toUpperCase() : null;
  if (areaCode !== null && !AREA_CODE.test(areaCode)) {
    problems.push("OIDC_AREA_CODE: must be the council's ONS area code, e.g. E08000028");
  }

  if (problems.length > 0 || !issuer || !redirectUri || !present(e.OIDC_CLIENT_ID)) {
    throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return {
    issuer,
    clientId: e.OIDC_CLIENT_ID.trim(),
    clientSecret: present(e.OIDC_CLIENT_SECRET) ? e.OIDC_CLIENT_SECRET : undefined,
    redirectUri,
    scopes: scopes.join(' '),
    roleClaim: e.OIDC_ROLE_CLAIM.trim(),
    roleMap,
    defaultRole,
    displayName: e.OIDC_DISPLAY_NAME.trim(),
    preReleaseValue: present(e.OIDC_PRE_RELEASE_VALUE) ? e.OIDC_PRE_RELEASE_VALUE.trim() : null,
    allowInsecureHttp: issuer.protocol === 'http:',
    areaCode,
  };
}

function parseUrl(value: string, name: string, problems: string[]): URL | null {
  try {
    return new URL(value);
  } catch {
    problems.push(`${name}: not a valid URL`);
    return null;
  }
}

function parseRoleMap(value: string | undefined, problems: string[]): Record<string, Role> {
  if (value === undefined || value.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    problems.push('OIDC_ROLE_MAP: not valid JSON; expected an object such as {"<group id>": "admin"}');
    return {};
  }
  const result = z.record(z.string().min(1), roleSchema).safeParse(parsed);
  if (!result.success) {
    problems.push(
      `OIDC_ROLE_MAP: expected an object from claim values to roles (${ROLES.join(', ')}), such as {"<group id>": "admin"}`,
    );
    return {};
  }
  return result.data;
}
