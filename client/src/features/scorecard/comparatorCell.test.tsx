import type { ScorecardItem } from '@kpi/shared';
import { render, screen } from '@testing-library/react';
import { pi4Item } from '../../testing/scorecardFixtures';
import { ComparatorCell } from './components/CompactScorecardCells';

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
            testNote: 'Compared by value: no interval for this measure',
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
      'Sandwell’s DfE figure for 2020/21, 76.5%, is worse than the statistical neighbours’ average, 83.9% (2020/21). Compared by value: no interval for this measure.',
    );
    expect(tip.closest('td')).toHaveTextContent(/^−Worse 83\.9%/);
  });
});
