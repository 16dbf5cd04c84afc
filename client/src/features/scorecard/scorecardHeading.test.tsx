import { screen } from '@testing-library/react';
import { problemFixture } from '../../testing/fixtures';
import { problemResponse } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { recordRequests, signedInAs } from '../../testing/session';

/**
 * The compact table is wider than the 960 px reading column, and its page heading moves out to the
 * table's left edge (`heading-compact`). Over anything else (an error, a month not yet published)
 * the heading must stay in the column, above the panel it heads, not 130 px to its left.
 */
describe("the scorecard's heading", () => {
  it('moves out with the compact table', async () => {
    signedInAs('viewer');
    renderApp('/scorecard');
    const heading = await screen.findByRole(
      'heading',
      { level: 1, name: 'Scorecard for March 2021' },
      { timeout: 10_000 },
    );
    await screen.findByRole('table', { name: /KPIs for March 2021/ });
    expect(heading).toHaveClass('heading-compact');
  });

  it.each([
    [500, 'Internal Server Error', 'Sorry, there is a problem with the service'],
    [403, 'Forbidden', 'August 2025 is not published yet'],
  ] as const)('stays in the reading column over a %i answer', async (status, title, panel) => {
    signedInAs('viewer');
    recordRequests('/api/scorecard', () =>
      problemResponse(problemFixture(status, title, { detail: 'The figures for August 2025 are not published yet.' })),
    );
    renderApp('/scorecard?month=2025-08');
    await screen.findByRole('heading', { name: new RegExp(panel) }, { timeout: 10_000 });
    expect(screen.getByRole('heading', { level: 1 })).not.toHaveClass('heading-compact');
  });
});
