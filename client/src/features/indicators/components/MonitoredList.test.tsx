import type { MonitoredItem } from '@kpi/shared';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { s47MonitoredFixture } from '../../../testing/monitoredFixtures';
import { MonitoredList } from './MonitoredList';

/** A monthly count: DfE's figures for other areas are annual totals, so no standing is given. */
const referrals: MonitoredItem = {
  ...s47MonitoredFixture,
  code: 'REFERRALS',
  title: 'Referrals to children’s social care',
  unit: 'count',
  precision: 0,
  latest: { ...s47MonitoredFixture.latest, month: '2025-07', value: 292, displayValue: '292' },
  comparators: [],
  comparatorNote:
    'REFERRALS is a count, so it is not set against other areas’ figures: theirs are totals for a whole reporting year over populations of very different sizes.',
};

function renderList(items: MonitoredItem[]) {
  render(
    <MemoryRouter>
      <MonitoredList items={items} />
    </MemoryRouter>,
  );
}

describe('MonitoredList', () => {
  it('says why a count has no standing where the standing would be, not that there is no comparator', () => {
    renderList([referrals]);
    expect(screen.getByText(/REFERRALS is a count, so it is not set against other areas’ figures/)).toBeVisible();
    expect(screen.queryByText('No published comparator for this measure.')).toBeNull();
    expect(screen.queryByText(/Above|Below/)).toBeNull();
  });

  it('gives a rate its standings, and says nothing about counts', () => {
    renderList([s47MonitoredFixture]);
    expect(screen.getAllByText('Below')).toHaveLength(2);
    expect(screen.queryByText(/is a count/)).toBeNull();
  });

  it('says there is no comparator only where none is published', () => {
    renderList([{ ...s47MonitoredFixture, comparators: [] }]);
    expect(screen.getByText('No published comparator for this measure.')).toBeVisible();
  });
});
