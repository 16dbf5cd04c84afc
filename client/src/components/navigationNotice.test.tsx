import { render, screen, waitFor } from '@testing-library/react';
import { type Location, MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { NavigationNotice } from './NavigationNotice';

/**
 * A notice a form passes in the history state ("PI16 is saved.") is said once: after it is shown
 * the history entry no longer carries it, so a reload (the browser rebuilds the page from that
 * entry) does not say again that something was just done.
 */

type Seen = { location: Location | null };

function LocationSpy({ seen }: { seen: Seen }) {
  seen.location = useLocation();
  return null;
}

function renderAt(entry: Partial<Location> & { pathname: string }) {
  const seen: Seen = { location: null };
  const view = render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route
          path="/contract"
          element={
            <>
              <NavigationNotice />
              <h1>Contract</h1>
            </>
          }
        />
      </Routes>
      <LocationSpy seen={seen} />
    </MemoryRouter>,
  );
  return { ...view, seen };
}

describe('a notice passed in the history state', () => {
  it('is shown as a status that takes the focus, then taken out of the history entry', async () => {
    const { seen } = renderAt({ pathname: '/contract', search: '?organisation=E08000035', state: { done: 'Saved.' } });
    const notice = screen.getByRole('status');
    expect(notice).toHaveTextContent('Saved.');
    await waitFor(() => expect(notice).toHaveFocus());
    await waitFor(() => expect(seen.location?.state).toBeNull());
    // the same address, the notice still on screen
    expect(seen.location?.pathname).toBe('/contract');
    expect(seen.location?.search).toBe('?organisation=E08000035');
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
  });

  it('is not shown again when the page is loaded again from the same history entry', async () => {
    const first = renderAt({ pathname: '/contract', state: { done: 'Saved.' } });
    await waitFor(() => expect(first.seen.location?.state).toBeNull());
    const entry = first.seen.location as Location;
    first.unmount();

    renderAt(entry);
    expect(screen.getByRole('heading', { level: 1, name: 'Contract' })).toBeVisible();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows nothing when no notice was passed', () => {
    renderAt({ pathname: '/contract', state: { somethingElse: true } });
    expect(screen.queryByRole('status')).toBeNull();
  });
});
