import { act, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, type NavigateFunction, useLocation, useNavigate } from 'react-router';
import { AppProviders } from '../app/AppProviders';
import { AppRoutes } from '../app/AppRoutes';
import { createAppQueryClient } from '../app/createAppQueryClient';

type Spy = { pathname: string; search: string; navigate: NavigateFunction | null };

/** Records where the router is, so tests can check the address a user would see and press Back. */
function RouterSpy({ spy }: { spy: Spy }) {
  const location = useLocation();
  spy.pathname = location.pathname;
  spy.search = location.search;
  spy.navigate = useNavigate();
  return null;
}

/** Renders the whole app at `path` with a fresh cache, as a user arriving at that address. */
export function renderApp(path = '/') {
  const queryClient = createAppQueryClient({
    queries: { retry: false, gcTime: Number.POSITIVE_INFINITY },
  });
  const user = userEvent.setup();
  const spy: Spy = { pathname: '', search: '', navigate: null };
  const view = render(
    <AppProviders queryClient={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <RouterSpy spy={spy} />
      </MemoryRouter>
    </AppProviders>,
  );
  return {
    ...view,
    user,
    queryClient,
    /** The current address's query, as URLSearchParams. */
    searchParams: () => new URLSearchParams(spy.search),
    pathname: () => spy.pathname,
    /** The browser's Back button. */
    goBack: () => act(() => void spy.navigate?.(-1)),
  };
}
