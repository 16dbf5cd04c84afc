import type { MeResponse } from '@kpi/shared';
import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { chooseOrganisation } from '../lib/organisationInView';
import { meFixture, overviewFixture } from '../testing/fixtures';
import { api } from '../testing/http';
import { renderApp } from '../testing/renderApp';
import { server } from '../testing/server';

const SANDWELL = 'E08000028';
const DUDLEY = 'E08000027';

/** A person who is a viewer in Sandwell and a commissioner in Dudley, as the server answers for the organisation asked about. */
function meIn(asked: string | null): MeResponse {
  const base = meFixture('viewer');
  const inDudley = asked === DUDLEY;
  return {
    user: {
      ...base.user,
      role: inDudley ? 'commissioner' : 'viewer',
      organisations: [
        { areaCode: SANDWELL, name: 'Sandwell', role: 'viewer' },
        { areaCode: DUDLEY, name: 'Dudley', role: 'commissioner' },
      ],
      organisationInView: inDudley ? DUDLEY : SANDWELL,
    },
    organisation: inDudley ? { name: 'Dudley', laCode: DUDLEY } : { name: 'Sandwell', laCode: SANDWELL },
  };
}

describe('the organisation in view', () => {
  afterEach(() => chooseOrganisation(null));

  it('shows a person in several organisations a labelled select, and switching keeps the page and reloads its data', async () => {
    const overviewAsked: (string | null)[] = [];
    server.use(
      http.get(api('/api/auth/me'), ({ request }) => HttpResponse.json(meIn(request.headers.get('x-organisation')))),
      http.get(api('/api/overview'), ({ request }) => {
        overviewAsked.push(request.headers.get('x-organisation'));
        return HttpResponse.json(overviewFixture);
      }),
    );
    const view = renderApp('/');
    const select = await screen.findByRole('combobox', { name: 'Organisation in view' });
    expect(select).toHaveValue(SANDWELL);
    await waitFor(() => expect(overviewAsked).toEqual([null]));

    await view.user.selectOptions(select, 'Dudley');

    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Organisation in view' })).toHaveValue(DUDLEY));
    expect(view.pathname()).toBe('/');
    expect(view.searchParams().get('organisation')).toBe(DUDLEY);
    await waitFor(() => expect(overviewAsked).toEqual([null, DUDLEY]));
    // The role there: a commissioner in Dudley sees the contract.
    expect(await screen.findByRole('link', { name: 'Contract' })).toBeVisible();
  });

  it('keeps the organisation on in-app links written without it', async () => {
    chooseOrganisation(DUDLEY);
    server.use(
      http.get(api('/api/auth/me'), ({ request }) => HttpResponse.json(meIn(request.headers.get('x-organisation')))),
    );
    const view = renderApp(`/?organisation=${DUDLEY}`);
    await view.user.click(await screen.findByRole('link', { name: 'Indicators' }));
    await waitFor(() => expect(view.pathname()).toBe('/indicators'));
    await waitFor(() => expect(view.searchParams().get('organisation')).toBe(DUDLEY));
  });

  it('names the one organisation of a person in one, without a select', async () => {
    server.use(http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture('viewer'))));
    renderApp('/');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByRole('banner')).toHaveTextContent('Sandwell');
    expect(screen.queryByRole('combobox', { name: 'Organisation in view' })).toBeNull();
  });
});
