import { ROLES } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { emptyOverviewFixture, meFixture, overviewFixture, problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { ROLE_GUIDES } from '../auth';

function signedInAs(role: (typeof ROLES)[number]) {
  server.use(http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture(role))));
}

describe('home page', () => {
  it.each(ROLES)('tells a signed-in %s what their role does', async (role) => {
    signedInAs(role);
    renderApp('/');

    const section = (await screen.findByRole('heading', { name: `Your role: ${ROLE_GUIDES[role].label}` }))
      .parentElement as HTMLElement;
    expect(within(section).getByText(ROLE_GUIDES[role].description)).toBeVisible();
    expect(within(screen.getByRole('banner')).getByText(/Signed in as/)).toHaveTextContent(
      `(${ROLE_GUIDES[role].label})`,
    );
  });

  it('shows the organisation, KPI sets and data held', async () => {
    signedInAs('viewer');
    renderApp('/');

    expect(await screen.findByText('West Midlands')).toBeVisible();
    expect(screen.getByText('E08000028 (old code 333)')).toBeVisible();
    expect(screen.getByText('Sandwell Children’s Trust')).toBeVisible();
    const kpiSet = screen.getByRole('row', { name: /Contract KPIs 2024 to 2025/ });
    expect(kpiSet).toHaveTextContent('From 1 April 2024');
    expect(kpiSet).toHaveTextContent('28');
    expect(screen.getByText('March 2025')).toBeVisible();
    expect(screen.getByRole('row', { name: /Published reports and papers/ })).toHaveTextContent('120');
    expect(screen.getByRole('row', { name: /Uploaded monthly returns/ })).toHaveTextContent('0');
    expect(screen.getByRole('row', { name: /Total/ })).toHaveTextContent('1,680');
    expect(screen.getByText(/Comparator figures held/)).toHaveTextContent('412');
  });

  it('names each neighbour model with the years its averages cover, where the years use more than one', async () => {
    signedInAs('viewer');
    const april = 'DfE children’s services statistical neighbours (April 2021 model)';
    const may = 'DfE children’s services statistical neighbours (May 2025 model)';
    server.use(
      http.get(api('/api/overview'), () =>
        HttpResponse.json({
          ...overviewFixture,
          organisation: {
            ...overviewFixture.organisation,
            statisticalNeighbourModel: april,
            statisticalNeighbourModelYears: [
              { model: april, fromYear: 2016, toYear: 2020, inForce: false },
              { model: april, fromYear: 2021, toYear: 2024, inForce: true },
              { model: may, fromYear: 2025, toYear: 2025, inForce: true },
            ],
          },
        }),
      ),
    );
    renderApp('/');

    const row = (await screen.findByText('Statistical neighbour models')).parentElement as HTMLElement;
    expect(row).toHaveTextContent(
      `${april} for years ending 2016 to 2020 (not the model in force for those years, whose averages are not held); ${april} for years ending 2021 to 2024; ${may} for years ending 2025.`,
    );
  });

  it('labels illustrative data as illustrative, in words', async () => {
    signedInAs('viewer');
    renderApp('/');

    const row = await screen.findByRole('row', { name: /Illustrative data/ });
    expect(row).toHaveTextContent('Not real data');
    expect(row).toHaveTextContent('1,560');
    expect(screen.getByText(/1,560 of 1,680 of the performance figures held are illustrative/)).toHaveTextContent(
      'not real performance data for Sandwell',
    );
  });

  it('says plainly when there is no data yet', async () => {
    signedInAs('commissioner');
    server.use(http.get(api('/api/overview'), () => HttpResponse.json(emptyOverviewFixture)));
    renderApp('/');

    expect(await screen.findByText('No performance figures have been loaded yet.')).toBeVisible();
    expect(screen.getByText('No KPI sets have been set up yet.')).toBeVisible();
    expect(screen.getByText('No comparator figures have been loaded yet.')).toBeVisible();
    expect(screen.getAllByText('Not recorded')).toHaveLength(3);
    expect(screen.queryByText(/illustrative\./)).not.toBeInTheDocument();
  });

  it('announces that the overview is loading', async () => {
    signedInAs('viewer');
    renderApp('/');

    expect(await screen.findByText('Loading the overview…')).toHaveAttribute('role', 'status');
    expect(await screen.findByRole('heading', { name: 'Organisation' })).toBeVisible();
  });

  it('shows an error with the request id when the API fails', async () => {
    signedInAs('viewer');
    server.use(
      http.get(api('/api/overview'), () =>
        problemResponse(problemFixture(500, 'Internal Server Error', { requestId: 'req-overview-500' })),
      ),
    );
    renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Sorry, there is a problem with the service' })).toBeVisible();
    expect(alert).toHaveTextContent('give them this reference: req-overview-500');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
  });

  it('tries again on request after a failure', async () => {
    signedInAs('viewer');
    server.use(
      http.get(api('/api/overview'), () => problemResponse(problemFixture(500, 'Internal Server Error')), {
        once: true,
      }),
    );
    const { user } = renderApp('/');

    await user.click(await screen.findByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { name: 'Organisation' })).toBeVisible();
  });

  it('sends the user to sign in when the session has ended', async () => {
    signedInAs('viewer');
    server.use(http.get(api('/api/overview'), () => problemResponse(problemFixture(401, 'Unauthorized'))));
    const { user } = renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect(screen.getByText(/Your session has ended/)).toBeVisible();

    // Signing in again comes back to the page the user was on.
    server.use(http.get(api('/api/overview'), () => HttpResponse.json(emptyOverviewFixture)));
    await user.type(screen.getByLabelText('Username'), 'viewer');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('No performance figures have been loaded yet.')).toBeVisible();
  });
});

describe('home page before any organisation is set up', () => {
  it('says so instead of showing an error', async () => {
    server.use(
      http.get(api('/api/auth/me'), () => HttpResponse.json(meFixture('admin', { withOrganisation: false }))),
      http.get(api('/api/overview'), () =>
        problemResponse(problemFixture(404, 'Not found', { detail: 'No organisation is configured yet.' })),
      ),
    );
    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'No organisation has been set up yet' })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(within(screen.getByRole('banner')).getByText(/Signed in as/)).toHaveTextContent('Jo Admin (Administrator)');
  });
});
