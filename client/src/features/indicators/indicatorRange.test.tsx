import { lastSupportedYear } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { renderApp } from '../../testing/renderApp';
import { pi4SeriesFixture } from '../../testing/seriesFixtures';
import { recordRequests, signedInAs } from '../../testing/session';

const TITLE = 'PI4, monthly figures, October 2019 to September 2021';

describe('a period in the address the page cannot show', () => {
  it('falls back to the latest months for a month outside the years covered, and says so (issue 13)', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/indicators/PI4/series', () => HttpResponse.json(pi4SeriesFixture));
    renderApp('/indicators/PI4?to=1999-01');
    await screen.findByRole('figure', { name: TITLE });
    // never asked for: the server would refuse it, and the page would be a dead end
    expect(requests.map((query) => query.get('to'))).not.toContain('1999-01');
    const notice = screen.getByRole('note');
    expect(notice).toHaveTextContent(
      `There are no figures for January 1999: the dashboard covers January 2000 to December ${lastSupportedYear()}, so the page shows October 2019 to September 2021.`,
    );
    expect(within(notice).getByRole('link', { name: 'Show the latest months' })).toHaveAttribute(
      'href',
      '/indicators/PI4',
    );
    expect(screen.queryByText(/Bad request/)).not.toBeInTheDocument();
  });

  it('says when the period runs backwards, rather than silently dropping its start (issue 24)', async () => {
    signedInAs('viewer');
    const requests = recordRequests('/api/indicators/PI4/series', () => HttpResponse.json(pi4SeriesFixture));
    renderApp('/indicators/PI4?from=2025-07&to=2024-01&view=monthly');
    await screen.findByRole('figure', { name: TITLE });
    expect(requests[0]?.get('from')).toBeNull();
    expect(requests[0]?.get('to')).toBe('2024-01');
    const notice = screen.getByRole('note');
    expect(notice).toHaveTextContent(
      'The period asked for runs backwards, from July 2025 to January 2024. Its first month was ignored, so the page shows October 2019 to September 2021.',
    );
    // the link keeps the rest of the address
    expect(within(notice).getByRole('link', { name: 'Show the latest months' })).toHaveAttribute(
      'href',
      '/indicators/PI4?view=monthly',
    );
  });

  it('says nothing when the period is fine', async () => {
    signedInAs('viewer');
    recordRequests('/api/indicators/PI4/series', () => HttpResponse.json(pi4SeriesFixture));
    renderApp('/indicators/PI4?from=2019-10&to=2021-09');
    await screen.findByRole('figure', { name: TITLE });
    expect(screen.queryByText(/runs backwards|There are no figures for/)).not.toBeInTheDocument();
  });
});
