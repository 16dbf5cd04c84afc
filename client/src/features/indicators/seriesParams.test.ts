import { comparatorsParam, parseIndicatorParams } from './seriesParams';

const parse = (query: string) => parseIndicatorParams(new URLSearchParams(query));

describe('parseIndicatorParams', () => {
  it('defaults to monthly figures, the server’s range, every comparator and the chart', () => {
    expect(parse('')).toEqual({
      view: 'monthly',
      from: undefined,
      to: undefined,
      lines: ['council_official', 'statistical_neighbours', 'region', 'england'],
      display: 'chart',
      ignored: { outOfRange: {}, reversed: null },
    });
  });

  it('reads every part of the state', () => {
    expect(parse('view=fytd&from=2020-04&to=2021-03&comparators=england,sn&display=table')).toEqual({
      view: 'fytd',
      from: '2020-04',
      to: '2021-03',
      lines: ['statistical_neighbours', 'england'],
      display: 'table',
      ignored: { outOfRange: {}, reversed: null },
    });
    expect(parse('comparators=none').lines).toEqual([]);
  });

  it('ignores what it cannot read', () => {
    expect(parse('view=weekly&from=April&to=2021-13&display=pie')).toMatchObject({
      view: 'monthly',
      from: undefined,
      to: undefined,
      display: 'chart',
    });
    // A range the wrong way round keeps its end and drops its start.
    expect(parse('from=2021-04&to=2021-03')).toMatchObject({ from: undefined, to: '2021-03' });
  });

  it('drops a month outside the years covered, as it does a garbled one, and says what it dropped', () => {
    expect(parse('from=1999-01&to=2099-01')).toMatchObject({
      from: undefined,
      to: undefined,
      ignored: { outOfRange: { from: '1999-01', to: '2099-01' }, reversed: null },
    });
    expect(parse('to=April').ignored).toEqual({ outOfRange: {}, reversed: null });
    expect(parse('from=2025-07&to=2024-01').ignored).toEqual({
      outOfRange: {},
      reversed: { from: '2025-07', to: '2024-01' },
    });
  });
});

describe('comparatorsParam', () => {
  it('leaves the default out of the address', () => {
    expect(comparatorsParam(['council_official', 'statistical_neighbours', 'region', 'england'])).toBeNull();
    expect(comparatorsParam([])).toBe('none');
    expect(comparatorsParam(['statistical_neighbours', 'england'])).toBe('sn,england');
  });
});
