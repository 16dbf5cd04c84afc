import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { problemFixture, sessionStatusFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

const MINUTE = 60_000;

/** A server session that ends `idleMinutes` after the last "Stay signed in"; counts the requests. */
function sessionServer(idleMinutes = 30) {
  const calls = { status: 0, extend: 0, logout: 0 };
  let endsAt = Date.now() + idleMinutes * MINUTE;
  const status = () => ({ ...sessionStatusFixture(), idleExpiresAt: new Date(endsAt).toISOString() });
  server.use(
    http.get(api('/api/auth/session'), () => {
      calls.status += 1;
      return Date.now() >= endsAt ? problemResponse(problemFixture(401, 'Not signed in')) : HttpResponse.json(status());
    }),
    http.post(api('/api/auth/session/extend'), () => {
      calls.extend += 1;
      endsAt = Date.now() + idleMinutes * MINUTE;
      return HttpResponse.json(status());
    }),
    http.post(api('/api/auth/logout'), () => {
      calls.logout += 1;
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return {
    calls,
    /** Another page's request counts as activity on the server. */
    useElsewhere: () => {
      endsAt = Date.now() + idleMinutes * MINUTE;
    },
  };
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('the session time-out warning', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function openScorecard() {
    signedInAs('viewer');
    const view = renderApp('/scorecard?month=2025-03');
    await screen.findByRole('heading', { level: 1, name: /scorecard/i });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    return { ...view, user };
  }

  it('warns two minutes before the end, in a focused alert dialog, without asking the server every minute', async () => {
    const session = sessionServer();
    await openScorecard();
    await advance(27 * MINUTE);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    // Asked once on arrival, not polled.
    expect(session.calls.status).toBe(1);

    await advance(1 * MINUTE + 1_000);
    const dialog = await screen.findByRole('alertdialog', { name: 'You will be signed out soon' });
    expect(dialog).toHaveAccessibleDescription(/signed out after 30 minutes without activity.*1 minute 59 seconds/);
    expect(within(dialog).getByRole('button', { name: 'Stay signed in' })).toHaveFocus();
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    // The page behind is out of reach while the warning is open.
    expect(screen.queryByRole('link', { name: 'Scorecard' })).not.toBeInTheDocument();
  });

  it('"Stay signed in" extends the session on the server and closes the warning', async () => {
    const session = sessionServer();
    const { user } = await openScorecard();
    await advance(28 * MINUTE + 1_000);
    await user.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(session.calls.extend).toBe(1);

    // The next warning comes 28 minutes after that, not 2.
    await advance(27 * MINUTE);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await advance(1 * MINUTE + 1_000);
    expect(await screen.findByRole('alertdialog')).toBeInTheDocument();
  });

  it('is operable by keyboard: Tab stays inside, Enter on "Stay signed in", Escape also stays', async () => {
    const session = sessionServer();
    const { user } = await openScorecard();
    await advance(28 * MINUTE + 1_000);
    await screen.findByRole('alertdialog');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Sign out' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Stay signed in' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(session.calls.extend).toBe(1);

    await advance(28 * MINUTE + 1_000);
    await screen.findByRole('alertdialog');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(session.calls.extend).toBe(2);
  });

  it('"Sign out" signs out on the server', async () => {
    const session = sessionServer();
    const { user } = await openScorecard();
    await advance(28 * MINUTE + 1_000);
    await screen.findByRole('alertdialog');
    server.use(http.get(api('/api/auth/me'), () => problemResponse(problemFixture(401, 'Not signed in'))));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(session.calls.logout).toBe(1);
  });

  it('at the end, takes the person to sign in with a message, and back to the same page afterwards', async () => {
    sessionServer();
    const view = await openScorecard();
    await advance(28 * MINUTE + 1_000);
    await screen.findByRole('alertdialog');
    await advance(2 * MINUTE + 1_000);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText(/signed out because the session reached its time limit/)).toBeInTheDocument();
    expect(view.pathname()).toBe('/sign-in');
    expect(view.searchParams().get('returnTo')).toBe('/scorecard?month=2025-03');
  });

  it('does not warn while the person is active on other pages: the limit is checked again first', async () => {
    const session = sessionServer();
    await openScorecard();
    await advance(20 * MINUTE);
    session.useElsewhere();
    await advance(8 * MINUTE + 1_000);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(session.calls.status).toBe(2);
    await advance(20 * MINUTE);
    expect(await screen.findByRole('alertdialog')).toBeInTheDocument();
  });

  it('warns about the 12-hour limit, which cannot be extended', async () => {
    const status = sessionStatusFixture(30, 10);
    server.use(
      http.get(api('/api/auth/session'), () => HttpResponse.json({ ...status, serverTime: new Date().toISOString() })),
    );
    await openScorecard();
    await advance(8 * MINUTE + 1_000);
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveAccessibleDescription(/sign in again at least every 12 hours/);
    expect(within(dialog).queryByRole('button', { name: 'Stay signed in' })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Sign out' })).toHaveFocus();
  });
});
