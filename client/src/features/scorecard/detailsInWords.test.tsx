import { screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/renderApp';
import { signedInAs } from '../../testing/session';

async function openCompact(path = '/scorecard') {
  signedInAs('viewer');
  const app = renderApp(path);
  await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' }, { timeout: 10_000 });
  return app;
}

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

describe("the compact scorecard's details, for the keyboard", () => {
  it('is one tab stop a KPI (its link) in the table body, not one a cell', async () => {
    await openCompact();
    const table = screen.getByRole('table', { name: /KPIs for March 2021/ });
    const rows = table.querySelectorAll('tbody tr[data-kpi]');
    expect(rows.length).toBe(10);
    for (const row of rows) {
      const stops = row.querySelectorAll(FOCUSABLE);
      expect(stops, row.getAttribute('data-kpi')!).toHaveLength(1);
      expect(stops[0]!.tagName).toBe('A');
    }
  });

  it('shows every cell’s detail in words with one checkbox, kept in the address', async () => {
    const { user, searchParams } = await openCompact();
    const table = screen.getByRole('table', { name: /KPIs for March 2021/ });
    expect(table).not.toHaveClass('compact-scorecard--details');

    await user.click(screen.getByRole('checkbox', { name: 'Show the details in words' }));
    expect(searchParams().get('details')).toBe('words');
    const shown = screen.getByRole('table', { name: /KPIs for March 2021/ });
    expect(shown).toHaveClass('compact-scorecard--details');
    // The words are those a pointer would see on hover: the previous month, the comparison.
    const pi4 = shown.querySelector('tr[data-kpi="PI4"]') as HTMLElement;
    expect(within(pi4).getByText(/was 70\.8% in Feb 2021/)).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Show the details in words' }));
    expect(searchParams().has('details')).toBe(false);
  });

  it('opens with the details shown from a link that asks for them', async () => {
    await openCompact('/scorecard?details=words');
    expect(screen.getByRole('checkbox', { name: 'Show the details in words' })).toBeChecked();
    expect(screen.getByRole('table', { name: /KPIs for March 2021/ })).toHaveClass('compact-scorecard--details');
  });
});
