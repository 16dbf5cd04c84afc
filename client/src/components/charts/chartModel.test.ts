import { pi4SeriesFixture, pi6SeriesFixture } from '../../testing/seriesFixtures';
import { bandRanges, buildChartModel, yDomainFor } from './chartModel';

describe('buildChartModel', () => {
  const model = buildChartModel(pi4SeriesFixture, ['statistical_neighbours', 'region', 'england']);

  it('puts one row per month, with comparators at the month their period ends', () => {
    expect(model.rows).toHaveLength(24);
    expect(model.rows[0]).toMatchObject({ x: 0, month: '2019-10', value: 86.2 });
    const march2020 = model.rows.find((row) => row.month === '2020-03')!;
    expect(march2020).toMatchObject({ statistical_neighbours: 82.6, region: 83.4, england: 84.3 });
    const march2021 = model.rows.find((row) => row.month === '2021-03')!;
    // A suppressed figure is a gap in the line, never zero, but is still there for the table.
    expect(march2021.region).toBeNull();
    expect(march2021.comparators.region?.symbol).toBe('x');
    expect(model.rows.find((row) => row.month === '2021-07')!.value).toBeNull();
  });

  it('leaves out the comparators that are not shown', () => {
    const only = buildChartModel(pi4SeriesFixture, ['england']);
    const march2020 = only.rows.find((row) => row.month === '2020-03')!;
    expect(march2020).toMatchObject({ statistical_neighbours: null, region: null, england: 84.3 });
  });

  it('changes the bands where the thresholds change, each covering whole months', () => {
    const { bands, yDomain } = model;
    expect(bands.map((b) => [b.status, b.x1, b.x2, b.y1, b.y2])).toEqual([
      // October 2019 – March 2021 (x 0–17): target > 85, failure < 75.
      ['red', -0.5, 17.5, yDomain[0], 75],
      ['amber', -0.5, 17.5, 75, 85],
      ['green', -0.5, 17.5, 85, yDomain[1]],
      // April 2021 onwards (x 18–23): failure moved to < 70.
      ['red', 17.5, 23.5, yDomain[0], 70],
      ['amber', 17.5, 23.5, 70, 85],
      ['green', 17.5, 23.5, 85, yDomain[1]],
    ]);
  });

  it('marks meetings in the range', () => {
    expect(model.meetings).toEqual([
      {
        key: 'meeting-2',
        x: 22,
        month: '2021-08',
        label: "Children's Services and Education Scrutiny Board, 23 August 2021",
        meetingId: 1,
      },
    ]);
  });

  it('shades relief events over the months they cover', () => {
    const relief = buildChartModel(pi6SeriesFixture, []);
    expect(relief.periods).toEqual([
      {
        key: 'relief_event-0-4',
        kind: 'relief_event',
        label: 'Relief event: COVID-19 relief event',
        x1: 3.5,
        x2: 11.5,
        fromMonth: '2020-08',
        toMonth: '2021-03',
      },
    ]);
  });
});

describe('bandRanges', () => {
  it('puts green below the target when lower is better', () => {
    const band = { targetOperator: '<', targetValue: 65, failureOperator: '>', failureValue: 80 } as const;
    expect(bandRanges(band, [40, 100])).toEqual([
      { status: 'green', y1: 40, y2: 65 },
      { status: 'amber', y1: 65, y2: 80 },
      { status: 'red', y1: 80, y2: 100 },
    ]);
  });

  it('clips bands to the chart and drops the ones outside it', () => {
    const band = { targetOperator: '>', targetValue: 85, failureOperator: '<', failureValue: 75 } as const;
    expect(bandRanges(band, [78, 84])).toEqual([{ status: 'amber', y1: 78, y2: 84 }]);
  });
});

describe('yDomainFor', () => {
  it('pads and rounds the range, keeping percentages within 0–100', () => {
    expect(yDomainFor([70.8, 87.6, 75, 85], 'percent')).toEqual({
      domain: [65, 90],
      decimals: 0,
      ticks: [65, 70, 75, 80, 85, 90],
    });
    expect(yDomainFor([2, 99], 'percent').domain).toEqual([0, 100]);
  });

  it('never goes below zero for figures that cannot', () => {
    expect(yDomainFor([1, 30], 'count').domain[0]).toBe(0);
  });

  it('steps in tenths or hundredths for small ranges', () => {
    expect(yDomainFor([17.8, 18.5, 19.1], 'average')).toMatchObject({ decimals: 1 });
  });

  it('gives a range even for one value or none', () => {
    expect(yDomainFor([18.5], 'average').domain[0]).toBeLessThan(18.5);
    expect(yDomainFor([], 'percent').domain).toEqual([0, 100]);
  });
});
