import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { februaryScorecardFixture, noKpiSetScorecardFixture, scorecardFixture } from '../../testing/scorecardFixtures';
import { recordRequests, signedInAs } from '../../testing/session';

function kpi(code: string) {
  return screen.getByRole('article', { name: new RegExp(`^${code} `) });
}

/** The KPIs shown, in order: rows of the compact table (the default view) or cards of the detail view. */
function shownCodes() {
  const rows = [...document.querySelectorAll('tr[data-kpi]')];
  if (rows.length > 0) return rows.map((row) => row.getAttribute('data-kpi'));
  return screen.getAllByRole('article').map((article) => article.getAttribute('aria-labelledby')?.split('-')[1]);
}

/** The detail view: a card per KPI. */
const CARDS = '/scorecard?view=cards';

async function openScorecard(path = '/scorecard') {
  signedInAs('viewer');
  const app = renderApp(path);
  // The first render loads the route's code: give it longer than a later one needs.
  await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' }, { timeout: 10_000 });
  return app;
}

describe('scorecard, detail view and shared controls', () => {
  it('lists every KPI by theme, with its rating in words', async () => {
    await openScorecard(CARDS);

    const themes = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(themes).toEqual([
      'Important: some figures are illustrative',
      'Summary',
      expect.stringMatching(/^Front door/),
      expect.stringMatching(/^Child protection/),
      expect.stringMatching(/^Children in care/),
      expect.stringMatching(/^Workforce/),
      expect.stringMatching(/^Other/),
      'Monitored indicators',
    ]);
    const frontDoor = screen.getByRole('region', { name: /^Front door/ });
    expect(within(frontDoor).getAllByRole('article')).toHaveLength(3);
    expect(within(kpi('PI4')).getAllByText('Red')[0]).toBeVisible();
    expect(within(kpi('PI1')).getAllByText('Green')[0]).toBeVisible();
    expect(within(kpi('PI5')).getAllByText('Amber')[0]).toBeVisible();
    expect(within(kpi('PI9')).getAllByText('No data')[0]).toBeVisible();
    expect(document.title).toBe("Scorecard for March 2021 – Children's services KPI dashboard");
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('is linked prominently from the home page and the navigation', async () => {
    signedInAs('viewer');
    const { user, pathname } = renderApp('/');

    await user.click(await screen.findByRole('link', { name: 'View the KPI scorecard' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' })).toBeVisible();
    expect(pathname()).toBe('/scorecard');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Scorecard' })).toHaveAttribute('aria-current', 'page');
  });

  it('gives the month, financial year and summary counts', async () => {
    await openScorecard();

    expect(screen.getByText(/March 2021, financial year 2020\/21\./)).toBeVisible();
    const summary = screen.getByRole('region', { name: 'Summary' });
    const counts = within(summary)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(counts).toEqual([
      expect.stringMatching(/^3Red/),
      expect.stringMatching(/^2Amber/),
      expect.stringMatching(/^4Green/),
      expect.stringMatching(/^1No data/),
      expect.stringMatching(/^1Persistent failure/),
    ]);
  });

  it('shows value against target, direction of travel, comparators and commentary for a KPI', async () => {
    await openScorecard(CARDS);

    const pi4 = kpi('PI4');
    expect(within(pi4).getByText(/— target more than 85%/)).toHaveTextContent('72.4% — target more than 85%');
    expect(within(pi4).getByText('Compared with February 2021').nextElementSibling).toHaveTextContent(
      'Improving (was 70.8%)',
    );
    expect(within(pi4).getByText('Compared with March 2020').nextElementSibling).toHaveTextContent(
      'Worsening (was 87.1%)',
    );
    expect(within(pi4).getByText('Statistical neighbours (DfE model April 2021)').nextElementSibling).toHaveTextContent(
      '83.9% (2020/21)',
    );
    // The suppressed West Midlands figure is shown as its symbol, explained, never as zero.
    const region = within(pi4).getByText('West Midlands').nextElementSibling as HTMLElement;
    expect(region).toHaveTextContent('x (2020/21)');
    expect(region).toHaveTextContent('Not available');
    expect(within(pi4).getByText(/Trust commentary, March 2021/)).toBeVisible();
    expect(within(pi4).getByText(/Additional social workers joined the teams in February/)).toBeVisible();
    expect(within(pi4).getByRole('link', { name: /PI4 Single Assessments/ })).toHaveAttribute(
      'href',
      '/indicators/PI4?to=2021-03',
    );
  });

  it('says how long a red KPI has been red and marks a persistent failure', async () => {
    await openScorecard(CARDS);

    const pi4 = kpi('PI4');
    expect(within(pi4).getByText('Red for 4 months')).toBeVisible();
    expect(within(pi4).getByText('Persistent failure')).toBeVisible();
    expect(within(pi4).getByText(/since December 2020/)).toBeVisible();
    // Red, but not yet long enough to be persistent.
    expect(within(kpi('PI15')).getByText('Red for 2 months')).toBeVisible();
    expect(within(kpi('PI15')).queryByText('Persistent failure')).not.toBeInTheDocument();
    // A missing month is said, not hidden.
    expect(within(kpi('PI9')).getByText(/No figure for March 2021/)).toBeVisible();
    expect(within(kpi('PI9')).getByText(/1 month with no figure/)).toBeVisible();
  });

  it('marks months under the relief event as carrying no consequence, with the reason', async () => {
    await openScorecard(CARDS);

    const pi6 = kpi('PI6');
    expect(within(pi6).getByText('No consequence')).toBeVisible();
    expect(within(pi6).getByText(/covered by the relief event "COVID-19 relief event"/)).toBeVisible();
    expect(within(kpi('PI4')).queryByText('No consequence')).not.toBeInTheDocument();
  });

  it('tags illustrative KPIs and explains them in a banner', async () => {
    await openScorecard(CARDS);

    expect(screen.getByRole('region', { name: 'Important: some figures are illustrative' })).toHaveTextContent(
      '8 of the 10 KPIs on this scorecard include illustrative figures.',
    );
    expect(within(kpi('PI1')).getByText('Illustrative data')).toBeVisible();
    expect(within(kpi('PI4')).getByText('Illustrative data')).toBeVisible();
    expect(within(kpi('PI5')).queryByText('Illustrative data')).not.toBeInTheDocument();
    expect(within(kpi('PI14')).queryByText('Illustrative data')).not.toBeInTheDocument();
  });

  it('gives the 13-month trend in figures as well as the sparkline', async () => {
    const { user } = await openScorecard(CARDS);

    const pi4 = kpi('PI4');
    expect(pi4.querySelector('svg.sparkline')).toHaveAttribute('aria-hidden', 'true');
    await user.click(within(pi4).getByText('Figures for the last 13 months'));
    const rows = within(pi4).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(13);
    expect(rows[0]).toHaveTextContent('Mar 202087.1%Green');
    expect(rows[12]).toHaveTextContent('Mar 202172.4%Red');
  });

  it('filters to red KPIs, keeping the choice in the address', async () => {
    const { user, searchParams, goBack } = await openScorecard();
    expect(shownCodes()).toHaveLength(10);

    await user.click(screen.getByRole('radio', { name: 'Red only (3)' }));

    expect(shownCodes()).toEqual(['PI4', 'PI6', 'PI15']);
    expect(screen.queryByRole('article', { name: /^PI1 / })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /^Children in care/ })).not.toBeInTheDocument();
    expect(searchParams().get('status')).toBe('red');
    expect(screen.getByRole('status')).toHaveTextContent('Showing 3 of 10 KPIs (red KPIs only).');

    await user.click(screen.getByRole('radio', { name: 'Red and amber (5)' }));
    expect(shownCodes()).toEqual(['PI4', 'PI5', 'PI6', 'PI13', 'PI15']);
    expect(searchParams().get('status')).toBe('red-amber');

    // Back undoes the last choice.
    goBack();
    expect(shownCodes()).toEqual(['PI4', 'PI6', 'PI15']);
    expect(screen.getByRole('radio', { name: 'Red only (3)' })).toBeChecked();
  });

  it('requests the month chosen and shows it', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/scorecard', (url) =>
      HttpResponse.json(url.searchParams.get('month') === '2021-02' ? februaryScorecardFixture : scorecardFixture),
    );
    const { user, searchParams } = renderApp('/scorecard');
    await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' });
    expect(requests[0]?.has('month')).toBe(false);

    await user.selectOptions(screen.getByLabelText('Month'), 'February 2021 — Service Delivery Contract KPIs (2018)');
    await user.click(screen.getByRole('button', { name: 'Show month' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Scorecard for February 2021' })).toBeVisible();
    expect(requests.at(-1)?.get('month')).toBe('2021-02');
    expect(searchParams().get('month')).toBe('2021-02');
    expect(screen.getByLabelText('Month')).toHaveValue('2021-02');
  });

  it('steps to the previous month by a link', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/scorecard', (url) =>
      HttpResponse.json(url.searchParams.get('month') === '2021-02' ? februaryScorecardFixture : scorecardFixture),
    );
    const { user } = renderApp('/scorecard?month=2021-03&status=red');
    await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' });

    const previous = screen.getByRole('link', { name: /Previous month: February 2021/ });
    expect(previous).toHaveAttribute('href', '/scorecard?month=2021-02&status=red');
    await user.click(previous);
    expect(await screen.findByRole('heading', { level: 1, name: 'Scorecard for February 2021' })).toBeVisible();
    expect(requests.at(-1)?.get('month')).toBe('2021-02');
    expect(screen.getByRole('radio', { name: 'Red only (3)' })).toBeChecked();
  });

  it('opens the view a link describes', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/scorecard', () => HttpResponse.json(februaryScorecardFixture));
    renderApp('/scorecard?month=2021-02&status=red-amber');

    expect(await screen.findByRole('heading', { level: 1, name: 'Scorecard for February 2021' })).toBeVisible();
    expect(requests[0]?.get('month')).toBe('2021-02');
    expect(screen.getByRole('radio', { name: 'Red and amber (5)' })).toBeChecked();
    expect(shownCodes()).toEqual(['PI4', 'PI5', 'PI6', 'PI13', 'PI15']);
  });

  it('ignores a month it cannot read, and says so', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/scorecard', () => HttpResponse.json(scorecardFixture));
    renderApp('/scorecard?month=March');

    expect(await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' })).toBeVisible();
    expect(requests[0]?.has('month')).toBe(false);
    expect(screen.getByText(/does not recognise/)).toBeVisible();
  });

  it('says when no KPI is red', async () => {
    signedInAs('viewer');
    recordRequests('/api/scorecard', () =>
      HttpResponse.json({
        ...scorecardFixture,
        items: scorecardFixture.items.filter((item) => item.current.status !== 'red'),
        counts: { ...scorecardFixture.counts, red: 0 },
      }),
    );
    renderApp('/scorecard?status=red');

    expect(await screen.findByRole('heading', { name: 'No red KPIs in March 2021' })).toBeVisible();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });

  it("says once, below a KPI's comparators, a note every one of them carries", async () => {
    signedInAs('viewer');
    const differs = "Not compared: this KPI's definition differs from DfE's (agency staff counted differently).";
    recordRequests('/api/scorecard', () =>
      HttpResponse.json({
        ...scorecardFixture,
        items: scorecardFixture.items.map((item) =>
          item.code === 'PI4'
            ? {
                ...item,
                comparators: item.comparators.map((c, i) => ({
                  ...c,
                  notes: i === 0 ? [differs, 'Average of 9 of 10 neighbours: one suppressed.'] : [differs],
                })),
              }
            : item,
        ),
      }),
    );
    renderApp(CARDS);

    const card = await screen.findByRole('article', { name: /^PI4 / }, { timeout: 10_000 });
    expect(within(card).getAllByText(differs)).toHaveLength(1);
    // A note only one comparator carries stays with it.
    expect(within(card).getByText('Average of 9 of 10 neighbours: one suppressed.').closest('dd')).not.toBeNull();
  });

  it('says when no KPI set was in force in the month', async () => {
    signedInAs('viewer');
    recordRequests('/api/scorecard', () => HttpResponse.json(noKpiSetScorecardFixture));
    renderApp('/scorecard?month=2019-04');

    expect(await screen.findByText(/^No contract KPI set was in force in April 2019/)).toBeVisible();
    expect(screen.queryByRole('heading', { name: /No KPIs to show/ })).toBeNull();
    // The monitored indicators are still there, with their comparators in words.
    const monitored = screen.getByRole('region', { name: 'Monitored indicators' });
    expect(within(monitored).getByRole('link', { name: /S47-RATE-12M/ })).toBeVisible();
    expect(within(monitored).getAllByText('Below')[0]).toBeVisible();
    expect(
      within(monitored).getByText(/below statistical neighbours, as well as the West Midlands and England/),
    ).toBeVisible();
  });

  it('says in the month picker which set each month falls under', async () => {
    await openScorecard();
    expect(
      screen.getByRole('option', { name: 'March 2021 — Service Delivery Contract KPIs (2018)' }),
    ).toBeInTheDocument();
    // The compact view keeps to one screen: the sets are named in each option, not in a summary line.
    expect(screen.queryByText('Service Delivery Contract KPIs (2018): April 2019 to September 2021.')).toBeNull();
  });

  it('summarises the months each set covers in the detail view', async () => {
    await openScorecard(CARDS);
    expect(screen.getByText('Service Delivery Contract KPIs (2018): April 2019 to September 2021.')).toBeVisible();
  });

  it('says when there is no data at all, without an error', async () => {
    signedInAs('viewer');
    recordRequests('/api/scorecard', () =>
      problemResponse(problemFixture(404, 'Not Found', { detail: 'There is no KPI data yet.' })),
    );
    renderApp('/scorecard');

    expect(await screen.findByRole('heading', { name: 'There are no KPI figures yet' })).toBeVisible();
    expect(screen.getByText('There is no KPI data yet.')).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  // Found walking the councillor's journey: a link to a month not yet published opened a red
  // "Forbidden" panel with a support reference and a "Try again" that could never succeed.
  it('says a month is not published yet, with the way to the latest published one, not an error', async () => {
    signedInAs('viewer');
    const detail =
      'The figures for August 2025 are not published yet. Unpublished until the meeting on 15 September 2025.';
    recordRequests('/api/scorecard', () =>
      problemResponse(problemFixture(403, 'Forbidden', { detail, requestId: 'req-403' })),
    );
    renderApp('/scorecard?month=2025-08');

    expect(await screen.findByRole('heading', { name: 'August 2025 is not published yet' })).toBeVisible();
    expect(screen.getByText(detail)).toBeVisible();
    expect(screen.getByRole('link', { name: 'The latest published scorecard' })).toHaveAttribute('href', '/scorecard');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.queryByText(/Forbidden/)).not.toBeInTheDocument();
  });

  it("shows a new council's empty scorecard (a 200 with a note) as an empty state, with no month and no error", async () => {
    signedInAs('viewer');
    recordRequests('/api/scorecard', () =>
      HttpResponse.json({
        ...noKpiSetScorecardFixture,
        month: '2026-12',
        availableMonths: null,
        periods: [],
        noSetNote: null,
        items: [],
        monitored: [],
        counts: { green: 0, amber: 0, red: 0, no_data: 0 },
        noFiguresNote: 'There are no published KPI figures yet. The KPI set X is ready.',
      }),
    );
    renderApp('/scorecard');

    expect(await screen.findByRole('heading', { name: 'There are no KPI figures yet' })).toBeVisible();
    expect(screen.getByText('There are no published KPI figures yet. The KPI set X is ready.')).toBeVisible();
    expect(screen.getByRole('heading', { level: 1, name: 'Scorecard' })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains a failure with the request id, and tries again', async () => {
    signedInAs('viewer');
    let calls = 0;
    recordRequests('/api/scorecard', () => {
      calls += 1;
      return calls === 1
        ? problemResponse(problemFixture(500, 'Internal Server Error', { requestId: 'req-scorecard-500' }))
        : HttpResponse.json(scorecardFixture);
    });
    const { user } = renderApp('/scorecard');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Sorry, there is a problem with the service' })).toBeVisible();
    expect(alert).toHaveTextContent('req-scorecard-500');
    expect(document.title).toMatch(/^Error: Scorecard/);

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' })).toBeVisible();
  });

  it('announces that the scorecard is loading', async () => {
    signedInAs('viewer');
    renderApp('/scorecard');

    expect(await screen.findByText('Loading the scorecard…')).toHaveAttribute('role', 'status');
    expect(await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' })).toBeVisible();
  });
});
