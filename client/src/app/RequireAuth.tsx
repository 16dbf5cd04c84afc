import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { useMe } from '../features/auth/api/getMe';
import { CurrentUserProvider } from '../features/auth/currentUser';
import { type SignInLocationState, sessionEnd } from '../features/auth/session';
import { followAddress } from '../lib/organisationInView';
import { SIGN_IN_PATH, signInPathFor } from '../lib/returnTo';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { AuthenticatedLayout } from './layout/AuthenticatedLayout';
import { PageShell } from './layout/PageShell';

function CheckingSession() {
  useDocumentTitle('Loading');
  return (
    <PageShell>
      <LoadingState>Checking whether you are signed in…</LoadingState>
    </PageShell>
  );
}

function SessionError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  useDocumentTitle('Sorry, there is a problem', { hasErrors: true });
  return (
    <PageShell>
      <ErrorState error={error} onRetry={onRetry} headingLevel="h1" />
    </PageShell>
  );
}

/** Layout route for every signed-in page: sends anyone without a session to sign in, and back afterwards. */
export function RequireAuth() {
  const location = useLocation();
  // The organisation the address names, taken before any query of this render is keyed: followed
  // in an effect, a link to another council would first render (and keep) the last council's data.
  followAddress(location.search);
  const me = useMe();
  const queryClient = useQueryClient();

  if (me.isPending) return <CheckingSession />;
  if (me.isError) return <SessionError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const ended = sessionEnd(queryClient);
    const state: SignInLocationState = { sessionEnd: ended };
    // After a deliberate sign-out, start afresh at home; otherwise come back here after signing in.
    const to =
      ended === 'signed-out' ? SIGN_IN_PATH : signInPathFor(`${location.pathname}${location.search}${location.hash}`);
    return <Navigate to={to} replace state={state} />;
  }
  return (
    <CurrentUserProvider me={me.data}>
      <AuthenticatedLayout me={me.data} />
    </CurrentUserProvider>
  );
}
