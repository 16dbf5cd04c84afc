import type { Role } from '@kpi/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../features/auth/currentUser';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function NoAccess() {
  useDocumentTitle('You do not have access to this page');
  return (
    <>
      <h1>You do not have access to this page</h1>
      <p>Your role does not include this page. Ask an administrator if you think it should.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}

/** Shows the page only to the given roles. The server enforces the same rule on its endpoints. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useCurrentUser();
  return roles.includes(user.role) ? children : <NoAccess />;
}
