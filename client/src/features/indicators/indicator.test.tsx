import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { problemFixture } from '../../testing/fixtures';
import { problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import {
  pi4Rolling12Fixture,
  pi4SeriesFixture,
  pi4ToMarch2021Fixture,
  pi6SeriesFixture,
} from '../../testing/seriesFixtures';
import { recordRequests, signedInAs } from '../../testing/session';

const TITLE = 'PI4, monthly figures, October 2019 to September 2021';
const SUMMARY =
  'Between October 2019 and September 2021 PI4 was red in 4 months, amber in 12 and green in 7, with no rated figure in 1 month. ' +
  'The latest value, 86.4% in September 2021, is green (on target). ' +
  'It is above the statistical-neighbour average of 83.9% for 2020/21 (better) and below the England figure of 87.6% for 2020/21 (worse). ' +
  'The West Midlands figure for 2020/21 is not published (not available).';

/** A table row by the month in its header cell (cheaper than naming every row by role). */
/**
 * The chart's drawing on screen: the plain SVG until recharts' (laid out unseen beside it) is
 * whole; in jsdom, which lays nothing out, that may or may not happen before a test looks.
 */
function drawingOnScreen(figure: Element): Element {
  const drawing = figure.querySelector('svg.chart__static') ?? figure.querySelector('svg.recharts-surface');
  if (!drawing) throw new Error('no chart drawn in the figure');
  return drawing;
}

function rowFor(rows: HTMLElement[], month: string): HTMLElement {
  const row = rows.find((r) => within(r).queryByRole('rowheader')?.textContent === month);
  if (!row) throw new Error(`No row for ${month}`);
  return row;
}

async function openIndicator(path = '/indicators/PI4') {
  signedInAs('viewer');
  const app = renderApp(path);
  // The page and its charting library are a lazy chunk: the first import in a busy run can take
  // longer than findBy's default second.
  await screen.findByRole('figure', { name: /^PI4, / }, { timeout: 5_000 });
  return app;
}

describe('KPI detail page', () => {
  it('shows the chart as a figure with its title, summary, key, source and notes', async () => {
    await openIndicator();

    expect(screen.getByRole('heading', { level: 1, name: 'Single Assessments within 45 working days' })).toBeVisible();
    expect(document.title).toBe("PI4: Single Assessments within 45 working days – Children's services KPI dashboard");
    const figure = screen.getByRole('figure', { name: TITLE });
    expect(figure).toHaveAccessibleDescription(SUMMARY);
    expect(within(figure).getByText(SUMMARY)).toBeVisible();

    // The key comes before the chart and names every line by dash and marker as well as colour.
    const key = within(figure).getByRole('heading', { name: 'Key' }).parentElement as HTMLElement;
    expect(key).toHaveTextContent('Sandwell (solid line, circles)');
    expect(key).toHaveTextContent('Statistical neighbours (DfE model April 2021) (dashed line, squares)');
    expect(key).toHaveTextContent('West Midlands (dotted line, triangles)');
    expect(key).toHaveTextContent('England (dash-dot line, diamonds)');
    expect(key).toHaveTextContent('Board meeting');
    const chart = figure.querySelector('.recharts-surface') as SVGElement;
    expect(chart).toBeInTheDocument();
    expect(key.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(chart.querySelector('title')).toHaveTextContent(TITLE);

    expect(within(figure).getByText(/^Source:/).parentElement).toHaveTextContent(
      "Sandwell: the Trust's monthly performance returns, figures quoted in published council papers and illustrative figures generated to demonstrate the dashboard (not real performance data).",
    );
    expect(
      within(figure).getByText(
        /Statistical neighbours \(DfE model April 2021\): Children in need 2020 and Children in need 2021/,
      ),
    ).toBeVisible();
    const notes = within(figure)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(notes).toContain(
      '17 of the 24 monthly figures for PI4 in this period are illustrative: generated to demonstrate the dashboard, not real performance data.',
    );
    expect(notes.some((n) => n?.startsWith('“x”: Not available'))).toBe(true);
  });

  it('shades the bands in force each month, changing where the thresholds change', async () => {
    await openIndicator();

    const figure = screen.getByRole('figure', { name: TITLE });
    // Two threshold periods, three bands each.
    expect(drawingOnScreen(figure).querySelectorAll('.chart-band')).toHaveLength(6);
    expect(screen.getByRole('region', { name: 'Marked on the chart' })).toHaveTextContent(
      'New thresholds from 1 April 2021: target > 85%.',
    );
    expect(screen.getByRole('region', { name: 'Marked on the chart' })).toHaveTextContent(
      "Board meeting: Children's Services and Education Scrutiny Board, 23 August 2021 (dotted vertical line).",
    );
  });

  it('shows the same figures as a table, one click away, and keeps that in the address', async () => {
    const { user, searchParams } = await openIndicator();

    await user.click(screen.getByRole('button', { name: 'Table' }));

    expect(screen.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
    expect(searchParams().get('display')).toBe('table');
    const table = screen.getByRole('table', { name: TITLE });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(pi4SeriesFixture.points.length);
    rows.forEach((row, i) => {
      expect(row.querySelector('td')).toHaveTextContent(pi4SeriesFixture.points[i]!.displayValue);
    });
    const march = rowFor(rows, 'March 2021');
    expect(march).toHaveTextContent('72.4%');
    expect(march).toHaveTextContent('Red');
    expect(march).toHaveTextContent('more than 85%');
    expect(march).toHaveTextContent('Published paper');
    expect(march).toHaveTextContent('83.9% (2020/21)');
    expect(march).toHaveTextContent('x (2020/21)');
    expect(march).toHaveTextContent('87.6% (2020/21)');
    expect(march).toHaveTextContent('Trust Annual Review 2020/21, section (c)');
    expect(rowFor(rows, 'May 2021')).toHaveTextContent('Revised');
    expect(rowFor(rows, 'October 2019')).toHaveTextContent('Illustrative data');
    expect(rowFor(rows, 'July 2021')).toHaveTextContent('No dataNo data');
    // The table scrolls inside its own labelled, focusable region on a narrow screen.
    const region = screen.getByRole('region', { name: `${TITLE} (table)` });
    expect(region).toHaveAttribute('tabindex', '0');

    await user.click(screen.getByRole('button', { name: 'Chart' }));
    expect(searchParams().has('display')).toBe(false);
    expect(screen.queryByRole('table', { name: TITLE })).not.toBeInTheDocument();
  }, 15_000);

  it('gives the 95% confidence interval and the [u] marker where the figure has them, and says the method', async () => {
    const withIntervals = {
      ...pi4SeriesFixture,
      points: pi4SeriesFixture.points.map((p) =>
        p.month === '2021-03'
          ? {
              ...p,
              interval: {
                method: 'wilson' as const,
                methodLabel: 'Wilson score interval',
                level95: { lower: 54.3, upper: 85.3 },
                level998: { lower: 44.1, upper: 90.2 },
                lowReliability: true,
              },
            }
          : p,
      ),
      intervalNote:
        'Confidence intervals: Wilson score interval for percentages. [u] low reliability: based on fewer than 20 cases.',
    };
    recordRequests('/api/indicators/PI4/series', () => HttpResponse.json(withIntervals));
    const { user } = await openIndicator();
    // The chart's notes say what the bars are, the method and the [u] threshold.
    expect(
      screen.getByText(/The bars on the council’s line and the table’s interval column are 95% confidence intervals/),
    ).toHaveTextContent('fewer than 20 cases');

    await user.click(screen.getByRole('button', { name: 'Table' }));
    const table = screen.getByRole('table', { name: TITLE });
    expect(within(table).getByRole('columnheader', { name: '95% confidence interval' })).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    const march = rowFor(rows, 'March 2021');
    expect(march.querySelector('td')).toHaveTextContent('72.4% [u]');
    expect(march.querySelectorAll('td')[1]).toHaveTextContent('54.3%–85.3%');
    expect(rowFor(rows, 'February 2021').querySelectorAll('td')[1]).toHaveTextContent('No interval');
  }, 15_000);

  it('requests rolling 12-month figures when that view is chosen', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/indicators/PI4/series', (url) =>
      HttpResponse.json(url.searchParams.get('view') === 'rolling12' ? pi4Rolling12Fixture : pi4SeriesFixture),
    );
    const { user, searchParams } = renderApp('/indicators/PI4?to=2021-09');
    await screen.findByRole('figure', { name: TITLE });
    expect(requests[0]?.get('view')).toBe('monthly');
    expect(requests[0]?.get('to')).toBe('2021-09');

    await user.click(screen.getByRole('radio', { name: /Rolling 12 months/ }));

    expect(
      await screen.findByRole('figure', { name: 'PI4, rolling 12-month figures, October 2019 to September 2021' }),
    ).toBeVisible();
    expect(requests.at(-1)?.get('view')).toBe('rolling12');
    expect(requests.at(-1)?.get('to')).toBe('2021-09');
    expect(searchParams().get('view')).toBe('rolling12');
    expect(screen.getByRole('figure', { name: /rolling 12-month/ })).toHaveAccessibleDescription(
      /The latest rolling 12-month figure, 86.4% in September 2021/,
    );
  });

  it('opens the view a link describes: period, view, comparators and table', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/indicators/PI4/series', () =>
      HttpResponse.json({ ...pi4SeriesFixture, view: 'fytd' }),
    );
    renderApp('/indicators/PI4?view=fytd&from=2020-04&to=2021-03&comparators=sn&display=table');

    const table = await screen.findByRole('table', { name: /^PI4, financial-year-to-date figures/ });
    expect(requests[0]?.get('view')).toBe('fytd');
    expect(requests[0]?.get('from')).toBe('2020-04');
    expect(requests[0]?.get('to')).toBe('2021-03');
    expect(screen.getByRole('radio', { name: /Financial year to date/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Statistical neighbours/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /West Midlands/ })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: /England/ })).not.toBeChecked();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual([
      'Month',
      'Sandwell',
      'Rating',
      'Target',
      'Source',
      'Statistical neighbours (DfE model April 2021)',
      'Notes',
    ]);
    expect(screen.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('keeps the comparators chosen in the address, and leaves them out of the summary', async () => {
    const { user, searchParams } = await openIndicator();

    await user.click(screen.getByRole('checkbox', { name: /England/ }));
    expect(searchParams().get('comparators')).toBe('sn,region');
    expect(screen.getByRole('figure', { name: TITLE })).not.toHaveAccessibleDescription(/England/);

    await user.click(screen.getByRole('checkbox', { name: /Statistical neighbours/ }));
    await user.click(screen.getByRole('checkbox', { name: /West Midlands/ }));
    expect(searchParams().get('comparators')).toBe('none');
  });

  it('asks for the period chosen', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/indicators/PI4/series', () => HttpResponse.json(pi4SeriesFixture));
    const { user, searchParams } = renderApp('/indicators/PI4');
    await screen.findByRole('figure', { name: TITLE });

    await user.selectOptions(screen.getByLabelText('From'), 'April 2020');
    await user.selectOptions(screen.getByLabelText('To'), 'March 2021');
    await user.click(screen.getByRole('button', { name: 'Show period' }));

    expect(searchParams().get('from')).toBe('2020-04');
    expect(searchParams().get('to')).toBe('2021-03');
    await vi.waitFor(() => expect(requests.at(-1)?.get('from')).toBe('2020-04'));
    expect(requests.at(-1)?.get('to')).toBe('2021-03');
  });

  it('offers the months the KPI has figures for, without asking for the scorecard', async () => {
    signedInAs('viewer');
    const scorecardRequests = recordRequests('/api/scorecard', () => HttpResponse.json({}));
    recordRequests('/api/indicators/PI4/series', () =>
      HttpResponse.json({ ...pi4SeriesFixture, dataRange: { from: '2019-04', to: '2022-02' } }),
    );
    renderApp('/indicators/PI4?to=2021-09');
    await screen.findByRole('figure', { name: TITLE });

    const optionsOf = (label: string) =>
      within(screen.getByLabelText(label))
        .getAllByRole('option')
        .map((option) => option.textContent);
    const from = optionsOf('From');
    // From the KPI's first figure (April 2019, before the range shown) to its last (February 2022, after it).
    expect(from[0]).toBe('April 2019');
    expect(from.at(-1)).toBe('February 2022');
    expect(optionsOf('To')).toEqual(from);
    expect(screen.getByLabelText('From')).toHaveDisplayValue('October 2019');
    expect(screen.getByLabelText('To')).toHaveDisplayValue('September 2021');
    expect(scorecardRequests).toHaveLength(0);
  });

  it('says how long the KPI has held its rating, marking a persistent failure', async () => {
    signedInAs('viewer');
    recordRequests('/api/indicators/PI4/series', () => HttpResponse.json(pi4ToMarch2021Fixture));
    renderApp('/indicators/PI4?to=2021-03');
    await screen.findByRole('figure', { name: 'PI4, monthly figures, October 2019 to March 2021' });

    const latest = screen.getByText('Latest figure').parentElement as HTMLElement;
    expect(latest).toHaveTextContent('72.4% in March 2021');
    expect(within(latest).getByText('Persistent failure')).toBeVisible();
    expect(within(latest).getByText('Monthly rating to March 2021')).toBeVisible();
    // said once, with the months it spans: not "Red for 4 months" and then "In failure for 4 reported months"
    expect(
      within(latest).getByText(
        'In failure for 4 reported months (December 2020 to March 2021); 4 of them carry a consequence, more than 3, so this is a persistent failure.',
      ),
    ).toBeVisible();
    expect(latest).not.toHaveTextContent('Red for 4 months');
  });

  it('says when the latest month has no figure, and the streak before it', async () => {
    signedInAs('viewer');
    recordRequests('/api/indicators/PI4/series', () =>
      HttpResponse.json({
        ...pi4SeriesFixture,
        to: '2021-07',
        points: pi4SeriesFixture.points.slice(0, 22),
        statusCounts: { green: 6, amber: 11, red: 4, no_data: 1 },
        streak: {
          status: 'amber',
          months: 3,
          from: '2021-04',
          missingMonths: ['2021-07'],
          persistentFailure: false,
          reason: 'Amber for 3 reported months (April 2021 to June 2021), with no figure for the month since.',
        },
      }),
    );
    renderApp('/indicators/PI4?to=2021-07');
    await screen.findByRole('figure', { name: 'PI4, monthly figures, October 2019 to July 2021' });

    const latest = screen.getByText('Latest figure').parentElement as HTMLElement;
    expect(
      within(latest).getByText(
        'Amber for 3 reported months (April 2021 to June 2021), with no figure for the month since.',
      ),
    ).toBeVisible();
    expect(latest).not.toHaveTextContent('Amber for 3 months');
    expect(within(latest).queryByText('Persistent failure')).not.toBeInTheDocument();
  });

  it('shows the current streak for a KPI on target, with no persistent-failure marker', async () => {
    await openIndicator();

    const latest = screen.getByText('Latest figure').parentElement as HTMLElement;
    expect(within(latest).getByText('On target for 1 reported month (September 2021).')).toBeVisible();
    expect(latest).not.toHaveTextContent('Green for 1 month');
    expect(within(latest).queryByText('Persistent failure')).not.toBeInTheDocument();
  });

  it('links each board meeting marked on the chart to its briefing', async () => {
    const { user, pathname } = await openIndicator();
    const meeting = "Children's Services and Education Scrutiny Board, 23 August 2021";

    const marked = screen.getByRole('region', { name: 'Marked on the chart' });
    expect(within(marked).getByRole('link', { name: meeting })).toHaveAttribute('href', '/meetings/1');
    const figure = screen.getByRole('figure', { name: TITLE });
    const chartLink = within(figure).getByRole('link', { name: `Briefing for the meeting: ${meeting}` });
    expect(chartLink).toHaveAttribute('href', '/meetings/1');

    await user.click(within(marked).getByRole('link', { name: meeting }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Briefing for the meeting on 23 August 2021' }),
    ).toBeVisible();
    expect(pathname()).toBe('/meetings/1');
  });

  it('names a meeting without a briefing but does not link it', async () => {
    signedInAs('viewer');
    recordRequests('/api/indicators/PI4/series', () =>
      HttpResponse.json({
        ...pi4SeriesFixture,
        annotations: pi4SeriesFixture.annotations.map((a) => ({ ...a, meetingId: null })),
      }),
    );
    renderApp('/indicators/PI4');
    const figure = await screen.findByRole('figure', { name: TITLE });

    const marked = screen.getByRole('region', { name: 'Marked on the chart' });
    expect(marked).toHaveTextContent(
      "Board meeting: Children's Services and Education Scrutiny Board, 23 August 2021 (dotted vertical line).",
    );
    expect(within(marked).queryByRole('link')).not.toBeInTheDocument();
    expect(within(figure).queryByRole('link', { name: /^Briefing for the meeting/ })).not.toBeInTheDocument();
  });

  it('shades and explains months under a relief event', async () => {
    signedInAs('viewer');
    recordRequests('/api/indicators/PI6/series', () => HttpResponse.json(pi6SeriesFixture));
    recordRequests('/api/indicators/PI6', () => HttpResponse.json(pi6SeriesFixture.indicator));
    renderApp('/indicators/PI6');

    const figure = await screen.findByRole('figure', { name: /^PI6, monthly figures/ });
    expect(drawingOnScreen(figure).querySelectorAll('.chart-period')).toHaveLength(1);
    expect(within(figure).getByText('Relief event')).toBeVisible();
    expect(screen.getByRole('region', { name: 'Marked on the chart' })).toHaveTextContent(
      'Relief event: COVID-19 relief event (shaded August 2020 to March 2021): no consequence in these months.',
    );
    expect(screen.getByText(/Latest figure/).parentElement).toHaveTextContent('No consequence');
    expect(within(figure).getByText(/No comparator figures for PI6 from:/)).toHaveTextContent(
      'No comparator figures for PI6 from: Statistical neighbours, West Midlands, England.',
    );
    expect(within(figure).queryByText(/dashed line/)).not.toBeInTheDocument();
  });

  it('gives the definition, why it matters and the bands over time', async () => {
    await openIndicator();

    const about = await screen.findByRole('region', { name: 'About PI4' });
    expect(within(about).getByText(/completed within 45 working days, the statutory maximum/)).toBeVisible();
    expect(within(about).getByText(/against the statutory maximum expectation/)).toBeVisible();
    const bands = within(about).getByRole('table', { name: 'Bands for PI4 over time' });
    expect(within(bands).getByRole('row', { name: /1 April 2018 to 31 March 2021/ })).toHaveTextContent(
      'more than 85%less than 75%',
    );
    expect(within(bands).getByRole('row', { name: /From 1 April 2021/ })).toHaveTextContent(
      'more than 85%less than 70%',
    );
  });

  it('lists the commentary for each month, newest first', async () => {
    await openIndicator();

    const commentary = screen.getByRole('region', { name: 'Agreed commentary' });
    expect(
      within(commentary)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(['September 2021', 'March 2021']);
    expect(within(commentary).getByText(/Additional social workers joined/)).toBeVisible();
  });

  it('explains a failure with the request id', async () => {
    signedInAs('viewer');
    recordRequests('/api/indicators/PI4/series', () =>
      problemResponse(problemFixture(500, 'Internal Server Error', { requestId: 'req-series-500' })),
    );
    renderApp('/indicators/PI4');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sorry, there is a problem with the service');
    expect(alert).toHaveTextContent('req-series-500');
  });

  it('says when the KPI does not exist', async () => {
    signedInAs('viewer');
    recordRequests('/api/indicators/PI99', () =>
      problemResponse(problemFixture(404, 'Not Found', { detail: 'There is no indicator with the code PI99.' })),
    );
    recordRequests('/api/indicators/PI99/series', () =>
      problemResponse(problemFixture(404, 'Not Found', { detail: 'There is no indicator with the code PI99.' })),
    );
    renderApp('/indicators/PI99');

    expect(await screen.findByRole('heading', { level: 1, name: 'KPI not found' })).toBeVisible();
    expect(screen.getByText('There is no indicator with the code PI99.')).toBeVisible();
  });

  it('says when there are no figures in the period', async () => {
    signedInAs('viewer');
    recordRequests('/api/indicators/PI4/series', () =>
      HttpResponse.json({
        ...pi4SeriesFixture,
        points: pi4SeriesFixture.points.map((p) => ({
          ...p,
          value: null,
          displayValue: 'No data',
          status: 'no_data' as const,
          provenance: null,
        })),
        statusCounts: { green: 0, amber: 0, red: 0, no_data: 24 },
      }),
    );
    renderApp('/indicators/PI4');

    const figure = await screen.findByRole('figure', { name: TITLE });
    expect(figure).toHaveAccessibleDescription(
      'There are no monthly figures for PI4 between October 2019 and September 2021.',
    );
    expect(within(figure).getByText('There are no figures to draw for this period.')).toBeVisible();
  });
});
