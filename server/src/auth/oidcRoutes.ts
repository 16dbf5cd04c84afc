import { authProvidersResponseSchema, SIGN_IN_PATH, type SsoErrorCode } from '@kpi/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from '../config';
import type { Db } from '../db/database';
import { setSessionCookie } from '../plugins/authentication';
import { OidcProvider, OidcProviderUnavailableError } from './oidcProvider';
import { auditProviderUnreachable, beginOidcSignIn, completeOidcSignIn, LOGIN_STATE_TTL_MS } from './oidcSignIn';

const LOGIN_PATH = '/api/auth/oidc/login';
/** Binds an attempt to the browser that started it; sent only to the two single sign-on routes. */
const ATTEMPT_COOKIE = 'kpi_oidc_attempt';
const ATTEMPT_COOKIE_PATH = '/api/auth/oidc';

const redirectResponse = z.null().describe('A redirect (302); the Location header says where');

const callbackQuerySchema = z.object({
  code: z.string().optional().describe('Authorisation code from the provider'),
  state: z.string().optional().describe('The state this server sent; binds the response to the attempt'),
  iss: z.string().optional().describe('Issuer of the response (RFC 9207)'),
  error: z.string().optional().describe('Set by the provider when it did not sign the person in'),
  error_description: z.string().optional(),
  session_state: z.string().optional(),
});

/**
 * Single sign-on by OpenID Connect. Both routes are page navigations, not API calls: they
 * answer with redirects, and any failure lands on the sign-in page with `?error=<code>`.
 */
export const oidcRoutes: FastifyPluginAsyncZod<{ db: Db; config: AppConfig }> = async (app, { db, config }) => {
  const provider = config.oidc ? new OidcProvider(config.oidc) : null;
  const attemptCookieSecure = config.oidc?.redirectUri.protocol === 'https:';

  app.get(
    '/auth/providers',
    {
      schema: {
        operationId: 'getAuthProviders',
        tags: ['auth'],
        summary: 'How people can sign in: whether single sign-on is offered, and its button text',
        response: { 200: authProvidersResponseSchema },
      },
    },
    async () => ({
      singleSignOn: provider ? { label: provider.settings.displayName, loginPath: LOGIN_PATH } : null,
    }),
  );

  app.get(
    '/auth/oidc/login',
    {
      schema: {
        operationId: 'startSingleSignOn',
        tags: ['auth'],
        summary: 'Start single sign-on: redirects to the OpenID provider',
        description:
          'Creates a single-use state, nonce and PKCE verifier (kept server-side for 10 minutes, bound to this browser by an HttpOnly cookie) and redirects to the provider. Redirects to the sign-in page with ?error=sso_unavailable when single sign-on is not configured or the provider cannot be reached.',
        querystring: z.object({
          returnTo: z
            .string()
            .optional()
            .describe('A path on this site to go to after signing in; anything else is ignored'),
        }),
        response: { 302: redirectResponse },
      },
      // A GET that ends the browser's old session and may change the user's role.
      config: { changesState: true },
    },
    async (request, reply) => {
      if (!provider) return redirectToSignIn(reply, 'sso_unavailable');
      let started: Awaited<ReturnType<typeof beginOidcSignIn>>;
      try {
        started = await beginOidcSignIn(db, provider, request.query.returnTo);
      } catch (error) {
        if (!(error instanceof OidcProviderUnavailableError)) throw error;
        request.log.warn({ err: error }, 'single sign-on provider unavailable');
        await auditProviderUnreachable(db, request, error);
        return redirectToSignIn(reply, 'sso_unavailable');
      }
      reply.setCookie(ATTEMPT_COOKIE, started.browserBinding, {
        path: ATTEMPT_COOKIE_PATH,
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET navigation from its site.
        sameSite: 'lax',
        secure: attemptCookieSecure,
        maxAge: Math.floor(LOGIN_STATE_TTL_MS / 1000),
      });
      return reply.header('cache-control', 'no-store').redirect(started.providerUrl);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      schema: {
        operationId: 'completeSingleSignOn',
        tags: ['auth'],
        summary: 'Where the OpenID provider sends the browser back; starts a session',
        description:
          'Checks the state against the attempt this browser started (single use), exchanges the code with PKCE and validates the ID token (signature, issuer, audience, nonce, expiry). On success sets the session cookie and redirects to the page asked for; otherwise redirects to the sign-in page with ?error=<code>.',
        querystring: callbackQuerySchema,
        response: { 302: redirectResponse },
      },
    },
    async (request, reply) => {
      reply.clearCookie(ATTEMPT_COOKIE, { path: ATTEMPT_COOKIE_PATH });
      reply.header('cache-control', 'no-store');
      if (!provider) return redirectToSignIn(reply, 'sso_unavailable');
      const outcome = await completeOidcSignIn(db, config, provider, request, {
        rawQuery: request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '',
        state: request.query.state,
        browserBinding: request.cookies[ATTEMPT_COOKIE],
      });
      if (!outcome.ok) return redirectToSignIn(reply, outcome.error);
      setSessionCookie(reply, request, config, outcome.token);
      return reply.redirect(outcome.returnTo);
    },
  );
};

function redirectToSignIn(reply: FastifyReply, error: SsoErrorCode) {
  return reply.redirect(`${SIGN_IN_PATH}?error=${error}`);
}
