import type { MeResponse } from '@kpi/shared';
import { Link, NavLink, Outlet } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { useLogout } from '../../features/auth/api/logout';
import { SessionTimeout } from '../../features/auth/components/SessionTimeout';
import { ROLE_GUIDES } from '../../features/auth/roles';
import { OrganisationSwitcher, useOrganisationInUrl } from '../OrganisationInView';
import { CHANGE_PASSWORD_PATH, navigationFor } from '../pages';
import { PageShell } from './PageShell';

function Account({ me, onSignOut, signingOut }: { me: MeResponse; onSignOut: () => void; signingOut: boolean }) {
  return (
    <div className="header__account">
      <OrganisationSwitcher me={me} />
      <p className="header__user">
        Signed in as <strong>{me.user.displayName}</strong> ({ROLE_GUIDES[me.user.role].label})
      </p>
      {me.user.signInMethod === 'local' && (
        <p className="header__user">
          <Link to={CHANGE_PASSWORD_PATH} className="header__link">
            Change your password
          </Link>
        </p>
      )}
      <button type="button" className="button button--header" onClick={onSignOut} aria-busy={signingOut}>
        Sign out
      </button>
    </div>
  );
}

export function AuthenticatedLayout({ me }: { me: MeResponse }) {
  const logout = useLogout();
  const organisationNotice = useOrganisationInUrl(me);

  // On success the session is forgotten and RequireAuth takes the user to the sign-in page.
  const signOut = () => {
    if (!logout.isPending) logout.mutate();
  };

  return (
    <PageShell
      account={<Account me={me} onSignOut={signOut} signingOut={logout.isPending} />}
      navigation={
        <nav className="nav" aria-label="Main">
          <ul className="width-container nav__list">
            {navigationFor(me.user.role).map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} end className="nav__link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      }
      banner={
        <>
          {organisationNotice && (
            <p className="width-container" role="status">
              {organisationNotice}
            </p>
          )}
          {logout.isError && <ErrorState error={logout.error} />}
        </>
      }
    >
      <Outlet />
      <SessionTimeout />
    </PageShell>
  );
}
