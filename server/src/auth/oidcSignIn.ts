import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Role, type SsoErrorCode, safeReturnTo } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import {
  findUserBySsoIdentity,
  insertSsoUser,
  isUsernameTaken,
  type UserRow,
  updateSsoUserProfile,
} from '../accounts/usersRepository';
import { type AuditEntry, recordAudit } from '../audit/auditRepository';
import type { AppConfig } from '../config';
import type { Db } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { grantMembership, membershipIn } from '../organisations/membershipRepository';
import { findOrganisation, organisationByAreaCode } from '../organisations/organisationRepository';
import { startSession } from './authService';
import {
  claimValues,
  disambiguatedUsername,
  displayNameFromClaims,
  type IdTokenClaims,
  identityFromClaims,
  preferredUsername,
  roleFromClaims,
  type SsoIdentity,
} from './oidcClaims';
import { insertOidcLoginState, takeOidcLoginState } from './oidcLoginStatesRepository';
import { describeOidcError, type OidcProvider } from './oidcProvider';

/** Long enough to sign in at the provider (with multi-factor), short enough that a lost link is useless. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;
const AUDIT_ACTION = 'auth.sso_login';

export interface StartedOidcSignIn {
  providerUrl: string;
  /** Goes in the browser's short-lived cookie; only its hash is stored. */
  browserBinding: string;
}

/** Records a new attempt and gives the provider's address to send the browser to. */
export async function beginOidcSignIn(
  db: Db,
  provider: OidcProvider,
  returnTo: string | undefined,
): Promise<StartedOidcSignIn> {
  const authorization = provider.newAuthorizationRequest();
  const providerUrl = await provider.authorizationUrl(authorization);
  const browserBinding = randomBytes(32).toString('base64url');
  const now = new Date();
  await insertOidcLoginState(
    db,
    {
      stateHash: sha256(authorization.state),
      browserBindingHash: sha256(browserBinding),
      nonce: authorization.nonce,
      codeVerifier: authorization.codeVerifier,
      returnTo: safeReturnTo(returnTo),
      expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS),
    },
    now,
  );
  return { providerUrl: providerUrl.href, browserBinding };
}

/** Audits a sign-in that could not start because the provider could not be reached. */
export async function auditProviderUnreachable(db: Db, request: FastifyRequest, error: Error): Promise<void> {
  await recordAudit(db, {
    action: AUDIT_ACTION,
    outcome: 'failure',
    details: { reason: 'provider_unreachable', message: error.message },
    requestId: String(request.id),
    ipAddress: request.ip,
  });
}

export type OidcSignInOutcome = { ok: true; token: string; returnTo: string } | { ok: false; error: SsoErrorCode };

export interface OidcCallback {
  /** The callback's query string exactly as received (without the `?`). */
  rawQuery: string;
  state: string | undefined;
  browserBinding: string | undefined;
}

/**
 * Finishes an attempt: the state must be one this browser started, unused and unexpired; then
 * openid-client validates the code exchange and the ID token; then the person is found by
 * their provider identity (never their email), given the role their claims map to, and a new
 * session is started. Every refusal is audited with its reason.
 */
export function completeOidcSignIn(
  db: Db,
  config: AppConfig,
  provider: OidcProvider,
  request: FastifyRequest,
  callback: OidcCallback,
): Promise<OidcSignInOutcome> {
  // Before the sign-in there is no organisation in view: the person's memberships (of every
  // council) are read and the default council's is written in the system scope.
  return withTenantScope('system', () => completeInSystemScope(db, config, provider, request, callback));
}

