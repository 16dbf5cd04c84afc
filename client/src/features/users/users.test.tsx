import type { UserSummary } from '@kpi/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

function userFixture(overrides: Partial<UserSummary>): UserSummary {
  return {
    id: 1,
    username: 'user',
    displayName: 'User',
    role: 'viewer',
    signInMethod: 'local',
    preRelease: false,
    disabledAt: null,
    lastSignInAt: null,
    createdAt: '2025-01-06T09:00:00.000Z',
    ...overrides,
  };
}

const USERS = [
  userFixture({
    id: 4,
    username: 'admin',
    displayName: 'Jo Admin',
    role: 'admin',
    lastSignInAt: '2025-03-03T10:15:00.000Z',
  }),
  userFixture({ id: 7, username: 'cllr.jones', displayName: 'Cllr Pat Jones', preRelease: true }),
  userFixture({
    id: 9,
    username: 'sso.person',
    displayName: 'Sam Single',
    signInMethod: 'sso',
    disabledAt: '2025-02-01T12:00:00.000Z',
  }),
];

function usersServer() {
  const requests: { method: string; url: string; body: unknown }[] = [];
  const record = async (request: Request) => {
    requests.push({ method: request.method, url: new URL(request.url).pathname, body: await request.json() });
  };
  server.use(
    http.get(api('/api/users'), () => HttpResponse.json({ users: USERS })),
    http.post(api('/api/users'), async ({ request }) => {
      await record(request);
      return HttpResponse.json(userFixture({ id: 10, username: 'new.person', displayName: 'New Person' }), {
        status: 201,
      });
    }),
    http.patch(api('/api/users/:id'), async ({ request }) => {
      await record(request);
      return HttpResponse.json(USERS[1]);
    }),
    http.post(api('/api/users/:id/password'), async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return requests;
}

describe('user administration', () => {
  it('is in the navigation for administrators only', async () => {
    signedInAs('commissioner');
    renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
  });

  it('lists every account with role, sign-in method, pre-release, status and last sign-in', async () => {
    signedInAs('admin');
    usersServer();
    renderApp('/users');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['admin', 'Administrator', 'Password', 'No', 'Active', '3 March 2025 at 10:15'],
      ['cllr.jones', 'Viewer', 'Password', 'Yes', 'Active', 'Never'],
      ['sso.person', 'Viewer', 'Single sign-on', 'No', 'Disabled', 'Never'],
    ]);
    expect(screen.getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');
  });

  it('checks a new user’s password with the same policy as the server before sending it', async () => {
    signedInAs('admin');
    const requests = usersServer();
    const { user } = renderApp('/users/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a user' });
    await user.type(screen.getByLabelText('Full name'), 'New Person');
    await user.type(screen.getByLabelText('Username'), 'new.person');
    await user.type(screen.getByLabelText('Initial password'), 'password1');
    await user.click(screen.getByRole('button', { name: 'Add user' }));

    const summary = screen.getByRole('alert');
    expect(summary).toHaveFocus();
    expect(within(summary).getByRole('link', { name: /commonly used/ })).toHaveAttribute('href', '#password');
    expect(screen.getByLabelText('Initial password')).toHaveAccessibleDescription(/Error: .*commonly used/);
    expect(requests).toEqual([]);

    await user.clear(screen.getByLabelText('Initial password'));
    await user.type(screen.getByLabelText('Initial password'), 'kettle river lantern');
    await user.click(screen.getByRole('radio', { name: /Analyst/ }));
    await user.click(screen.getByRole('checkbox', { name: 'On the pre-release list' }));
    await user.click(screen.getByRole('button', { name: 'Add user' }));

    expect(await screen.findByText(/New Person can now sign in as new.person/)).toBeInTheDocument();
    expect(requests).toEqual([
      {
        method: 'POST',
        url: '/api/users',
        body: {
          displayName: 'New Person',
          username: 'new.person',
          password: 'kettle river lantern',
          role: 'analyst',
          preRelease: true,
        },
      },
    ]);
  });

  it('shows the server’s refusal (a taken username) in the error summary', async () => {
    signedInAs('admin');
    usersServer();
    server.use(
      http.post(api('/api/users'), () =>
        problemResponse(problemFixture(409, 'Conflict', { detail: 'That username is already taken.' })),
      ),
    );
    const { user } = renderApp('/users/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a user' });
    await user.type(screen.getByLabelText('Full name'), 'Pat');
    await user.type(screen.getByLabelText('Username'), 'cllr.jones');
    await user.type(screen.getByLabelText('Initial password'), 'kettle river lantern');
    await user.click(screen.getByRole('button', { name: 'Add user' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That username is already taken.');
  });

  it('asks for confirmation before disabling, then disables', async () => {
    signedInAs('admin');
    const requests = usersServer();
    const { user } = renderApp('/users/7');
    await screen.findByRole('heading', { level: 1, name: 'Cllr Pat Jones' });
    await user.click(screen.getByRole('button', { name: 'Disable account' }));
    const question = screen.getByRole('heading', { name: /Are you sure you want to disable Cllr Pat Jones/ });
    expect(question).toHaveFocus();
    expect(requests).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(requests).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Disable account' }));
    await user.click(screen.getByRole('button', { name: 'Yes, disable the account' }));
    expect(await screen.findByText(/signed out everywhere/)).toBeInTheDocument();
    expect(requests).toEqual([{ method: 'PATCH', url: '/api/users/7', body: { disabled: true } }]);
  });

  it('explains why the last administrator cannot be demoted', async () => {
    signedInAs('admin');
    usersServer();
    server.use(
      http.patch(api('/api/users/:id'), () =>
        problemResponse(
          problemFixture(409, 'Conflict', {
            detail: 'This is the last active administrator. Make someone else an administrator first.',
          }),
        ),
      ),
    );
    const { user } = renderApp('/users/4');
    await screen.findByRole('heading', { level: 1, name: 'Jo Admin' });
    await user.click(screen.getByRole('radio', { name: /Viewer/ }));
    await user.click(screen.getByRole('button', { name: 'Save role and pre-release list' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(/last active administrator/);
    await waitFor(() => expect(summary).toHaveFocus());
  });

  it('checks and resets a local password', async () => {
    signedInAs('admin');
    const requests = usersServer();
    const { user } = renderApp('/users/7');
    await screen.findByRole('heading', { level: 1, name: 'Cllr Pat Jones' });
    await user.type(screen.getByLabelText('New password'), 'cllr.jones rocks');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(screen.getByRole('alert')).toHaveTextContent(/must not contain the username/);
    expect(requests).toEqual([]);

    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/has a new password/)).toBeInTheDocument();
    expect(requests).toEqual([
      { method: 'POST', url: '/api/users/7/password', body: { password: 'a brand new passphrase' } },
    ]);
  });

  it('offers no password reset for a single sign-on account, and offers to enable a disabled one', async () => {
    signedInAs('admin');
    usersServer();
    renderApp('/users/9');
    await screen.findByRole('heading', { level: 1, name: 'Sam Single' });
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
    expect(screen.getByText(/signs in through single sign-on/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enable account' })).toBeInTheDocument();
  });
});
