import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { AppProviders } from '../app/AppProviders';
import { AppRoutes } from '../app/AppRoutes';
import { createAppQueryClient } from '../app/createAppQueryClient';

/** Renders the whole app at `path` with a fresh cache, as a user arriving at that address. */
export function renderApp(path = '/') {
  const queryClient = createAppQueryClient({
    queries: { retry: false, gcTime: Number.POSITIVE_INFINITY },
  });
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...view, user, queryClient };
}
