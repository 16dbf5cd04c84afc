import type { SetupStatus } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

const STATUS: SetupStatus = {
  organisation: {
    name: 'Dudley',
    areaCode: 'E08000027',
    oldLaCode: '332',
    regionName: 'West Midlands',
    providerName: null,
    snModelName: null,
  },
  reference: { areas: 160, snModels: 2, populations: 2000 },
  localAuthorities: [],
  snModels: [],
  mayAddCouncils: false,
};

function settingsServer(answer: (name: string) => Response) {
  const sent: unknown[] = [];
  let current = STATUS;
  server.use(
    http.get(api('/api/setup'), () => HttpResponse.json(current)),
    http.put(api('/api/organisation/name'), async ({ request }) => {
      const body = (await request.json()) as { name: string };
      sent.push(body);
      const response = answer(body.name);
      if (response.status === 200) current = { ...STATUS, organisation: { ...STATUS.organisation!, name: body.name } };
      return response;
    }),
  );
  return sent;
}

describe('renaming the council in view', () => {
  it('renames it on the set-up screen, keeping its code', async () => {
    signedInAs('admin');
    const sent = settingsServer((name) =>
      HttpResponse.json({ ...STATUS, organisation: { ...STATUS.organisation!, name } }),
    );
    const { user } = renderApp('/setup');
    const field = await screen.findByLabelText('The council’s name', {}, { timeout: 5000 });
    expect(field).toHaveValue('Dudley');
    expect(field).toHaveAccessibleDescription(/Its code \(E08000027\)/);
    await user.clear(field);
    await user.type(field, 'Dudley Metropolitan Borough Council');
    await user.click(screen.getByRole('button', { name: 'Rename the council' }));
    expect(await screen.findByText('The council is now called Dudley Metropolitan Borough Council.')).toBeVisible();
    expect(sent).toEqual([{ name: 'Dudley Metropolitan Borough Council' }]);
  });

  it('asks for a name before sending anything, and shows another council’s name beside the field', async () => {
    signedInAs('admin');
    const sent = settingsServer(() =>
      problemResponse(
        problemFixture(409, 'Conflict', {
          detail: 'Another council in this deployment is already called Sandwell. Choose a name that tells them apart.',
          code: 'duplicate_name',
        }),
      ),
    );
    const { user } = renderApp('/setup');
    const field = await screen.findByLabelText('The council’s name', {}, { timeout: 5000 });
    await user.clear(field);
    await user.click(screen.getByRole('button', { name: 'Rename the council' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter the council’s name' })).toHaveAttribute(
      'href',
      '#councilName',
    );
    expect(sent).toEqual([]);

    await user.type(field, 'sandwell');
    await user.click(screen.getByRole('button', { name: 'Rename the council' }));
    expect(await screen.findByText(/is already called Sandwell/, { selector: '.error-message' })).toBeVisible();
    expect(field).toHaveAccessibleDescription(/Error: Another council in this deployment is already called Sandwell/);
    expect(sent).toEqual([{ name: 'sandwell' }]);
  });

  it('is not offered to anyone but an administrator', async () => {
    signedInAs('commissioner');
    renderApp('/setup');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
    expect(screen.queryByLabelText('The council’s name')).toBeNull();
  });
});
