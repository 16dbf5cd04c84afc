import type { Proposal, ReratedMonthDto } from '@kpi/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { api } from '../../testing/http';
import { renderApp } from '../../testing/renderApp';
import { server } from '../../testing/server';
import { signedInAs } from '../../testing/session';

const rating = (
  status: ReratedMonthDto['now']['status'],
  monthsInRating: number | null,
  persistentFailure = false,
) => ({
  status,
  monthsInRating,
  persistentFailure,
});

function bandsProposal(id: number, rerating: ReratedMonthDto[] | null): Proposal {
  return {
    id,
    kind: 'threshold',
    status: 'pending',
    title: `Bands for LTS from 1 April 2024 (${id})`,
    reason: 'Contract review',
    change: {
      indicatorCode: 'LTS',
      effectiveFrom: '2024-04-01',
      target: 'Target >= 80%',
      failure: 'Failure < 67%',
      targetOperator: '>=',
      targetValue: 80,
      failureOperator: '<',
      failureValue: 67,
      kpiSetCode: null,
      summary: 'Green: 80% or more; red: less than 67%; amber: anything in between.',
    },
    proposedBy: 'Casey Commissioner',
    proposedByRole: 'commissioner',
    proposedAt: '2025-01-15T12:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    canDecide: true,
    rerating,
  };
}

describe('a band proposal lists the loaded months it would re-rate, before approval', () => {
  beforeEach(() => signedInAs('admin'));

  it('as a table with a caption, each rating in words; or says none change', async () => {
    server.use(
      http.get(api('/api/contract/kpi-sets'), () => HttpResponse.json({ kpiSets: [] })),
      http.get(api('/api/contract/relief-events'), () => HttpResponse.json({ reliefEvents: [] })),
      http.get(api('/api/contract/proposals'), () =>
        HttpResponse.json({
          proposals: [
            bandsProposal(2, [
              { month: '2024-04', displayValue: '69%', now: rating('red', 1), after: rating('amber', 1) },
              { month: '2024-07', displayValue: '66%', now: rating('red', 4, true), after: rating('red', 1) },
            ]),
            bandsProposal(1, []),
          ],
        }),
      ),
    );
    renderApp('/contract');
    const table = await screen.findByRole('table', {
      name: 'Loaded months of LTS whose rating would change on approval (2 months)',
    });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      [
        'Month',
        'Figure',
        'Rating now',
        'Rating after approval',
        'Months in this rating (now → after)',
        'Persistent failure (now → after)',
      ],
      ['April 2024', '69%', 'Red', 'Amber', '1 month → 1 month', 'No → No'],
      ['July 2024', '66%', 'Red', 'Red', '4 months → 1 month', 'Yes → No'],
    ]);
    expect(screen.getByText('No loaded month of LTS changes rating with these bands.')).toBeVisible();
  });
});

describe('a set proposal that ends another set says what happens to its grace', () => {
  beforeEach(() => signedInAs('admin'));

  it('names the grace period that ends with the set it ends', async () => {
    const setProposal: Proposal = {
      ...bandsProposal(3, null),
      kind: 'kpi_set',
      title: 'New KPI set C2027 (Contract 2027) from 1 April 2027',
      change: {
        code: 'C2027',
        name: 'Contract 2027',
        effectiveFrom: '2027-04-01',
        effectiveTo: null,
        persistentFailureMonths: 3,
        indicatorCodes: ['LTS'],
        grace: [],
        replaces: false,
        ends: [
          {
            code: 'C2026',
            name: 'Contract 2026',
            effectiveTo: '2027-03-31',
            graceTrimmed: [
              { indicatorCode: 'LTS', startsOn: '2027-01-01', endsOn: '2027-06-30', newEndsOn: '2027-03-31' },
            ],
          },
        ],
      },
    };
    server.use(
      http.get(api('/api/contract/kpi-sets'), () => HttpResponse.json({ kpiSets: [] })),
      http.get(api('/api/contract/relief-events'), () => HttpResponse.json({ reliefEvents: [] })),
      http.get(api('/api/contract/proposals'), () => HttpResponse.json({ proposals: [setProposal] })),
    );
    renderApp('/contract');
    const ends = await screen.findByText(/Contract 2026 \(C2026\) will end in March 2027/);
    expect(ends).toHaveTextContent(
      "LTS's grace period in C2026 (January 2027 to June 2027) will end in March 2027, with C2026. Grace is granted by a set, so it ends with the set.",
    );
  });
});
