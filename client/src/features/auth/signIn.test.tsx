import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { meFixture, problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';

async function findSignInHeading() {
  return screen.findByRole('heading', { level: 1, name: 'Sign in' });
}

describe('signing in', () => {
  it('shows an error summary with both messages, focused, when the fields are empty', async () => {
    const { user } = renderApp('/sign-in');
    await findSignInHeading();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Enter your username' })).toHaveAttribute('href', '#username');
    expect(within(summary).getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password');
    expect(summary).toHaveFocus();

    // Each field carries its own message, read out with the field.
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription('Error: Enter your username');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Error: Enter your password');
    expect(screen.getByLabelText('Username')).toBeInvalid();
    expect(document.title).toBe("Error: Sign in – Children's services KPI dashboard");
  });

  it('moves focus to the field when its error is chosen in the summary', async () => {
    const { user } = renderApp('/sign-in');
    await findSignInHeading();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await user.click(screen.getByRole('link', { name: 'Enter your password' }));

    expect(screen.getByLabelText('Password')).toHaveFocus();
  });

  it('asks only for the missing field', async () => {
    const { user } = renderApp('/sign-in');
    await findSignInHeading();
    await user.type(screen.getByLabelText('Username'), 'commissioner');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = screen.getByRole('alert');
    expect(within(summary).getAllByRole('link')).toHaveLength(1);
    expect(within(summary).getByRole('link', { name: 'Enter your password' })).toBeInTheDocument();
  });

  it('says the username or password is not correct when the server refuses them', async () => {
    server.use(
      http.post(api('/api/auth/login'), () =>
        problemResponse(problemFixture(401, 'Unauthorized', { detail: 'Invalid credentials' })),
      ),
    );
    const { user } = renderApp('/sign-in');
    await findSignInHeading();
    await user.type(screen.getByLabelText('Username'), 'commissioner');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'The username or password is not correct' })).toBeInTheDocument();
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(
      'Error: The username or password is not correct',
    );
    // The form stays usable: nothing is disabled to hide the problem.
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('explains a server error and gives the request id', async () => {
    server.use(
      http.post(api('/api/auth/login'), () =>
        problemResponse(problemFixture(500, 'Internal Server Error', { requestId: 'req-login-500' })),
      ),
    );
    const { user } = renderApp('/sign-in');
    await findSignInHeading();
    await user.type(screen.getByLabelText('Username'), 'commissioner');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'Sorry, there is a problem with the service' })).toBeVisible();
    expect(summary).toHaveTextContent('req-login-500');
    expect(summary).toHaveFocus();
  });

  it('explains when the service cannot be reached', async () => {
    server.use(http.post(api('/api/auth/login'), () => HttpResponse.error()));
    const { user } = renderApp('/sign-in');
    await findSignInHeading();
    await user.type(screen.getByLabelText('Username'), 'commissioner');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'Sorry, the service cannot be reached' })).toBeVisible();
  });

  it('lands on the home page showing the organisation after signing in', async () => {
    const { user } = renderApp('/sign-in');
    await findSignInHeading();
    expect(screen.getByLabelText('Username')).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');

    await user.type(screen.getByLabelText('Username'), 'commissioner');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: "Children's services performance" })).toBeVisible();
    expect(within(screen.getByRole('banner')).getByText('Sandwell')).toBeVisible();
    expect(within(screen.getByRole('banner')).getByText(/Signed in as/)).toHaveTextContent(
      'Signed in as Sam Patel (Commissioner)',
    );
    expect(await screen.findByRole('heading', { name: 'Organisation' })).toBeVisible();
    expect(document.title).toBe("Home – Children's services KPI dashboard");
    // Focus starts at the new page's content, as after a full page load.
    expect(screen.getByRole('main')).toHaveFocus();
  });
});

describe('returning after sign-in', () => {
  it('sends an unauthenticated visit to / to sign in, then back home', async () => {
    const { user } = renderApp('/');

    await findSignInHeading();
    // The title is set in an effect after the heading renders.
    await waitFor(() => expect(document.title).toBe("Sign in – Children's services KPI dashboard"));
    await user.type(screen.getByLabelText('Username'), 'commissioner');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: "Children's services performance" })).toBeVisible();
  });

  it('returns to the page the user was going to, not just home', async () => {
    const { user } = renderApp('/some/deep/page?month=2025-03');

    await findSignInHeading();
    await user.type(screen.getByLabelText('Username'), 'commissioner');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    // That address is not a page (yet), so arriving there shows the 404 page.
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  });

  it('does not follow a return address on another site', async () => {
    const { user } = renderApp('/sign-in?returnTo=%2F%2Fevil.example%2F');

    await findSignInHeading();
    await user.type(screen.getByLabelText('Username'), 'commissioner');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: "Children's services performance" })).toBeVisible();
  });

  it('sends someone already signed in from the sign-in page to home', async () => {
    server.use(http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture('viewer'))));
    renderApp('/sign-in');

    expect(await screen.findByRole('heading', { level: 1, name: "Children's services performance" })).toBeVisible();
  });
});

describe('signing out', () => {
  it('returns to the sign-in page and says so', async () => {
    server.use(http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture('analyst'))));
    const { user } = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: "Children's services performance" });

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    await findSignInHeading();
    expect(screen.getByText('You have signed out.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('keeps the user signed in and explains when sign-out fails', async () => {
    server.use(
      http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture('analyst'))),
      http.post(api('/api/auth/logout'), () =>
        problemResponse(problemFixture(503, 'Service Unavailable', { requestId: 'req-logout-503' })),
      ),
    );
    const { user } = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: "Children's services performance" });

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(screen.getByText(/req-logout-503/)).toBeVisible());
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });
});
