import { loadConfig } from '@kpi/server';
import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { type MutableToken, OAuth2Issuer, OAuth2Server } from 'oauth2-mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const CLIENT_ID = 'kpi-dashboard';
const REDIRECT_URI = 'http://127.0.0.1:3000/api/auth/oidc/callback';
const ATTEMPT_COOKIE = 'kpi_oidc_attempt';
const ROLE_MAP = {
  'grp-admins': 'admin',
  'grp-commissioners': 'commissioner',
  'grp-councillors': 'viewer',
};

/** Claims to put in (or change on) an ID token. */
type Payload = Record<string, unknown>;

/**
 * Single sign-on against a real OpenID provider (oauth2-mock-server) on 127.0.0.1: the app
 * discovers it, redirects to its authorize endpoint, exchanges the code with PKCE and checks
 * the ID token it signs. Tokens are tampered with through the provider's own hooks.
 */
describe(`single sign-on with OpenID Connect (${testDriverName()})`, () => {
  const provider = new OAuth2Server();
  let t: TestApp;
  /** Claims the provider puts in the next ID tokens. */
  let idTokenClaims: Payload = {};
  /** A one-off change to the next ID token, applied after the claims. */
  let tamper: ((payload: Payload) => void) | null = null;
  let config: ReturnType<typeof loadConfig>;

  beforeAll(async () => {
    await provider.issuer.keys.generate('RS256');
    await provider.start(0, '127.0.0.1');
    provider.service.on('beforeTokenSigning', (token: MutableToken) => {
      // The access token carries a scope; the ID token does not.
      if ('scope' in token.payload) return;
      Object.assign(token.payload, idTokenClaims);
      tamper?.(token.payload);
    });
    config = loadConfig({
      NODE_ENV: 'test',
      CLIENT_DIST: '/nonexistent',
      OIDC_ISSUER: provider.issuer.url,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_REDIRECT_URI: REDIRECT_URI,
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP),
      OIDC_DISPLAY_NAME: 'Sign in with Sandwell Council account',
      OIDC_PRE_RELEASE_VALUE: 'grp-pre-release',
    });
    t = await createTestApp({ oidc: config.oidc, rateLimitPerMinute: 1_000_000 });
  });
  afterEach(() => {
    tamper = null;
    provider.service.removeAllListeners('beforeResponse');
  });
  afterAll(async () => {
    await t.close();
    await provider.stop();
  });

  interface Attempt {
    providerUrl: URL;
    attemptCookie: string;
  }

  async function startSignIn(returnTo?: string): Promise<Attempt> {
    const query = returnTo === undefined ? '' : `?${new URLSearchParams({ returnTo })}`;
    const response = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/login${query}` });
    expect(response.statusCode).toBe(302);
    const cookie = response.cookies.find((c) => c.name === ATTEMPT_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    return {
      providerUrl: new URL(String(response.headers.location)),
      attemptCookie: `${ATTEMPT_COOKIE}=${cookie!.value}`,
    };
  }

  /** The browser at the provider, who signs the person in and redirects back with a code. */
  async function authorizeAtProvider(attempt: Attempt): Promise<string> {
    const response = await fetch(attempt.providerUrl, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    return `${back.pathname}${back.search}`;
  }

  function callback(pathAndQuery: string, cookie?: string) {
    return t.app.inject({ method: 'GET', url: pathAndQuery, headers: cookie ? { cookie } : {} });
  }

  async function signInThroughProvider(claims: Payload, returnTo?: string) {
    idTokenClaims = claims;
    const attempt = await startSignIn(returnTo);
    return callback(await authorizeAtProvider(attempt), attempt.attemptCookie);
  }

  function sessionCookie(response: LightMyRequestResponse): string | undefined {
    const cookie = response.cookies.find((c) => c.name === 'kpi_session');
    return cookie ? `kpi_session=${cookie.value}` : undefined;
  }

  async function me(cookie: string) {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    return response.json().user as {
      id: number;
      username: string;
      displayName: string;
      role: string;
      preRelease: boolean;
      signInMethod: string;
    };
  }

  function expectRefused(response: LightMyRequestResponse, error: string) {
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/sign-in?error=${error}`);
    expect(sessionCookie(response)).toBeUndefined();
  }

  async function lastSsoAudit() {
    const rows = await queryRows<{ outcome: string; details: Record<string, unknown>; user_id: number | null }>(
      t.database.db,
      sql`select outcome, details, user_id from audit_log where action = 'auth.sso_login' order by id desc limit 1`,
    );
    return rows[0]!;
  }

  async function ssoUserCount(): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from users where sso_issuer is not null`,
    );
    return rows[0]!.n;
  }

  it('offers the configured button on the public providers endpoint', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/providers' });
    expect(response.json()).toEqual({
      singleSignOn: { label: 'Sign in with Sandwell Council account', loginPath: '/api/auth/oidc/login' },
    });
  });

  it('sends the browser to the provider with state, nonce and an S256 PKCE challenge', async () => {
    const { providerUrl } = await startSignIn();
    expect(`${providerUrl.origin}${providerUrl.pathname}`).toBe(`${provider.issuer.url}/authorize`);
    const p = providerUrl.searchParams;
    expect(p.get('client_id')).toBe(CLIENT_ID);
    expect(p.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('scope')).toBe('openid profile email');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{40,}$/);
  });

  it('creates the person on first sign-in with the role their group maps to, and the session works', async () => {
    const response = await signInThroughProvider(
      {
        sub: 'alice-subject',
        email: 'alice@sandwell.gov.uk',
        preferred_username: 'alice@sandwell.gov.uk',
        name: 'Alice Adeyemi',
        groups: ['grp-commissioners', 'grp-unrelated'],
      },
      '/scorecard?month=2025-03',
    );
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/scorecard?month=2025-03');
    const session = response.cookies.find((c) => c.name === 'kpi_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    // The attempt cookie is cleared once used.
    expect(response.cookies.find((c) => c.name === ATTEMPT_COOKIE)?.value).toBe('');

    const user = await me(sessionCookie(response)!);
    expect(user).toMatchObject({
      username: 'alice@sandwell.gov.uk',
      displayName: 'Alice Adeyemi',
      role: 'commissioner',
      signInMethod: 'sso',
      preRelease: false,
    });
    const rows = await queryRows<{ sso_issuer: string; sso_subject: string; password_hash: string | null }>(
      t.database.db,
      sql`select sso_issuer, sso_subject, password_hash from users where id = ${user.id}`,
    );
    expect(rows[0]).toEqual({ sso_issuer: provider.issuer.url, sso_subject: 'alice-subject', password_hash: null });
    expect(await lastSsoAudit()).toMatchObject({ outcome: 'success', user_id: user.id });

    // A commissioner is let through where a viewer would be refused (403); this empty database has no uploads yet.
    const uploads = await t.app.inject({
      method: 'GET',
      url: '/api/returns/uploads',
      headers: { cookie: sessionCookie(response)! },
    });
    expect([401, 403]).not.toContain(uploads.statusCode);
  });

  it('keeps the same person when their email changes but their subject does not', async () => {
    const first = await signInThroughProvider({
      sub: 'bola-subject',
      email: 'bola@old.example',
      name: 'Bola',
      groups: ['grp-councillors'],
    });
    const before = await me(sessionCookie(first)!);
    const second = await signInThroughProvider({
      sub: 'bola-subject',
      email: 'bola.okafor@sandwell.gov.uk',
      name: 'Bola Okafor',
      groups: ['grp-councillors'],
    });
    const after = await me(sessionCookie(second)!);
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ username: 'bola.okafor@sandwell.gov.uk', displayName: 'Bola Okafor' });
  });

  it('never merges a different subject into an existing person because the email matches', async () => {
    const owner = await me(
      sessionCookie(
        await signInThroughProvider({ sub: 'chen-subject', email: 'chen@sandwell.gov.uk', groups: ['grp-admins'] }),
      )!,
    );
    const countBefore = await ssoUserCount();
    const other = await signInThroughProvider({
      sub: 'someone-else',
      email: 'chen@sandwell.gov.uk',
      name: 'Not Chen',
      groups: ['grp-councillors'],
    });
    const newcomer = await me(sessionCookie(other)!);
    expect(newcomer.id).not.toBe(owner.id);
    expect(newcomer.role).toBe('viewer');
    expect(newcomer.username).toMatch(/^chen@sandwell\.gov\.uk~[0-9a-f]{8}$/);
    expect(await ssoUserCount()).toBe(countBefore + 1);
    // The original holder of the address keeps their account and role.
    const again = await me(
      sessionCookie(
        await signInThroughProvider({ sub: 'chen-subject', email: 'chen@sandwell.gov.uk', groups: ['grp-admins'] }),
      )!,
    );
    expect(again).toMatchObject({ id: owner.id, username: 'chen@sandwell.gov.uk', role: 'admin' });
  });

  it('never takes over a local account whose username equals the email', async () => {
    const response = await signInThroughProvider({
      sub: 'not-the-admin',
      preferred_username: 'admin',
      groups: ['grp-councillors'],
    });
    const user = await me(sessionCookie(response)!);
    expect(user.role).toBe('viewer');
    expect(user.username).toMatch(/^admin~[0-9a-f]{8}$/);
  });

  it('identifies an Entra ID person by tenant id + object id, whatever the subject', async () => {
    const entra = { tid: '72f988bf-0000-4000-8000-000000000001', oid: '0a1b2c3d-0000-4000-8000-0000000000aa' };
    const first = await me(
      sessionCookie(
        await signInThroughProvider({
          ...entra,
          sub: 'pairwise-for-app-1',
          email: 'dee@sandwell.gov.uk',
          groups: ['grp-councillors'],
        }),
      )!,
    );
    const second = await me(
      sessionCookie(
        await signInThroughProvider({
          ...entra,
          sub: 'pairwise-for-app-2',
          email: 'dee@sandwell.gov.uk',
          groups: ['grp-councillors'],
        }),
      )!,
    );
    expect(second.id).toBe(first.id);
    const rows = await queryRows<{ sso_issuer: string; sso_subject: string }>(
      t.database.db,
      sql`select sso_issuer, sso_subject from users where id = ${first.id}`,
    );
    expect(rows[0]).toEqual({ sso_issuer: `entra-tenant:${entra.tid}`, sso_subject: entra.oid });
  });

  it('applies a role change in the provider at the next sign-in, highest role winning, and audits it', async () => {
    const claims = { sub: 'eve-subject', email: 'eve@sandwell.gov.uk' };
    const before = await me(sessionCookie(await signInThroughProvider({ ...claims, groups: ['grp-councillors'] }))!);
    expect(before.role).toBe('viewer');
    const after = await me(
      sessionCookie(
        await signInThroughProvider({
          ...claims,
          groups: ['grp-councillors', 'grp-admins', 'grp-commissioners', 'grp-pre-release'],
        }),
      )!,
    );
    expect(after).toMatchObject({ id: before.id, role: 'admin', preRelease: true });
    const changes = await queryRows<{ details: Record<string, unknown> }>(
      t.database.db,
      sql`select details from audit_log where action = 'user.role_changed' and user_id = ${before.id}`,
    );
    expect(changes.map((c) => c.details)).toEqual([
      { from: 'viewer', to: 'admin', by: 'single_sign_on', source: 'mapping' },
    ]);
  });

  it('refuses someone none of whose groups is mapped, with no default role, and says why', async () => {
    const countBefore = await ssoUserCount();
    const response = await signInThroughProvider({
      sub: 'frank-subject',
      email: 'frank@sandwell.gov.uk',
      groups: ['grp-unrelated'],
    });
    expectRefused(response, 'sso_no_role');
    expect(await ssoUserCount()).toBe(countBefore);
    expect(await lastSsoAudit()).toMatchObject({
      outcome: 'failure',
      details: { reason: 'no_mapped_value', claim: 'groups', values: ['grp-unrelated'], subject: 'frank-subject' },
    });
  });

  it('explains when Entra left the groups out because there were too many', async () => {
    const response = await signInThroughProvider({
      sub: 'gina-subject',
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } },
    });
    expectRefused(response, 'sso_no_role');
    expect((await lastSsoAudit()).details).toMatchObject({ reason: 'groups_overage' });
  });

  it('refuses a disabled person', async () => {
    const claims = { sub: 'hari-subject', email: 'hari@sandwell.gov.uk', groups: ['grp-commissioners'] };
    const user = await me(sessionCookie(await signInThroughProvider(claims))!);
    await t.database.db.execute(sql`update users set disabled_at = now() where id = ${user.id}`);
    expectRefused(await signInThroughProvider(claims), 'sso_disabled');
    expect(await lastSsoAudit()).toMatchObject({
      outcome: 'refused',
      user_id: user.id,
      details: { reason: 'disabled' },
    });
  });

  describe('ID tokens that must be refused', () => {
    const claims = { sub: 'ivan-subject', email: 'ivan@sandwell.gov.uk', groups: ['grp-admins'] };

    async function expectTokenRejected(response: LightMyRequestResponse, errorPattern: RegExp) {
      expectRefused(response, 'sso_failed');
      const audit = await lastSsoAudit();
      expect(audit.outcome).toBe('failure');
      expect(audit.details.reason).toBe('token_rejected');
      expect(`${audit.details.error} ${audit.details.message}`).toMatch(errorPattern);
      const created = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from users where sso_subject = 'ivan-subject'`,
      );
      expect(created[0]!.n).toBe(0);
    }

    /** Re-signs the next ID token with a key the provider does not publish. */
    async function forgeNextIdToken(attempt: Attempt, kid: string | undefined) {
      const forger = new OAuth2Issuer();
      forger.url = provider.issuer.url!;
      await forger.keys.generate('RS256', kid ? { kid } : undefined);
      const forged = await forger.buildToken({
        scopesOrTransform: (_header, payload) => {
          Object.assign(payload, claims, { aud: CLIENT_ID, nonce: attempt.providerUrl.searchParams.get('nonce') });
        },
      });
      provider.service.once('beforeResponse', (response: { body: Record<string, unknown> }) => {
        response.body.id_token = forged;
      });
    }

    it('is signed with a key not in the provider JWKS', async () => {
      idTokenClaims = claims;
      const attempt = await startSignIn();
      await forgeNextIdToken(attempt, 'not-a-published-key');
      await expectTokenRejected(await callback(await authorizeAtProvider(attempt), attempt.attemptCookie), /key|JWK/i);
    });

    it('is signed by another key that claims the published key id', async () => {
      idTokenClaims = claims;
      const attempt = await startSignIn();
      const publishedKid = provider.issuer.keys.toJSON()[0]!.kid as string;
      await forgeNextIdToken(attempt, publishedKid);
      await expectTokenRejected(
        await callback(await authorizeAtProvider(attempt), attempt.attemptCookie),
        /signature/i,
      );
    });

    it('is meant for another application (audience)', async () => {
      tamper = (payload) => {
        payload.aud = 'some-other-client';
      };
      await expectTokenRejected(await signInThroughProvider(claims), /aud/);
    });

    it('comes from another issuer', async () => {
      tamper = (payload) => {
        payload.iss = 'https://login.example.net/other-tenant/v2.0';
      };
      await expectTokenRejected(await signInThroughProvider(claims), /iss/);
    });

    it('has expired', async () => {
      tamper = (payload) => {
        const now = Math.floor(Date.now() / 1000);
        Object.assign(payload, { iat: now - 7200, nbf: now - 7200, exp: now - 3600 });
      };
      await expectTokenRejected(await signInThroughProvider(claims), /exp/);
    });

    it('replays the nonce of an earlier sign-in', async () => {
      idTokenClaims = { sub: 'judy-subject', groups: ['grp-councillors'] };
      const earlier = await startSignIn();
      const earlierNonce = earlier.providerUrl.searchParams.get('nonce')!;
      expect(sessionCookie(await callback(await authorizeAtProvider(earlier), earlier.attemptCookie))).toBeDefined();

      tamper = (payload) => {
        payload.nonce = earlierNonce;
      };
      await expectTokenRejected(await signInThroughProvider(claims), /nonce/);
    });
  });

  describe('callbacks that must be refused before the provider is asked', () => {
    it('replays a callback that already signed someone in', async () => {
      idTokenClaims = { sub: 'kim-subject', groups: ['grp-councillors'] };
      const attempt = await startSignIn();
      const back = await authorizeAtProvider(attempt);
      expect(sessionCookie(await callback(back, attempt.attemptCookie))).toBeDefined();
      expectRefused(await callback(back, attempt.attemptCookie), 'sso_restart');
      expect((await lastSsoAudit()).details).toMatchObject({ reason: 'unknown_or_used_state' });
    });

    it('has no state, or a state this server never issued', async () => {
      idTokenClaims = { sub: 'kim-subject', groups: ['grp-councillors'] };
      const attempt = await startSignIn();
      const back = new URL(await authorizeAtProvider(attempt), 'http://x');
      const code = back.searchParams.get('code')!;
      expectRefused(await callback(`/api/auth/oidc/callback?code=${code}`, attempt.attemptCookie), 'sso_restart');
      expect((await lastSsoAudit()).details).toMatchObject({ reason: 'no_state' });
      expectRefused(
        await callback(`/api/auth/oidc/callback?code=${code}&state=forged-state`, attempt.attemptCookie),
        'sso_restart',
      );
      expect((await lastSsoAudit()).details).toMatchObject({ reason: 'unknown_or_used_state' });
    });

    it('arrives in a browser that did not start the sign-in (login CSRF)', async () => {
      idTokenClaims = { sub: 'attacker-subject', groups: ['grp-admins'] };
      const attackers = await startSignIn();
      const victims = await startSignIn();
      const back = await authorizeAtProvider(attackers);
      // The victim's browser is lured to the attacker's callback link: its cookie is not the attacker's.
      expectRefused(await callback(back, victims.attemptCookie), 'sso_restart');
      expect((await lastSsoAudit()).details).toMatchObject({ reason: 'state_from_another_browser' });
      expectRefused(await callback(back), 'sso_restart');
      // And the attempt is spent: the attacker's own browser cannot use it afterwards either.
      expectRefused(await callback(back, attackers.attemptCookie), 'sso_restart');
    });

    it('comes back after the attempt expired', async () => {
      idTokenClaims = { sub: 'lee-subject', groups: ['grp-councillors'] };
      const attempt = await startSignIn();
      await t.database.db.execute(sql`update oidc_login_states set expires_at = now() - interval '1 second'`);
      expectRefused(await callback(await authorizeAtProvider(attempt), attempt.attemptCookie), 'sso_restart');
      expect((await lastSsoAudit()).details).toMatchObject({ reason: 'state_expired' });
    });

    it('says the person cancelled when the provider reports access_denied', async () => {
      const attempt = await startSignIn();
      const state = attempt.providerUrl.searchParams.get('state')!;
      const response = await callback(
        `/api/auth/oidc/callback?error=access_denied&error_description=User+cancelled&state=${state}`,
        attempt.attemptCookie,
      );
      expectRefused(response, 'sso_cancelled');
    });
  });

  it.each([
    ['//evil.example/phish', '/'],
    ['https://evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/api/auth/me', '/'],
    ['/meetings/3', '/meetings/3'],
  ])('after signing in, returnTo %s goes to %s', async (returnTo, expected) => {
    const response = await signInThroughProvider({ sub: 'mo-subject', groups: ['grp-councillors'] }, returnTo);
    expect(sessionCookie(response)).toBeDefined();
    expect(response.headers.location).toBe(expected);
  });

  it('ends the session the browser already had, as a local sign-in does', async () => {
    const local = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'correct-horse-battery-staple' },
    });
    const adminCookie = sessionCookie(local)!;
    idTokenClaims = { sub: 'nia-subject', groups: ['grp-councillors'] };
    const attempt = await startSignIn();
    const response = await callback(await authorizeAtProvider(attempt), `${attempt.attemptCookie}; ${adminCookie}`);
    expect((await me(sessionCookie(response)!)).role).toBe('viewer');
    const old = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: adminCookie } });
    expect(old.statusCode).toBe(401);
  });

  it('never answers hostile query values with a 5xx or an error page other than problem+json', async () => {
    const hostile = [
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      '\u0000',
      '%00',
      'x'.repeat(10_000),
      '😀\u202e',
      '../../etc/passwd',
    ];
    const failures: string[] = [];
    for (const value of hostile) {
      for (const url of [
        `/api/auth/oidc/login?${new URLSearchParams({ returnTo: value })}`,
        `/api/auth/oidc/callback?${new URLSearchParams({ code: value, state: value })}`,
        `/api/auth/oidc/callback?${new URLSearchParams({ error: value, error_description: value, state: value })}`,
        `/api/auth/oidc/callback?${new URLSearchParams({ code: 'c', state: 's', iss: value })}`,
      ]) {
        const response = await t.app.inject({
          method: 'GET',
          url,
          headers: { cookie: `${ATTEMPT_COOKIE}=${value.slice(0, 100)}` },
        });
        const ok =
          response.statusCode === 302
            ? /^\/(?!\/)/.test(String(response.headers.location)) ||
              String(response.headers.location).startsWith(`${provider.issuer.url}/authorize?`)
            : response.statusCode < 500 &&
              String(response.headers['content-type']).startsWith('application/problem+json');
        if (!ok) failures.push(`${url.slice(0, 80)}: ${response.statusCode} ${response.headers.location ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives the role in the default council (memberships), changes only that one, and keeps the others', async () => {
    const db = t.database.db;
    await db.execute(sql`insert into areas (code, name, level, old_la_code, region_code) values
      ('E08000028', 'Sandwell', 'local_authority', '333', 'E12000005'),
      ('E08000027', 'Dudley', 'local_authority', '332', 'E12000005') on conflict do nothing`);
    const [sandwell] = await queryRows<{ id: number }>(
      db,
      sql`insert into organisations (name, area_code) values ('Sandwell', 'E08000028') returning id`,
    );
    const [dudley] = await queryRows<{ id: number }>(
      db,
      sql`insert into organisations (name, area_code) values ('Dudley', 'E08000027') returning id`,
    );
    const memberships = async (userId: number) =>
      queryRows<{ organisation_id: number; role: string; pre_release: boolean }>(
        db,
        sql`select organisation_id, role, pre_release from memberships where user_id = ${userId} order by organisation_id`,
      );

    const claims = { sub: 'grace-subject', email: 'grace@sandwell.gov.uk' };
    const first = await me(sessionCookie(await signInThroughProvider({ ...claims, groups: ['grp-councillors'] }))!);
    expect(await memberships(first.id)).toEqual([
      { organisation_id: sandwell!.id, role: 'viewer', pre_release: false },
    ]);

    // An administrator adds her to Dudley as a commissioner; the next sign-in changes Sandwell only.
    await db.execute(
      sql`insert into memberships (user_id, organisation_id, role, pre_release) values (${first.id}, ${dudley!.id}, 'commissioner', false)`,
    );
    const cookie = sessionCookie(
      await signInThroughProvider({ ...claims, groups: ['grp-admins', 'grp-pre-release'] }),
    )!;
    expect(await memberships(first.id)).toEqual([
      { organisation_id: sandwell!.id, role: 'admin', pre_release: true },
      { organisation_id: dudley!.id, role: 'commissioner', pre_release: false },
    ]);
    // What the session may do follows the membership of the council in view.
    const asDudley = await t.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie, 'x-organisation': 'E08000027' },
    });
    expect(asDudley.statusCode).toBe(403);
    const asSandwell = await t.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie, 'x-organisation': 'E08000028' },
    });
    expect(asSandwell.statusCode).toBe(200);
  });

  it('gives roles only in the council OIDC_AREA_CODE names, and refuses while that council is not set up', async () => {
    const db = t.database.db;
    const settings = config.oidc!;
    const dudley = (
      await queryRows<{ id: number }>(db, sql`select id from organisations where area_code = 'E08000027'`)
    )[0];
    expect(dudley, 'the test before set up Dudley').toBeDefined();
    try {
      settings.areaCode = 'E08000027';
      const claims = { sub: 'ida-subject', email: 'ida@dudley.gov.uk', groups: ['grp-commissioners'] };
      const first = await me(sessionCookie(await signInThroughProvider(claims))!);
      expect(
        await queryRows(db, sql`select organisation_id, role from memberships where user_id = ${first.id}`),
      ).toEqual([{ organisation_id: dudley!.id, role: 'commissioner' }]);

      // A council named but not (yet) set up in this deployment: nobody is given a role anywhere.
      settings.areaCode = 'E09000001';
      expectRefused(
        await signInThroughProvider({ ...claims, sub: 'jo-subject', email: 'jo@example.org' }),
        'sso_unavailable',
      );
      expect(await lastSsoAudit()).toMatchObject({ outcome: 'failure' });
      expect((await lastSsoAudit()).details).toMatchObject({ reason: 'council_not_set_up', areaCode: 'E09000001' });
      expect(await queryRows(db, sql`select id from users where sso_subject = 'jo-subject'`)).toEqual([]);
    } finally {
      settings.areaCode = null;
    }
  });

  it('keeps local accounts working alongside single sign-on', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: 'correct-horse-battery-staple' },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe(`single sign-on when not configured (${testDriverName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('offers no button and sends anyone who tries back to the sign-in page', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/providers' })).json()).toEqual({ singleSignOn: null });
    for (const url of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/sign-in?error=sso_unavailable');
    }
  });
});
