import type { UserSummary } from '@kpi/shared';
import { screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

const PAT: UserSummary = {
  id: 7,
  username: 'pat.jones',
  displayName: 'Pat Jones',
  role: 'analyst',
  signInMethod: 'local',
  preRelease: false,
  disabledAt: null,
  lastSignInAt: null,
  createdAt: '2025-01-06T09:00:00.000Z',
};

function membershipsServer(answer: () => Response) {
  const sent: unknown[] = [];
  server.use(
    http.get(api('/api/users'), () => HttpResponse.json({ users: [] })),
    http.post(api('/api/users/memberships'), async ({ request }) => {
      sent.push(await request.json());
      return answer();
    }),
  );
  return sent;
}

describe('adding someone from another council', () => {
  it('is linked from the users list, and gives the person a role here', async () => {
    signedInAs('admin');
    const sent = membershipsServer(() => HttpResponse.json(PAT, { status: 201 }));
    const { user } = renderApp('/users');
    await user.click(await screen.findByRole('link', { name: 'Add someone from another council' }, { timeout: 5000 }));
    await screen.findByRole('heading', { level: 1, name: 'Add someone from another council' });
    await user.type(screen.getByLabelText('Their username'), 'pat.jones');
    await user.click(screen.getByRole('radio', { name: /Analyst/ }));
    await user.click(screen.getByRole('button', { name: 'Add them to this council' }));
    expect(await screen.findByText('Pat Jones now has a role here too, and signs in as before.')).toBeVisible();
    expect(sent).toEqual([{ username: 'pat.jones', role: 'analyst', preRelease: false }]);
  });

  it('asks for a username before sending anything, and shows the server’s answer in words', async () => {
    signedInAs('admin');
    const sent = membershipsServer(() =>
      problemResponse(
        problemFixture(404, 'Not found', {
          detail:
            'No one in a council you administer has that username. Check it, or add them as a new user if they have no account.',
        }),
      ),
    );
    const { user } = renderApp('/users/existing');
    await screen.findByRole('heading', { level: 1, name: 'Add someone from another council' }, { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'Add them to this council' }));
    expect(screen.getByLabelText('Their username')).toHaveAccessibleDescription(/Error: Enter a username/);
    expect(sent).toEqual([]);

    await user.type(screen.getByLabelText('Their username'), 'someone.else');
    await user.click(screen.getByRole('button', { name: 'Add them to this council' }));
    expect(await screen.findByText(/No one in a council you administer has that username/)).toBeVisible();
    expect(sent).toHaveLength(1);
  });

  it('is refused to anyone but an administrator', async () => {
    signedInAs('commissioner');
    renderApp('/users/existing');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
  });
});
