import { truncateText } from '@kpi/shared';
import * as oidc from 'openid-client';
import type { IdTokenClaims } from './oidcClaims';
import type { OidcSettings } from './oidcSettings';

const PROVIDER_TIMEOUT_SECONDS = 10;

/** Discovery failed: the provider could not be reached or did not describe itself. */
export class OidcProviderUnavailableError extends Error {}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The OpenID provider as openid-client sees it; discovery happens on first use and is kept. */
export class OidcProvider {
  #configuration: Promise<oidc.Configuration> | undefined;

  constructor(readonly settings: OidcSettings) {}

  /** A fresh state, nonce and PKCE verifier; all three are kept server-side until the callback. */
  newAuthorizationRequest(): AuthorizationRequest {
    return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
    const configuration = await this.#discover();
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri.href,
      scope: this.settings.scopes,
      response_type: 'code',
      state: request.state,
      nonce: request.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Exchanges the code and returns the ID token's claims. openid-client checks the state, the
   * ID token's signature against the provider's published keys, its issuer, audience (and
   * authorised party), nonce, expiry and issue time; any failure throws.
   */
  async completeAuthorization(callbackQuery: string, request: AuthorizationRequest): Promise<IdTokenClaims> {
    const configuration = await this.#discover();
    // Built from the configured redirect URI, never from the Host header, and sent as redirect_uri.
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = callbackQuery;
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      expectedState: request.state,
      expectedNonce: request.nonce,
      pkceCodeVerifier: request.codeVerifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new oidc.ClientError('the provider returned no ID token');
    return claims as unknown as IdTokenClaims;
  }

  #discover(): Promise<oidc.Configuration> {
    this.#configuration ??= oidc
      .discovery(
        this.settings.issuer,
        this.settings.clientId,
        { client_secret: this.settings.clientSecret },
        this.settings.clientSecret ? oidc.ClientSecretBasic(this.settings.clientSecret) : oidc.None(),
        {
          timeout: PROVIDER_TIMEOUT_SECONDS,
          // The ID token comes straight from the token endpoint, for which openid-client would
          // rely on TLS alone; its signature is checked against the provider's keys as well.
          execute: [
            oidc.enableNonRepudiationChecks,
            ...(this.settings.allowInsecureHttp ? [oidc.allowInsecureRequests] : []),
          ],
        },
      )
      .catch((error: unknown) => {
        // Try again next time: the provider may have been briefly unreachable.
        this.#configuration = undefined;
        throw new OidcProviderUnavailableError(describeOidcError(error).message, { cause: error });
      });
    return this.#configuration;
  }
}

/** A short, log-safe description of why openid-client refused, for the audit log. */
export function describeOidcError(error: unknown): { code: string; message: string } {
  if (error instanceof OidcProviderUnavailableError) return { code: 'provider_unreachable', message: error.message };
  if (error instanceof oidc.AuthorizationResponseError) {
    return { code: `provider:${error.error}`, message: error.error_description ?? error.error };
  }
  if (error instanceof oidc.ResponseBodyError) {
    return { code: `token_endpoint:${error.error}`, message: error.error_description ?? error.error };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // openid-client wraps oauth4webapi's error, whose message names the failing claim (aud, iss, nonce, exp…).
    const detail = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return {
      code: typeof code === 'string' ? code : error.name,
      message: truncateText(`${error.message}${detail}`, 300),
    };
  }
  return { code: 'unknown', message: 'unknown error' };
}
