import { screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/renderApp';
import { signedInAs } from '../../testing/session';

function row(code: string) {
  return screen.getByRole('rowheader', { name: new RegExp(`^${code} `) }).closest('tr') as HTMLElement;
}

function shownCodes() {
  return [...document.querySelectorAll('tr[data-kpi]')].map((tr) => tr.getAttribute('data-kpi'));
}

async function openCompact(path = '/scorecard') {
  signedInAs('viewer');
  const app = renderApp(path);
  // The first render loads the route's code: give it longer than a later one needs.
  await screen.findByRole('heading', { level: 1, name: 'Scorecard for March 2021' }, { timeout: 10_000 });
  return app;
}

describe('compact scorecard (the default view)', () => {
  it('shows one row per KPI in a table, grouped under theme headings', async () => {
    await openCompact();

    expect(screen.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
    const table = screen.getByRole('table', { name: /KPIs for March 2021/ });
    expect(shownCodes()).toHaveLength(10);
    const groups = within(table)
      .getAllByRole('columnheader')
      .filter((th) => th.getAttribute('scope') === 'colgroup')
      .map((th) => th.textContent);
    expect(groups).toEqual(['Front door', 'Child protection', 'Children in care', 'Workforce', 'Other']);
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });

  it('gives a KPI its figure, rating, lines, streak, direction and comparisons on one row', async () => {
    await openCompact();

    const pi4 = row('PI4');
    expect(within(pi4).getByRole('link', { name: /PI4 Single Assessments/ })).toHaveAttribute(
      'href',
      '/indicators/PI4?to=2021-03',
    );
    expect(pi4).toHaveTextContent('72.4%');
    expect(pi4).toHaveTextContent('72.4% in March 2021');
    expect(within(pi4).getByText('Red')).toBeVisible();
    // The lines read as words to assistive technology, as symbols on screen.
    expect(within(pi4).getByText('more than 85%')).toHaveClass('visually-hidden');
    expect(pi4).toHaveTextContent('> 85%');
    expect(within(pi4).getByText(/Persistent failure/)).toBeVisible();
    expect(pi4).toHaveTextContent(/4 months red/);
    // Direction in good/bad words, the arrow the way the figure moved, and the previous figure.
    expect(within(pi4).getByText('Improving')).toBeVisible();
    expect(pi4).toHaveTextContent('↑');
    expect(pi4).toHaveTextContent('was 70.8% in Feb 2021');
    // 72.4% against the neighbours' 83.9% (higher is better): worse, with the figure beside it.
    const sn = within(pi4).getByText(
      'Statistical neighbours (DfE model April 2021): 83.9% (2020/21). Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
    );
    expect(sn.closest('td')).toHaveTextContent(/^−Worse 83\.9%/);
  });

  it('says when a KPI has no comparator published', async () => {
    await openCompact();
    const cells = within(row('PI9')).getAllByRole('cell');
    expect(cells.some((cell) => /None published|Not compared/.test(cell.textContent ?? ''))).toBe(true);
  });

  it('sorts by rating from the column header, saying so with aria-sort', async () => {
    const { user, searchParams } = await openCompact();

    await user.click(screen.getByRole('checkbox', { name: 'Group by theme' }));
    expect(searchParams().get('group')).toBe('none');
    const ratingHeader = screen.getByRole('columnheader', { name: /Rating/ });
    expect(ratingHeader).not.toHaveAttribute('aria-sort');
    expect(screen.getByRole('columnheader', { name: /KPI/ })).toHaveAttribute('aria-sort', 'ascending');

    await user.click(within(ratingHeader).getByRole('button'));
    expect(ratingHeader).toHaveAttribute('aria-sort', 'descending');
    expect(searchParams().get('sort')).toBe('rating-desc');
    const worstFirst = shownCodes();
    expect(worstFirst[0]).toBe('PI4'); // red and a persistent failure
    expect(new Set(worstFirst.slice(0, 3))).toEqual(new Set(['PI4', 'PI6', 'PI15']));
    expect(worstFirst.at(-1)).toBe('PI9'); // no data

    await user.click(within(ratingHeader).getByRole('button'));
    expect(ratingHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(shownCodes()[0]).toBe('PI9');
    expect(shownCodes().at(-1)).toBe('PI4');
  });

  it('opens sorted and ungrouped from a link', async () => {
    await openCompact('/scorecard?sort=rating-desc&group=none&status=red-amber');
    expect(shownCodes().slice(0, 3)).toContain('PI4');
    expect(shownCodes()).toHaveLength(5);
    expect(screen.getByRole('columnheader', { name: /Rating/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('switches to the detail cards and back, keeping the view in the address', async () => {
    const { user, searchParams } = await openCompact();

    await user.click(screen.getByRole('button', { name: 'Detail' }));
    expect(searchParams().get('view')).toBe('cards');
    expect(screen.getAllByRole('article')).toHaveLength(10);
    expect(screen.queryByRole('table', { name: /KPIs for March 2021/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Table' }));
    expect(searchParams().has('view')).toBe(false);
    expect(shownCodes()).toHaveLength(10);
  });

  it('in the table view keeps the summary’s heading, the ratings’ meanings and the count for screen readers only', async () => {
    const { user } = await openCompact();
    // The one visually-hidden rule (base.css) hides them on screen; they stay in the accessibility tree.
    const hiddenOnScreen = () => [
      screen.getByRole('heading', { level: 2, name: 'Summary' }),
      screen.getByText('Showing 10 of 10 KPIs', { exact: false }),
      ...screen.getAllByText(/^(on target|in failure|red for longer than the contract allows)$/),
    ];
    expect(hiddenOnScreen()).toHaveLength(5);
    for (const element of hiddenOnScreen()) expect(element).toHaveClass('visually-hidden');

    await user.click(screen.getByRole('button', { name: 'Detail' }));
    await screen.findAllByRole('article');
    for (const element of hiddenOnScreen()) expect(element).not.toHaveClass('visually-hidden');
  });
});
