import type { IndicatorDetail } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { api } from '../../testing/http';
import { monthlyPoints, seriesPoints, specs, withSpc } from '../../testing/kpiFixtureHelpers';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

/** REFERRALS as the server sends it: monitored, no bands, so every figure is 'no_data' (not rated). */
const referrals = {
  code: 'REFERRALS',
  title: 'Referrals to children’s social care in the month',
  shortTitle: 'Referrals',
  theme: 'front_door',
  unit: 'count',
  polarity: 'none',
  precision: 0,
  measureType: 'flow',
  definition: 'Referrals received in the month.',
  whyItMatters: 'Demand at the front door.',
  comparatorMeasure: null,
  comparatorDifference: null,
  kpiSets: [],
  thresholds: [],
  gracePeriods: [],
  reliefEvents: [],
} satisfies IndicatorDetail;

const series = withSpc({
  indicator: referrals,
  view: 'monthly',
  from: '2025-02',
  to: '2025-07',
  points: seriesPoints(
    monthlyPoints('2025-02', specs([301, 288, 310, 275, 284, 292], 'NNNNNN', 'published_paper'), 'count', 0),
    (point) => ({
      band: null,
      reason: `No threshold is in force for this month, so ${point.displayValue} is not rated.`,
    }),
  ),
  comparators: [],
  viewMethod: null,
  comparatorNote: null,
  annotations: [],
  commentary: [],
  statusCounts: { green: 0, amber: 0, red: 0, no_data: 6 },
  dataRange: { from: '2025-02', to: '2025-07' },
  streak: {
    status: null,
    months: 0,
    from: null,
    missingMonths: [],
    persistentFailure: false,
    reason: 'No figures reported yet.',
  },
});

async function openReferrals(query = '') {
  signedInAs('viewer');
  server.use(
    http.get(api('/api/indicators/:code'), () => HttpResponse.json(referrals)),
    http.get(api('/api/indicators/:code/series'), () => HttpResponse.json(series)),
  );
  renderApp(`/indicators/REFERRALS${query}`);
  await screen.findByRole('heading', { level: 1, name: 'Referrals' });
  return (await screen.findByText('Latest figure')).closest('.latest-figure') as HTMLElement;
}

describe('KPI page for an indicator monitored without bands', () => {
  it('says its figures are not rated, not that there is no data or no figure', async () => {
    const latest = await openReferrals();
    expect(latest).toHaveTextContent('292 in July 2025');
    expect(within(latest).getByText('Not rated', { selector: '.status-tag' })).toBeVisible();
    expect(latest).toHaveTextContent(
      'Monthly rating to July 2025Not rated: monitored without bands, so its figures are not rated red, amber or green.',
    );
    expect(latest).not.toHaveTextContent('No data');
    expect(latest).not.toHaveTextContent('No figures reported yet');
  });

  it('labels each figure in the table "Not rated" too', async () => {
    await openReferrals('?display=table');
    const table = await screen.findByRole('table', { name: 'REFERRALS, monthly figures, February 2025 to July 2025' });
    const tags = [...table.querySelectorAll('.status-tag')].map((t) => t.textContent);
    expect(tags).toHaveLength(6);
    expect(new Set(tags)).toEqual(new Set(['Not rated']));
  });
});