async function completeInSystemScope(
  db: Db,
  config: AppConfig,
  provider: OidcProvider,
  request: FastifyRequest,
  callback: OidcCallback,
): Promise<OidcSignInOutcome> {
  const audit = (entry: Omit<AuditEntry, 'action' | 'requestId' | 'ipAddress'>) =>
    recordAudit(db, { action: AUDIT_ACTION, requestId: String(request.id), ipAddress: request.ip, ...entry });
  const refuse = async (error: SsoErrorCode, details: Record<string, unknown>, user?: UserRow) => {
    await audit({
      outcome: user ? 'refused' : 'failure',
      userId: user?.id ?? null,
      username: user?.username ?? null,
      details,
    });
    return { ok: false, error } as const;
  };

  if (!callback.state || !callback.browserBinding) {
    return refuse('sso_restart', { reason: callback.state ? 'no_browser_cookie' : 'no_state' });
  }
  // Taken (deleted) before anything else, so the state works once whatever happens next.
  const attempt = await takeOidcLoginState(db, sha256(callback.state));
  if (!attempt) return refuse('sso_restart', { reason: 'unknown_or_used_state' });
  if (!sameHash(attempt.browserBindingHash, sha256(callback.browserBinding))) {
    return refuse('sso_restart', { reason: 'state_from_another_browser' });
  }
  if (attempt.expiresAt.getTime() <= Date.now()) return refuse('sso_restart', { reason: 'state_expired' });

  let claims: IdTokenClaims;
  try {
    claims = await provider.completeAuthorization(callback.rawQuery, {
      state: callback.state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
    });
  } catch (error) {
    const why = describeOidcError(error);
    if (why.code === 'provider_unreachable') return refuse('sso_unavailable', { reason: 'provider_unreachable' });
    const cancelled = why.code === 'provider:access_denied';
    return refuse(cancelled ? 'sso_cancelled' : 'sso_failed', {
      reason: why.code.startsWith('provider:') ? 'provider_error' : 'token_rejected',
      error: why.code,
      message: why.message,
    });
  }

  const identity = identityFromClaims(claims);
  const who = { issuer: identity.issuer, subject: identity.subject };
  const decision = roleFromClaims(claims, provider.settings);
  if (decision.role === null) {
    return refuse('sso_no_role', {
      reason: decision.reason,
      ...who,
      claim: provider.settings.roleClaim,
      values: claimValues(claims, provider.settings.roleClaim).slice(0, 50),
    });
  }

  const existing = await findUserBySsoIdentity(db, identity);
  if (existing?.disabledAt) return refuse('sso_disabled', { reason: 'disabled', ...who }, existing);

  // The provider belongs to one council (OIDC_AREA_CODE, or the deployment's first): the role its
  // claims give is the role there, and nowhere else.
  const organisation = await ssoCouncil(db, provider.settings.areaCode);
  if (organisation === 'not_set_up') {
    return refuse('sso_unavailable', { reason: 'council_not_set_up', areaCode: provider.settings.areaCode, ...who });
  }
  const membership = existing && organisation ? await membershipIn(db, existing.id, organisation.id) : undefined;
  const previousRole = membership?.role ?? existing?.role;
  const preRelease =
    provider.settings.preReleaseValue === null
      ? (membership?.preRelease ?? existing?.preRelease ?? false)
      : claimValues(claims, provider.settings.roleClaim).includes(provider.settings.preReleaseValue);
  const profile = {
    username: await availableUsername(db, claims, identity, existing),
    displayName: displayNameFromClaims(claims),
    role: decision.role,
    preRelease,
  };
  const user = existing
    ? await updateSsoUserProfile(db, existing.id, profile)
    : await insertSsoUser(db, { identity, ...profile });
  if (!user) throw new Error('the single sign-on user could not be created');
  if (user.disabledAt) return refuse('sso_disabled', { reason: 'disabled', ...who }, user);
  if (organisation) {
    await grantMembership(db, { userId: user.id, organisationId: organisation.id, role: decision.role, preRelease });
  }

  if (!existing) {
    await recordAudit(db, {
      action: 'user.created',
      userId: user.id,
      username: user.username,
      target: `user:${user.id}`,
      details: { by: 'single_sign_on', role: user.role, ...who },
      requestId: String(request.id),
      ipAddress: request.ip,
      organisationId: organisation?.id ?? null,
    });
  }
  if (existing && previousRole && previousRole !== user.role) {
    await auditRoleChange(db, request, user, previousRole, decision.from, organisation?.id ?? null);
  }

  const token = await startSession(db, config, request, user.id);
  await audit({
    userId: user.id,
    username: user.username,
    details: { ...who, role: user.role, roleFrom: decision.from },
  });
  return { ok: true, token, returnTo: attempt.returnTo };
}

/** The username the provider suggests, unless it belongs to somebody else; then a stable variant. */
async function availableUsername(
  db: Db,
  claims: IdTokenClaims,
  identity: SsoIdentity,
  existing: UserRow | undefined,
): Promise<string> {
  const preferred = preferredUsername(claims, identity);
  if (!(await isUsernameTaken(db, preferred, existing?.id))) return preferred;
  return disambiguatedUsername(preferred, identity);
}

async function auditRoleChange(
  db: Db,
  request: FastifyRequest,
  user: UserRow,
  from: Role,
  source: string,
  organisationId: number | null,
) {
  await recordAudit(db, {
    action: 'user.role_changed',
    userId: user.id,
    username: user.username,
    target: `user:${user.id}`,
    details: { from, to: user.role, by: 'single_sign_on', source },
    requestId: String(request.id),
    ipAddress: request.ip,
    organisationId,
  });
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The council single sign-on gives roles in; 'not_set_up' when the one named has no organisation here. */
async function ssoCouncil(db: Db, areaCode: string | null) {
  if (areaCode === null) return findOrganisation(db);
  const named = await organisationByAreaCode(db, areaCode);
  return named ? ((await findOrganisation(db, named.id)) ?? 'not_set_up') : 'not_set_up';
}
