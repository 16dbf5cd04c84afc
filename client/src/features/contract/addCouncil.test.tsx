import type { OnboardedCouncil, OnboardingCandidates } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { api, problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

const CANDIDATES: OnboardingCandidates = {
  localAuthorities: [
    { code: 'E08000027', name: 'Dudley', oldLaCode: '332', regionName: 'West Midlands' },
    { code: 'E08000030', name: 'Walsall', oldLaCode: '335', regionName: 'West Midlands' },
  ],
  snModels: [
    { code: 'dfe-2025', name: 'DfE statistical neighbours (May 2025)', publishedOn: '2025-05-01' },
    { code: 'dfe-2021', name: 'DfE statistical neighbours (April 2021)', publishedOn: '2021-04-01' },
  ],
  currentSnModelCode: 'dfe-2021',
  templates: [
    {
      areaCode: 'E08000028',
      name: 'Sandwell',
      indicatorCount: 15,
      kpiSets: [
        { code: 'C2024', name: 'Contract 2024', effectiveFrom: '2024-04-01', effectiveTo: null, memberCount: 15 },
      ],
    },
  ],
};

const DUDLEY: OnboardedCouncil = {
  organisation: {
    name: 'Dudley',
    areaCode: 'E08000027',
    oldLaCode: '332',
    regionName: 'West Midlands',
    providerName: null,
    snModelCode: 'dfe-2021',
    snModelName: 'DfE statistical neighbours (April 2021)',
  },
  template: {
    areaCode: 'E08000028',
    name: 'Sandwell',
    indicators: 15,
    kpiSets: [{ code: 'C2024', name: 'Contract 2024' }],
    kpiSetMembers: 15,
    thresholdVersions: 15,
    gracePeriods: 0,
  },
  role: 'admin',
};

function onboardingServer(answer: () => Response = () => HttpResponse.json(DUDLEY, { status: 201 })) {
  const sent: unknown[] = [];
  server.use(
    http.get(api('/api/organisations/candidates'), () => HttpResponse.json(CANDIDATES)),
    http.post(api('/api/organisations'), async ({ request }) => {
      sent.push(await request.json());
      return answer();
    }),
  );
  return sent;
}

describe('adding a council', () => {
  it('is linked from set-up for the deployment’s administrator only, and refused to anyone but an administrator', async () => {
    signedInAs('admin');
    const setupAnswer = (mayAddCouncils: boolean) =>
      http.get(api('/api/setup'), () =>
        HttpResponse.json({
          organisation: {
            name: 'Sandwell',
            areaCode: 'E08000028',
            oldLaCode: '333',
            regionName: 'West Midlands',
            providerName: null,
            snModelName: null,
          },
          reference: { areas: 160, snModels: 2, populations: 2000 },
          localAuthorities: [],
          snModels: [],
          mayAddCouncils,
        }),
      );
    server.use(setupAnswer(true));
    const { unmount } = renderApp('/setup');
    expect(await screen.findByRole('link', { name: 'Add a council' }, { timeout: 5000 })).toHaveAttribute(
      'href',
      '/setup/councils/new',
    );
    unmount();

    // A council's own administrator, where the deployment serves others too: the link would only lead to a refusal.
    server.use(setupAnswer(false));
    const second = renderApp('/setup');
    await screen.findByRole('heading', { level: 1, name: /set/i }, { timeout: 5000 });
    expect(await screen.findByText(/160 areas/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add a council' })).toBeNull();
    second.unmount();

    signedInAs('commissioner');
    renderApp('/setup/councils/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
  });

  it('adds Dudley from Sandwell’s KPI set and says what was created, with a link to it', async () => {
    signedInAs('admin');
    const sent = onboardingServer();
    const { user } = renderApp('/setup/councils/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a council' });

    expect(screen.getByLabelText('Statistical-neighbour model')).toHaveValue('dfe-2021');
    expect(screen.getByLabelText('Start from the KPI set of')).toHaveValue('');
    expect(screen.getByRole('option', { name: 'Nothing: start empty' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Council'), 'Dudley (332), West Midlands');
    await user.selectOptions(
      screen.getByLabelText('Start from the KPI set of'),
      'Sandwell: 15 KPIs; set Contract 2024 (15 KPIs)',
    );
    await user.click(screen.getByRole('button', { name: 'Add the council' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Council added' });
    expect(heading).toHaveFocus();
    expect(
      screen.getByText(
        'Dudley added, with 15 KPIs copied from Sandwell’s Contract 2024 set. You are its administrator.',
      ),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'Open Dudley' })).toHaveAttribute('href', '/?organisation=E08000027');
    expect(sent).toEqual([
      { areaCode: 'E08000027', snModelCode: 'dfe-2021', providerName: null, templateFrom: 'E08000028' },
    ]);
  });

  it('asks for a council before sending anything, and shows the server’s refusal in words', async () => {
    signedInAs('admin');
    const sent = onboardingServer(() =>
      problemResponse(
        problemFixture(409, 'Conflict', { detail: 'Dudley is already onboarded.', code: 'already_onboarded' }),
      ),
    );
    const { user } = renderApp('/setup/councils/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a council' });
    await user.click(screen.getByRole('button', { name: 'Add the council' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose the council' })).toHaveAttribute('href', '#areaCode');
    expect(screen.getByLabelText('Council')).toHaveAccessibleDescription(/Error: Choose the council/);
    expect(sent).toEqual([]);

    await user.selectOptions(screen.getByLabelText('Council'), 'Dudley (332), West Midlands');
    await user.click(screen.getByRole('button', { name: 'Add the council' }));
    expect(await screen.findByText('Dudley is already onboarded.')).toBeVisible();
    expect(sent).toHaveLength(1);
  });
});
