import { SSO_ERROR_CODES, type SsoErrorCode } from '@kpi/shared';

/** What each `?error=` the server sends back from single sign-on means, for the person signing in. */
export const SSO_ERROR_MESSAGES: Record<SsoErrorCode, string> = {
  sso_unavailable:
    'Signing in with your organisation account is not available at the moment. Try again later, or sign in with a username and password if you have one.',
  sso_restart:
    'Your sign-in was not completed: it took longer than 10 minutes, was started in another browser or tab, or the link had been used already. Start again.',
  sso_cancelled: 'You did not finish signing in with your organisation account. Start again to sign in.',
  sso_failed:
    'Your organisation account could not be confirmed, so you have not been signed in. Try again; if it happens again, tell your administrator the time it happened.',
  sso_no_role:
    'Your organisation account is not in any group that gives access to this dashboard. Ask your administrator to add you to the right group, then sign in again.',
  sso_disabled: 'Your account has been switched off. Ask your administrator if you need access.',
};

export function ssoErrorFrom(search: string): SsoErrorCode | null {
  const code = new URLSearchParams(search).get('error');
  return SSO_ERROR_CODES.find((known) => known === code) ?? null;
}

type SingleSignOnButtonProps = { label: string; loginPath: string; returnTo: string };

/** A link, not a form: the server redirects the whole page to the provider. */
export function SingleSignOnButton({ label, loginPath, returnTo }: SingleSignOnButtonProps) {
  const href = returnTo === '/' ? loginPath : `${loginPath}?${new URLSearchParams({ returnTo })}`;
  return (
    <a className="button button--start" href={href} draggable={false}>
      {label}
    </a>
  );
}
