import { returnToFrom, safeReturnTo, signInPathFor } from './returnTo';

describe('return address after sign-in', () => {
  it.each([
    ['/scorecard?month=2025-03#kpi-4', '/scorecard?month=2025-03#kpi-4'],
    ['/', '/'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/sign-in', '/'],
    ['/api/auth/me', '/'],
    ['/\t/evil.example/', '/'],
  ])('%s → %s', (candidate, expected) => {
    expect(safeReturnTo(candidate)).toBe(expected);
  });

  it('round-trips through the sign-in URL', () => {
    const signIn = signInPathFor('/a/b?c=1');
    expect(signIn).toBe('/sign-in?returnTo=%2Fa%2Fb%3Fc%3D1');
    expect(returnToFrom(signIn.slice(signIn.indexOf('?')))).toBe('/a/b?c=1');
    expect(signInPathFor('/')).toBe('/sign-in');
  });
});
