import { createHash } from 'node:crypto';
import type { Role } from '@kpi/shared';
import { truncateText, wellFormedText } from '@kpi/shared';
import { ROLE_PRECEDENCE } from './oidcSettings';

/** Claims of a validated ID token (signature, issuer, audience, nonce and expiry already checked). */
export type IdTokenClaims = Record<string, unknown> & { iss: string; sub: string };

export interface SsoIdentity {
  issuer: string;
  subject: string;
}

/**
 * Who this is, for good. Entra ID's `sub` differs for each application registration, while its
 * tenant id + object id name the person across the tenant, so those are used when present.
 * The email is never part of it: emails are reassigned and changed, identities are not.
 */
export function identityFromClaims(claims: IdTokenClaims): SsoIdentity {
  const { tid, oid } = claims;
  if (typeof tid === 'string' && tid !== '' && typeof oid === 'string' && oid !== '') {
    return { issuer: `entra-tenant:${tid}`, subject: oid };
  }
  return { issuer: claims.iss, subject: claims.sub };
}

/** The values of the configured claim, whether the provider sends one string or a list. */
export function claimValues(claims: IdTokenClaims, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export type RoleDecision =
  | { role: Role; from: 'mapping' | 'default' }
  | { role: null; reason: 'no_mapped_value' | 'groups_overage' };

/** The highest role any of the person's claim values maps to, else the default role, else none. */
export function roleFromClaims(
  claims: IdTokenClaims,
  settings: { roleClaim: string; roleMap: Record<string, Role>; defaultRole: Role | null },
): RoleDecision {
  const mapped = new Set(claimValues(claims, settings.roleClaim).flatMap((v) => settings.roleMap[v] ?? []));
  const best = ROLE_PRECEDENCE.find((role) => mapped.has(role));
  if (best) return { role: best, from: 'mapping' };
  if (settings.defaultRole) return { role: settings.defaultRole, from: 'default' };
  // Entra leaves `groups` out when a person is in more groups than fit in a token (over 200) and
  // says so in `_claim_names`; that is a configuration problem to report, not "no groups".
  const claimNames = claims._claim_names;
  if (claimNames && typeof claimNames === 'object' && settings.roleClaim in claimNames) {
    return { role: null, reason: 'groups_overage' };
  }
  return { role: null, reason: 'no_mapped_value' };
}

const MAX_NAME = 200;
const MAX_USERNAME = 100;
// Control characters (NUL above all, which PostgreSQL text refuses) never belong in a name.
const CONTROL_CHARACTERS = /\p{Cc}/gu;

function textClaim(claims: IdTokenClaims, key: string): string {
  const value = claims[key];
  return typeof value === 'string' ? wellFormedText(value.replace(CONTROL_CHARACTERS, '')).trim() : '';
}

/** The name shown in the banner, from the provider's profile claims. */
export function displayNameFromClaims(claims: IdTokenClaims): string {
  const text = (key: string) => textClaim(claims, key);
  const full = text('name') || [text('given_name'), text('family_name')].filter(Boolean).join(' ');
  return truncateText(full || text('preferred_username') || text('email') || 'Single sign-on user', MAX_NAME);
}

/** The username the person would like: their sign-in name or email, as the provider says today. */
export function preferredUsername(claims: IdTokenClaims, identity: SsoIdentity): string {
  for (const key of ['preferred_username', 'upn', 'email']) {
    const value = textClaim(claims, key);
    if (value !== '') return truncateText(value, MAX_USERNAME);
  }
  return `sso-${identityTag(identity)}`;
}

/** A username that stays unique when the preferred one belongs to somebody else; stable for this identity. */
export function disambiguatedUsername(preferred: string, identity: SsoIdentity): string {
  const tag = identityTag(identity);
  return `${truncateText(preferred, MAX_USERNAME - tag.length - 1)}~${tag}`;
}

function identityTag(identity: SsoIdentity): string {
  return createHash('sha256').update(`${identity.issuer}\n${identity.subject}`).digest('hex').slice(0, 8);
}
