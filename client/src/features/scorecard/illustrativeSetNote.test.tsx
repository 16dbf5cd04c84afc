import { screen } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { renderApp } from '../../testing/renderApp';
import { scorecardFixture } from '../../testing/scorecardFixtures';
import { recordRequests, signedInAs } from '../../testing/session';

const NOTE =
  'Illustrative configuration. The papers do not say which KPIs carried over or give any band; the demo assumes them.';

async function openWithIllustrativeSet(path = '/scorecard') {
  recordRequests('/api/scorecard', () =>
    HttpResponse.json({ ...scorecardFixture, kpiSet: { ...scorecardFixture.kpiSet, illustrativeNote: NOTE } }),
  );
  signedInAs('viewer');
  const app = renderApp(path);
  await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' }, { timeout: 10_000 });
  return app;
}

describe("a KPI set's illustrative configuration note", () => {
  it('is one line in the compact view that names the set and opens to the whole note', async () => {
    const { user } = await openWithIllustrativeSet();

    const summary = screen.getByText(
      /Some KPIs or bands of Service Delivery Contract KPIs \(2018\) are not the contract’s own/,
    );
    expect(summary.closest('summary')).toHaveTextContent(/^Illustrative configuration\./);
    expect(summary).toBeVisible();
    const note = screen.getByText(/The papers do not say which KPIs carried over/);
    // Closed, so the table's rows stay on the first screen; the word "Illustrative" is still there.
    expect(note).not.toBeVisible();
    expect(note).not.toHaveTextContent(/^Illustrative configuration/);

    await user.click(summary);
    expect(note).toBeVisible();
  });

  it('is shown whole in the detail view', async () => {
    await openWithIllustrativeSet('/scorecard?view=cards');

    await screen.findAllByRole('article');
    const note = screen.getByText(/The papers do not say which KPIs carried over/);
    expect(note).toBeVisible();
    expect(note.closest('[role="note"]')).toHaveTextContent(/^Illustrative configuration\. The papers/);
    expect(document.querySelector('.set-note summary')).toBeNull();
  });
});
