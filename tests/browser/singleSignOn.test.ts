import { type MutableToken, OAuth2Server } from 'oauth2-mock-server';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations, watchCspViolations } from '../support/browserChecks';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { type RunningServer, startServerProcess } from '../support/serverProcess';

/**
 * The whole single sign-on round trip in Chromium: the app on 127.0.0.1, the OpenID provider
 * (oauth2-mock-server) on `localhost`, so the browser treats them as different sites and the
 * SameSite=Lax cookies meet real cross-site redirects.
 */
describe('single sign-on, in Chromium', () => {
  const provider = new OAuth2Server();
  let server: RunningServer;
  let browser: Browser;
  let idTokenClaims: Record<string, unknown> = {};

  beforeAll(async () => {
    await provider.issuer.keys.generate('RS256');
    await provider.start(0, '127.0.0.1');
    provider.issuer.url = `http://localhost:${provider.address().port}`;
    provider.service.on('beforeTokenSigning', (token: MutableToken) => {
      if (!('scope' in token.payload)) Object.assign(token.payload, idTokenClaims);
    });
    server = await startServerProcess((baseUrl) => ({
      PUBLIC_URL: baseUrl,
      OIDC_ISSUER: provider.issuer.url,
      OIDC_CLIENT_ID: 'kpi-dashboard',
      OIDC_ROLE_MAP: JSON.stringify({ 'grp-councillors': 'viewer' }),
      OIDC_DISPLAY_NAME: 'Sign in with Sandwell Council account',
    }));
    const executablePath = findChromium();
    if (!executablePath) throw new Error('Chromium not found');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await provider.stop();
  });

  it('a councillor signs in with their council account and comes back to the page they asked for', async () => {
    idTokenClaims = {
      sub: 'councillor-1',
      email: 'cllr.jones@sandwell.gov.uk',
      name: 'Councillor Jones',
      groups: ['grp-councillors'],
    };
    const page = await browser.newPage();
    const cspViolations = watchCspViolations(page);
    await page.goto(`${server.baseUrl}/meetings`);
    await expect.poll(() => page.url()).toMatch(/\/sign-in/);
    const button = page.getByRole('link', { name: 'Sign in with Sandwell Council account' });
    await button.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await button.click();
    await expect.poll(() => page.url()).toBe(`${server.baseUrl}/meetings`);
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('Councillor Jones');
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('someone whose groups give no access is told so on the sign-in page, and is not signed in', async () => {
    idTokenClaims = { sub: 'stranger-1', email: 'someone@sandwell.gov.uk', groups: ['grp-other'] };
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Sandwell Council account' }).click();

    await expect.poll(() => page.url()).toBe(`${server.baseUrl}/sign-in?error=sso_no_role`);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not in any group that gives access/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await page.close();
  });
});
