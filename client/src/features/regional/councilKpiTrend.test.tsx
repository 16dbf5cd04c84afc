import type { RegionalKpisResponse } from '@kpi/shared';
import { render, screen, within } from '@testing-library/react';
import { CouncilKpiTrend } from './components/CouncilKpis';

const months = ['2025-01', '2025-02', '2025-03'];
const answer: RegionalKpisResponse = {
  group: { id: 3, name: 'West Midlands' },
  code: 'PI2',
  month: '2025-03',
  polarity: 'lower_is_better',
  unit: 'rate_per_10k',
  precision: 1,
  groupAverage: { value: 50, displayValue: '50.0', councils: 2 },
  councils: [],
  trend: {
    months,
    councils: [
      { areaCode: 'E08000027', name: 'Dudley', points: months.map((month, i) => ({ month, value: 40 + i })) },
      { areaCode: 'E08000028', name: 'Sandwell', points: months.map((month, i) => ({ month, value: 60 + i })) },
    ],
    references: [
      {
        key: 'group_average',
        name: 'West Midlands: average',
        source: 'The mean of the councils’ figures shown here, in months where at least two have one.',
        points: months.map((month, i) => ({ month, value: 50 + i })),
      },
      {
        key: 'england',
        name: 'England',
        source: 'DfE Children in need 2025, table D1',
        points: months.map((month) => ({ month, value: month === '2025-03' ? 41.5 : null })),
      },
    ],
    notes: ['No region line: these councils are in 2 regions, so no one region’s figures stand for the group.'],
  },
  includesUnpublished: false,
};

describe('one KPI across councils, on one chart', () => {
  it('reads the councils against the group average and England, in the key, the sources and the table', () => {
    render(<CouncilKpiTrend answer={answer} />);
    const figure = screen.getByRole('figure');
    // the key says what each reference line is, in words
    expect(within(figure).getByText(/West Midlands: average \(average of the councils shown\)/)).toBeVisible();
    expect(within(figure).getByText(/England \(DfE, one point a year\)/)).toBeVisible();
    expect(within(figure).getByText('England: DfE Children in need 2025, table D1')).toBeVisible();
    // the table has a column for each, with the same numbers
    const table = within(figure).getByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'West Midlands: average' })).toBeVisible();
    expect(within(table).getByRole('columnheader', { name: 'England' })).toBeVisible();
    const march = within(table)
      .getByRole('rowheader', { name: /Mar 2025/ })
      .closest('tr')!;
    expect(march).toHaveTextContent('52.0');
    expect(march).toHaveTextContent('41.5');
    const january = within(table)
      .getByRole('rowheader', { name: /Jan 2025/ })
      .closest('tr')!;
    // England's yearly figure is one point: January has none
    expect(within(january).getAllByRole('cell').at(-1)).toHaveTextContent('–');
  });

  it('says under the chart why a line is not drawn', () => {
    render(<CouncilKpiTrend answer={answer} />);
    expect(
      within(screen.getByRole('figure')).getByText(
        'No region line: these councils are in 2 regions, so no one region’s figures stand for the group.',
      ),
    ).toBeVisible();
  });
});
