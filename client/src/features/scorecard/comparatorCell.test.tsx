import type { ScorecardItem } from '@kpi/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pi4Item } from '../../testing/scorecardFixtures';
import { ComparatorCell, comparedFigureWords, DirectionCell } from './components/CompactScorecardCells';

/** PI4 with the server's comparison of the council's own DfE figure against the neighbours'. */
const compared: ScorecardItem = {
  ...pi4Item,
  comparators: pi4Item.comparators.map((point) =>
    point.line === 'statistical_neighbours'
      ? {
          ...point,
          comparison: {
            verdict: 'worse',
            phrase: 'worse than',
            basis: 'dfe_official',
            councilValue: 76.5,
            councilDisplayValue: '76.5%',
            councilLabel: 'Sandwell’s DfE figure for 2020/21',
            illustrative: false,
            sentence:
              'Sandwell’s DfE figure for 2020/21, 76.5%, is worse than the statistical neighbours’ average, 83.9% (2020/21).',
            test: 'value',
            testNote:
              'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
            councilInterval: null,
          },
        }
      : point,
  ),
};

describe('a comparator cell of the compact scorecard', () => {
  it('says which council figure was compared, where the server compared one (not the month’s figure in the row)', () => {
    render(
      <table>
        <tbody>
          <tr>
            <ComparatorCell
              item={compared}
              month="2021-03"
              line="statistical_neighbours"
              label="Statistical neighbours"
            />
          </tr>
        </tbody>
      </table>,
    );
    const tip = screen.getByText(/^Sandwell’s DfE figure for 2020\/21, 76\.5%, is worse than/);
    expect(tip).toHaveTextContent(
      'Sandwell’s DfE figure for 2020/21, 76.5%, is worse than the statistical neighbours’ average, 83.9% (2020/21). Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule).',
    );
    expect(tip.closest('td')).toHaveTextContent(/^−Worse 83\.9%/);
  });
});

function renderCell(item: ScorecardItem) {
  return render(
    <table>
      <tbody>
        <tr>
          <ComparatorCell item={item} month="2021-03" line="statistical_neighbours" label="Statistical neighbours" />
          <DirectionCell item={item} month="2021-03" />
        </tr>
      </tbody>
    </table>,
  );
}

describe('the council figure a verdict was decided on, said in the cell', () => {
  it('gives the council’s DfE figure under the verdict, without hover, when that is not the row’s figure', () => {
    const { container } = renderCell(compared);
    const cell = container.querySelector('td.compact__comparator')!;
    // On screen and on paper: no tooltip needed to see that 76.5%, not the month's 72.4%, was compared.
    expect(cell.querySelector('.compact__compared')).toHaveTextContent('DfE 2020/21: 76.5%');
    expect(cell).toHaveTextContent(/^−Worse 83\.9%.*DfE 2020\/21: 76\.5%$/);
  });

  it('says nothing more when the verdict compared the month’s own figure', () => {
    const sn = compared.comparators.find((point) => point.line === 'statistical_neighbours')!;
    const monthly = {
      ...sn,
      comparison: {
        ...sn.comparison!,
        basis: 'monthly' as const,
        councilValue: pi4Item.current.value!,
        councilDisplayValue: pi4Item.current.displayValue,
        councilLabel: 'Sandwell’s March 2021 figure',
      },
    };
    expect(comparedFigureWords(pi4Item, monthly)).toBeNull();
    // Another figure is shown as such; the tip's sentence names its month.
    expect(
      comparedFigureWords(pi4Item, {
        ...monthly,
        comparison: {
          ...monthly.comparison,
          councilValue: 80.1,
          councilDisplayValue: '80.1%',
          councilLabel: 'Sandwell’s March 2020 figure',
        },
      }),
    ).toBe('Compared: 80.1%');
    expect(comparedFigureWords(pi4Item, { ...sn, comparison: null })).toBeNull();
  });
});

describe('the cells’ tips (WCAG 1.4.13: dismissible, hoverable, persistent)', () => {
  // Four focusable tips a row made some 60 tab stops on a 15-KPI scorecard. The same words are in
  // each cell for screen readers, and "Show the details in words" shows them all for the keyboard.
  it('takes no keyboard focus: tabbing passes over the cell', async () => {
    const user = userEvent.setup();
    const { container } = renderCell(compared);
    const tips = container.querySelectorAll<HTMLElement>('.judgement-tip');
    expect(tips.length).toBeGreaterThan(0);
    for (const tip of tips) expect(tip).not.toHaveAttribute('tabindex');
    await user.tab();
    expect(document.activeElement === document.body || !container.contains(document.activeElement)).toBe(true);
  });

  it('hides a hovered tip on Escape (the pointer stays where it is)', () => {
    const { container } = renderCell(compared);
    const tip = container.querySelector<HTMLElement>('.compact__direction .judgement-tip')!;
    fireEvent.mouseEnter(tip);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(tip).toHaveAttribute('data-dismissed');
    fireEvent.mouseLeave(tip);
    expect(tip).not.toHaveAttribute('data-dismissed');
  });
});

describe('a comparator the server would not judge (the KPI’s definition differs from DfE’s)', () => {
  const NOT_COMPARED =
    'Not compared: this KPI’s definition differs from DfE’s (the contract counts permanent front-line posts only), so its monthly figures are not set against DfE’s.';
  it('a compact scorecard cell says “Not compared” and why, never a verdict by value', () => {
    const item: ScorecardItem = {
      ...pi4Item,
      comparators: pi4Item.comparators.map((point) =>
        point.line === 'statistical_neighbours'
          ? { ...point, comparison: null, notCompared: NOT_COMPARED, notes: [NOT_COMPARED] }
          : point,
      ),
    };
    const sn = item.comparators.find((c) => c.line === 'statistical_neighbours')!;
    // Both figures are there: without the server's reason the cell would judge them by value.
    expect(sn.value).not.toBeNull();
    expect(item.current.value).not.toBeNull();
    render(
      <table>
        <tbody>
          <tr>
            <ComparatorCell item={item} month="2021-03" line="statistical_neighbours" label="Statistical neighbours" />
          </tr>
        </tbody>
      </table>,
    );
    const cell = screen.getByRole('cell');
    expect(cell).toHaveTextContent(/^Not compared/);
    expect(cell).not.toHaveTextContent(/Better|Worse|Similar/);
    expect(cell).toHaveTextContent(NOT_COMPARED);
  });
});
