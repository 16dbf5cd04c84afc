import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { displayNameFromClaims, preferredUsername, roleFromClaims } from './oidcClaims';

const ENTRA = {
  OIDC_ISSUER: 'https://login.microsoftonline.com/72f988bf-0000-4000-8000-000000000001/v2.0',
  OIDC_CLIENT_ID: '00000000-aaaa-4bbb-8ccc-000000000001',
  OIDC_CLIENT_SECRET: 'secret-from-the-app-registration',
  PUBLIC_URL: 'https://kpi.sandwell.gov.uk',
  OIDC_ROLE_MAP: '{"11111111-0000-4000-8000-000000000001": "admin", "councillors": "viewer"}',
};

function load(env: Record<string, string>) {
  return loadConfig({ NODE_ENV: 'production', ...env });
}

describe('single sign-on settings', () => {
  it('is off when no OIDC variable is set', () => {
    expect(load({}).oidc).toBeNull();
  });

  it('reads an Entra ID configuration, deriving the redirect URI from PUBLIC_URL', () => {
    const oidc = load(ENTRA).oidc!;
    expect(oidc.redirectUri.href).toBe('https://kpi.sandwell.gov.uk/api/auth/oidc/callback');
    expect(oidc.scopes).toBe('openid profile email');
    expect(oidc.roleClaim).toBe('groups');
    expect(oidc.defaultRole).toBeNull();
    expect(oidc.allowInsecureHttp).toBe(false);
    expect(oidc.areaCode).toBeNull();
  });

  it('names the council whose roles the provider gives, as an ONS code in any case', () => {
    expect(load({ ...ENTRA, OIDC_AREA_CODE: ' e08000028 ' }).oidc!.areaCode).toBe('E08000028');
  });

  it.each([
    [{ OIDC_CLIENT_ID: 'x' }, 'OIDC_ISSUER: required when any OIDC_ variable is set'],
    [{ ...ENTRA, OIDC_CLIENT_ID: '' }, 'OIDC_CLIENT_ID: required'],
    [{ ...ENTRA, PUBLIC_URL: '' }, 'OIDC_REDIRECT_URI or PUBLIC_URL: one is required'],
    [{ ...ENTRA, OIDC_ISSUER: 'http://idp.example/' }, 'OIDC_ISSUER: must use https'],
    [{ ...ENTRA, OIDC_ISSUER: 'https://login.microsoftonline.com/common/v2.0' }, 'OIDC_ISSUER: name your tenant'],
    [{ ...ENTRA, OIDC_REDIRECT_URI: 'https://kpi.example/callback' }, 'its path must be /api/auth/oidc/callback'],
    [{ ...ENTRA, OIDC_ROLE_MAP: '{"a": "superuser"}' }, 'OIDC_ROLE_MAP: expected an object from claim values to roles'],
    [{ ...ENTRA, OIDC_ROLE_MAP: '{not json' }, 'OIDC_ROLE_MAP: not valid JSON'],
    [{ ...ENTRA, OIDC_ROLE_MAP: '' }, 'without either, nobody could sign in'],
    [{ ...ENTRA, OIDC_DEFAULT_ROLE: 'owner' }, 'OIDC_DEFAULT_ROLE: must be one of'],
    [{ ...ENTRA, OIDC_SCOPES: 'profile email' }, 'OIDC_SCOPES: must include openid'],
    [{ ...ENTRA, OIDC_AREA_CODE: 'Sandwell' }, "OIDC_AREA_CODE: must be the council's ONS area code"],
    [{ ...ENTRA, OIDC_AREA_CODE: 'E0800002' }, "OIDC_AREA_CODE: must be the council's ONS area code"],
  ])('refuses to start with a clear message: %o', (env, message) => {
    expect(() => load(env)).toThrow(message);
  });

  it('allows plain http only for a provider on this machine', () => {
    const oidc = load({ ...ENTRA, OIDC_ISSUER: 'http://127.0.0.1:8080', PUBLIC_URL: 'http://localhost:3000' }).oidc!;
    expect(oidc.allowInsecureHttp).toBe(true);
  });
});

describe('roles from claims', () => {
  const settings = {
    roleClaim: 'roles',
    roleMap: { 'KPI.Admin': 'admin', 'KPI.Analyst': 'analyst', 'KPI.Commissioner': 'commissioner' } as const,
    defaultRole: null,
  };
  const claims = (roles: unknown) => ({ iss: 'https://idp', sub: 's', roles });

  it('takes the highest mapped role: admin, then commissioner, then analyst, then viewer', () => {
    expect(roleFromClaims(claims(['KPI.Analyst', 'KPI.Commissioner']), settings)).toEqual({
      role: 'commissioner',
      from: 'mapping',
    });
    expect(roleFromClaims(claims(['KPI.Analyst', 'KPI.Admin']), settings).role).toBe('admin');
  });

  it('accepts a single string as well as a list, and ignores non-string values', () => {
    expect(roleFromClaims(claims('KPI.Analyst'), settings).role).toBe('analyst');
    expect(roleFromClaims(claims([42, { x: 1 }]), settings)).toEqual({ role: null, reason: 'no_mapped_value' });
  });

  it('falls back to the default role when configured', () => {
    expect(roleFromClaims(claims(['Other']), { ...settings, defaultRole: 'viewer' })).toEqual({
      role: 'viewer',
      from: 'default',
    });
  });
});

describe('names from claims', () => {
  const identity = { issuer: 'https://idp', subject: 's' };

  it('drops control characters, which PostgreSQL would refuse', () => {
    const claims = { iss: 'https://idp', sub: 's', name: 'Ann\u0000 Lee', preferred_username: 'ann\u0007@x.gov.uk' };
    expect(displayNameFromClaims(claims)).toBe('Ann Lee');
    expect(preferredUsername(claims, identity)).toBe('ann@x.gov.uk');
  });

  it('falls back from name to given and family names, and from username to email', () => {
    const claims = { iss: 'https://idp', sub: 's', given_name: 'Ann', family_name: 'Lee', email: 'ann@x.gov.uk' };
    expect(displayNameFromClaims(claims)).toBe('Ann Lee');
    expect(preferredUsername(claims, identity)).toBe('ann@x.gov.uk');
    expect(preferredUsername({ iss: 'https://idp', sub: 's' }, identity)).toMatch(/^sso-[0-9a-f]{8}$/);
  });
});
