import type { ComparatorComparison } from '@kpi/shared';
import { pi4SeriesFixture, pi6SeriesFixture } from '../../testing/seriesFixtures';
import { describeSeries } from './describeSeries';

describe('describeSeries', () => {
  it('counts the ratings, gives the latest figure and compares it with each comparator shown', () => {
    expect(describeSeries(pi4SeriesFixture, ['statistical_neighbours', 'region', 'england'])).toBe(
      'Between October 2019 and September 2021 PI4 was red in 4 months, amber in 12 and green in 7, with no rated figure in 1 month. ' +
        'The latest value, 86.4% in September 2021, is green (on target). ' +
        'It is above the statistical-neighbour average of 83.9% for 2020/21 (better) and below the England figure of 87.6% for 2020/21 (worse). ' +
        'The West Midlands figure for 2020/21 is not published (not available).',
    );
  });

  it('compares with the latest comparator figure up to the latest month', () => {
    const toMarch2020 = {
      ...pi4SeriesFixture,
      to: '2020-06',
      points: pi4SeriesFixture.points.slice(0, 9),
      statusCounts: { green: 4, amber: 5, red: 0, no_data: 0 },
    };
    expect(describeSeries(toMarch2020, ['england'])).toContain(
      'The latest value, 79.8% in June 2020, is amber (below target but not in failure). It is below the England figure of 84.3% for 2019/20 (worse).',
    );
  });

  it('leaves out comparators that are not shown or have no figures', () => {
    expect(describeSeries(pi4SeriesFixture, [])).not.toContain('It is');
    expect(describeSeries(pi6SeriesFixture, ['statistical_neighbours', 'region', 'england'])).toBe(
      'Between April 2020 and March 2021 PI6 was red in 2 months, amber in 8 and green in 2. The latest value, 68.0% in March 2021, is red (in failure). There are no comparator figures for PI6.',
    );
  });

  it('does not count the months before the KPI began as months with no rated figure', () => {
    // PI4's fixture runs from October 2019 with one month unrated (February 2020). Suppose the KPI
    // began in January 2020: October to December 2019 are before it, not missing.
    const points = pi4SeriesFixture.points.map((p) =>
      p.month < '2020-01' ? { ...p, value: null, displayValue: '', status: 'no_data' as const } : p,
    );
    const counts = { green: 0, amber: 0, red: 0, no_data: 0 };
    for (const p of points) counts[p.status] += 1;
    const newKpi = { ...pi4SeriesFixture, points, statusCounts: counts, dataRange: { from: '2020-01', to: '2021-09' } };
    const words = describeSeries(newKpi, []);
    expect(words).toMatch(/^Between October 2019 and September 2021 PI4 was .* \(its figures start in January 2020\)/);
    expect(words).toContain(`with no rated figure in ${counts.no_data - 3} month`);
    expect(describeSeries(pi4SeriesFixture, [])).not.toContain('its figures start');
  });
});

describe('describeSeries with the server’s comparisons', () => {
  /** The comparison the server sends with a comparator figure, set against Sandwell's DfE figure for 2020/21. */
  function comparedWithDfe(phrase: string, noun: string, displayValue: string): ComparatorComparison {
    const councilLabel = 'Sandwell’s DfE figure for 2020/21';
    return {
      verdict: phrase.startsWith('better') ? 'better' : phrase.startsWith('worse') ? 'worse' : 'similar',
      phrase,
      basis: 'dfe_official',
      councilValue: 85.1,
      councilDisplayValue: '85.1%',
      councilLabel,
      illustrative: false,
      sentence: `${councilLabel}, 85.1%, is ${phrase} ${noun}, ${displayValue} (2020/21).`,
      test: 'value',
      testNote: 'Compared by value',
      councilInterval: null,
    };
  }

  it('names the council’s figure once, then each comparator it was set against', () => {
    const [neighbours, region, england] = pi4SeriesFixture.comparators;
    const withComparison = (line: typeof neighbours, comparison: ComparatorComparison) => ({
      ...line!,
      points: line!.points.map((p, i) => (i === line!.points.length - 1 ? { ...p, comparison } : p)),
    });
    const official = {
      ...england!,
      line: 'council_official' as const,
      label: 'Sandwell (DfE published, official)',
      points: england!.points.map((p) => ({ ...p, line: 'council_official' as const, displayValue: '85.1%' })),
    };
    const series = {
      ...pi4SeriesFixture,
      comparators: [
        official,
        withComparison(neighbours, comparedWithDfe('better than', 'the statistical neighbours’ average', '83.9%')),
        region!,
        withComparison(england, comparedWithDfe('worse than', 'England', '87.6%')),
      ],
    };
    const words = describeSeries(series, ['council_official', 'statistical_neighbours', 'region', 'england']);
    expect(words).toContain(
      'Sandwell’s DfE figure for 2020/21, 85.1%, is better than the statistical neighbours’ average, 83.9% (2020/21) and worse than England, 87.6% (2020/21).',
    );
    // Said once: not again for each comparator, nor in a sentence of its own.
    expect(words.split('Sandwell’s DfE figure for 2020/21').length - 1).toBe(1);
    expect(words).not.toContain('The council’s own DfE figure');
  });
});
