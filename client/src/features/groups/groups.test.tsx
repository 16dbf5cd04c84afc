import type { CouncilGroupsResponse } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

const SANDWELL = { areaCode: 'E08000028', name: 'Sandwell', regionalPreRelease: false, administered: true };
const DUDLEY = { areaCode: 'E08000027', name: 'Dudley', regionalPreRelease: true, administered: true };
const LEEDS = { areaCode: 'E08000035', name: 'Leeds', regionalPreRelease: false, administered: false };

const GROUPS: CouncilGroupsResponse = {
  groups: [
    {
      id: 1,
      name: 'Black Country',
      regionCode: null,
      councils: [DUDLEY, LEEDS, SANDWELL],
      people: [{ userId: 7, username: 'analyst.bc', role: 'regional_analyst' }],
    },
    { id: 2, name: 'West Midlands', regionCode: 'E12000005', councils: [DUDLEY, SANDWELL], people: [] },
  ],
  servedCouncils: [DUDLEY, LEEDS, SANDWELL],
  regions: [
    { code: 'E12000004', name: 'East Midlands' },
    { code: 'E12000005', name: 'West Midlands' },
  ],
};

type Sent = { method: string; url: string; organisation: string | null; body: unknown };

/** Answers the listing, and records every change sent with `answer`'s reply. */
function groupsServer(answer: () => Response = () => new HttpResponse(null, { status: 204 })) {
  const sent: Sent[] = [];
  const record = async ({ request }: { request: Request }) => {
    const text = await request.text();
    sent.push({
      method: request.method,
      url: new URL(request.url).pathname,
      organisation: request.headers.get('x-organisation'),
      body: text ? JSON.parse(text) : null,
    });
    return answer();
  };
  server.use(
    http.get(api('/api/groups'), () => HttpResponse.json(GROUPS)),
    http.delete(api('/api/groups/:id/councils/:areaCode'), record),
    http.delete(api('/api/groups/:id/people/:userId'), record),
    http.put(api('/api/organisation/regional-pre-release'), record),
    http.post(api('/api/groups'), record),
  );
  return sent;
}

describe('groups of councils', () => {
  beforeEach(() => signedInAs('admin'));

  it('offers to remove only the councils the administrator administers, from custom groups only', async () => {
    groupsServer();
    renderApp('/groups');
    const table = await screen.findByRole('table', { name: 'Groups' });
    const custom = within(table).getByRole('row', { name: /Black Country/ });
    expect(within(custom).getByRole('button', { name: 'Remove Dudley from Black Country' })).toBeInTheDocument();
    expect(within(custom).getByRole('button', { name: 'Remove Sandwell from Black Country' })).toBeInTheDocument();
    expect(within(custom).queryByRole('button', { name: /Remove Leeds/ })).toBeNull();
    const region = within(table).getByRole('row', { name: /West Midlands/ });
    expect(within(region).queryByRole('button', { name: /^Remove/ })).toBeNull();
  });

  it('asks before removing a council, can be cancelled, then removes it and says so', async () => {
    const sent = groupsServer();
    const { user } = renderApp('/groups');
    const remove = await screen.findByRole('button', { name: 'Remove Dudley from Black Country' });
    await user.click(remove);
    const question = screen.getByRole('heading', { name: 'Remove Dudley from Black Country?' });
    expect(question).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('heading', { name: /Remove Dudley/ })).toBeNull();
    await vi.waitFor(() => expect(remove).toHaveFocus());
    expect(sent).toEqual([]);

    await user.click(remove);
    await user.click(screen.getByRole('button', { name: 'Yes, remove Dudley' }));
    const message = await screen.findByText('Dudley is no longer in Black Country.');
    expect(sent).toEqual([
      { method: 'DELETE', url: '/api/groups/1/councils/E08000027', organisation: null, body: null },
    ]);
    await vi.waitFor(() => expect(message.closest('.notification')).toHaveFocus());
    expect(screen.queryByRole('heading', { name: /Remove Dudley/ })).toBeNull();
  });

  it("shows the server's refusal in the error summary, focused", async () => {
    groupsServer(() =>
      problemResponse(
        problemFixture(403, 'Forbidden', {
          detail: 'Only an administrator of that council may remove it from a group.',
        }),
      ),
    );
    const { user } = renderApp('/groups');
    await user.click(await screen.findByRole('button', { name: 'Remove Sandwell from Black Country' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove Sandwell' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByText('Only an administrator of that council may remove it from a group.'),
    ).toBeVisible();
    await vi.waitFor(() => expect(summary).toHaveFocus());
    expect(screen.queryByText(/is no longer in/)).toBeNull();
  });

  it('asks before revoking the regional role', async () => {
    const sent = groupsServer();
    const { user } = renderApp('/groups');
    await user.click(await screen.findByRole('button', { name: 'Revoke analyst.bc in Black Country' }));
    await user.click(screen.getByRole('button', { name: 'Yes, revoke analyst.bc’s role' }));
    await screen.findByText('analyst.bc no longer has the regional role in Black Country.');
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual(['DELETE /api/groups/1/people/7']);
  });

  it("says in words what each administered council's regional pre-release setting is, and flips it for that council", async () => {
    const sent = groupsServer();
    const { user } = renderApp('/groups');
    const section = await screen.findByRole('region', { name: 'Regional pre-release viewing' });
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^Dudley.*Allowed: people with the regional role also see months not yet published/),
      expect.stringMatching(/^Sandwell.*Not allowed: people with the regional role see published months only/),
    ]);
    await user.click(within(section).getByRole('button', { name: 'Allow regional pre-release viewing of Sandwell' }));
    const message = await screen.findByText(
      'People with the regional role may now see Sandwell’s months before they are published.',
    );
    await vi.waitFor(() => expect(message.closest('.notification')).toHaveFocus());
    await user.click(within(section).getByRole('button', { name: 'Stop regional pre-release viewing of Dudley' }));
    await screen.findByText('People with the regional role now see Dudley’s months only once they are published.');
    expect(sent).toEqual([
      {
        method: 'PUT',
        url: '/api/organisation/regional-pre-release',
        organisation: SANDWELL.areaCode,
        body: { allow: true },
      },
      {
        method: 'PUT',
        url: '/api/organisation/regional-pre-release',
        organisation: DUDLEY.areaCode,
        body: { allow: false },
      },
    ]);
  });

  it("makes a region's group from the list of regions, and shows the server's field error beside the select", async () => {
    const sent = groupsServer(() =>
      problemResponse(
        problemFixture(400, 'Bad request', {
          detail: 'Choose one of the nine English regions.',
          errors: [{ path: 'body.regionCode', message: 'Choose one of the nine English regions.' }],
        }),
      ),
    );
    const { user } = renderApp('/groups');
    const region = await screen.findByRole('combobox', { name: 'Region' });
    expect(
      within(region)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['None: a custom group', 'East Midlands', 'West Midlands']);
    await user.click(screen.getByRole('button', { name: 'Make the group' }));
    expect(await screen.findByRole('link', { name: 'Name the group' })).toBeVisible();
    expect(sent).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'West Midlands');
    await user.selectOptions(region, 'E12000005');
    await user.click(screen.getByRole('button', { name: 'Make the group' }));
    await screen.findByRole('link', { name: 'Choose one of the nine English regions.' });
    expect(sent.map((s) => s.body)).toEqual([{ name: 'West Midlands', regionCode: 'E12000005' }]);
    expect(region).toHaveAttribute('aria-invalid', 'true');
  });
});
