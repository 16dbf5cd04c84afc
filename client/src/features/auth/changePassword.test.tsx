import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

describe('changing your own password', () => {
  it('is linked from the header for every role', async () => {
    signedInAs('viewer');
    const { user, pathname } = renderApp('/');
    // the first render also loads the route's code: on a busy machine that passes the 1 s default
    await user.click(await screen.findByRole('link', { name: 'Change your password' }, { timeout: 8000 }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Change your password' }, { timeout: 8000 }),
    ).toBeInTheDocument();
    expect(pathname()).toBe('/account/password');
  });

  it('checks the new password with the shared policy and the confirmation before sending', async () => {
    signedInAs('viewer');
    const sent: unknown[] = [];
    server.use(
      http.post(api('/api/auth/password'), async ({ request }) => {
        sent.push(await request.json());
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/account/password');
    await screen.findByRole('heading', { level: 1, name: 'Change your password' }, { timeout: 8000 });
    await user.type(screen.getByLabelText('Current password'), 'old one');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: /at least 8 characters/ })).toHaveAttribute(
      'href',
      '#newPassword',
    );

    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'lantern kettle river');
    await user.type(screen.getByLabelText('Type the new password again'), 'lantern kettle rivers');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The new passwords do not match');
    expect(sent).toEqual([]);

    await user.clear(screen.getByLabelText('Type the new password again'));
    await user.type(screen.getByLabelText('Type the new password again'), 'lantern kettle river');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText(/signed out on every other device/)).toBeInTheDocument();
    expect(sent).toEqual([{ currentPassword: 'old one', newPassword: 'lantern kettle river' }]);
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it('asks for a new password when it is left empty, rather than quoting the length rule (issue 22)', async () => {
    signedInAs('viewer');
    const sent: unknown[] = [];
    server.use(
      http.post(api('/api/auth/password'), async ({ request }) => {
        sent.push(await request.json());
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/account/password');
    await screen.findByRole('heading', { level: 1, name: 'Change your password' }, { timeout: 8000 });
    await user.type(screen.getByLabelText('Current password'), 'old one');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter a new password' })).toHaveAttribute('href', '#newPassword');
    expect(summary).not.toHaveTextContent(/at least 8 characters/);
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/Error: Enter a new password/);

    await user.type(screen.getByLabelText('New password'), 'lantern kettle river');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(
      within(screen.getByRole('alert')).getByRole('link', { name: 'Type the new password again' }),
    ).toHaveAttribute('href', '#confirmPassword');
    expect(sent).toEqual([]);
  });

  it('puts a wrong current password next to that field', async () => {
    signedInAs('analyst');
    server.use(
      http.post(api('/api/auth/password'), () =>
        problemResponse(
          problemFixture(400, 'Bad request', {
            detail: 'Your current password is not correct.',
            errors: [{ path: 'body.currentPassword', message: 'Your current password is not correct.' }],
          }),
        ),
      ),
    );
    const { user } = renderApp('/account/password');
    await screen.findByRole('heading', { level: 1, name: 'Change your password' }, { timeout: 8000 });
    await user.type(screen.getByLabelText('Current password'), 'wrong');
    await user.type(screen.getByLabelText('New password'), 'lantern kettle river');
    await user.type(screen.getByLabelText('Type the new password again'), 'lantern kettle river');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Your current password is not correct.' })).toHaveAttribute(
      'href',
      '#currentPassword',
    );
    expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription(/Error: Your current password/);
  });
});
