import { streakHeadline } from '../../components/streakWords';
import { scorecardFixture } from '../../testing/scorecardFixtures';
import { filterItems, parseMonthParam, parseStatusFilter } from './scorecardParams';
import { excerpt } from './words';

describe('scorecard address', () => {
  it('reads the exceptions filter, defaulting to every KPI', () => {
    expect(parseStatusFilter('red')).toBe('red');
    expect(parseStatusFilter('red-amber')).toBe('red-amber');
    expect(parseStatusFilter(null)).toBe('all');
    expect(parseStatusFilter('green')).toBe('all');
  });

  it('reads the month, flagging one it cannot read', () => {
    expect(parseMonthParam('2021-03')).toEqual({ month: '2021-03', invalid: false });
    expect(parseMonthParam(null)).toEqual({ month: undefined, invalid: false });
    expect(parseMonthParam('2021-3')).toEqual({ month: undefined, invalid: true });
    // a real month outside the years covered is never asked for (the API would refuse it)
    expect(parseMonthParam('2099-01')).toEqual({ month: undefined, invalid: true, outOfRange: '2099-01' });
    expect(parseMonthParam('1999-12')).toEqual({ month: undefined, invalid: true, outOfRange: '1999-12' });
    expect(parseMonthParam('2000-01')).toEqual({ month: '2000-01', invalid: false });
  });

  it('filters by the current rating only', () => {
    expect(filterItems(scorecardFixture.items, 'red').map((i) => i.code)).toEqual(['PI4', 'PI6', 'PI15']);
    expect(filterItems(scorecardFixture.items, 'all')).toHaveLength(10);
  });
});

describe('scorecard words', () => {
  it('says how long a rating has held', () => {
    expect(streakHeadline({ ...scorecardFixture.items[1]!.streak })).toBe('Red for 4 months');
    expect(streakHeadline({ ...scorecardFixture.items[1]!.streak, status: 'green', months: 1 })).toBe(
      'Green for 1 month',
    );
    expect(streakHeadline({ ...scorecardFixture.items[1]!.streak, status: null, months: 0 })).toBe(
      'No figures reported yet',
    );
  });

  it('cuts long commentary at a word', () => {
    expect(excerpt('Short.')).toBe('Short.');
    const cut = excerpt('word '.repeat(100), 50);
    expect(cut.endsWith('word…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(51);
  });
});
