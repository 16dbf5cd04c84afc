import type { IndicatorDetail, RagStatus } from '@kpi/shared';
import { annualComparator, type BandSpec, monthlyPoints, seriesPoints, specs, withSpc } from './kpiFixtureHelpers';

/**
 * PI4's monthly series, October 2019 to September 2021: red from December 2020 to March 2021
 * (persistent failure), new bands from April 2021 (failure moved from < 75% to < 70%), a board
 * meeting in August 2021, annual DfE comparators with a suppressed West Midlands figure for
 * 2020/21, a published March 2021 figure, monthly returns from April 2021 (one revised), one
 * month with no figure and illustrative months before.
 */

const pct = { unit: 'percent', precision: 1 } as const;
const SN_LABEL = 'Statistical neighbours (DfE model April 2021)';
const SN_MODEL = 'DfE model April 2021';

const BAND_2018: BandSpec = { targetOperator: '>', targetValue: 85, failureOperator: '<', failureValue: 75 };
const BAND_2021: BandSpec = { targetOperator: '>', targetValue: 85, failureOperator: '<', failureValue: 70 };

const PI4_VALUES = [
  86.2,
  85.4,
  83.9,
  84.6,
  86.8,
  87.1,
  85.9,
  82.3,
  79.8,
  78.1,
  80.4,
  83.2,
  86.0,
  76.5,
  73.9,
  72.0,
  70.8,
  72.4,
  74.1,
  78.6,
  81.0,
  null,
  84.2,
  86.4,
];
const PI4_STATUSES = 'GGAAGGGAAAAAGARRRRAAANAG';

const pi4Monthly = monthlyPoints(
  '2019-10',
  specs(PI4_VALUES, PI4_STATUSES).map((spec, i) => {
    if (i === 17) return { ...spec, provenance: 'published_paper' as const };
    if (i >= 18 && spec.value !== null) return { ...spec, provenance: 'uploaded_return' as const, revised: i === 19 };
    return spec;
  }),
  'percent',
  1,
);

const REASONS: Record<RagStatus, (display: string, band: BandSpec) => string> = {
  green: (d, b) => `${d} meets the target of more than ${b.targetValue}%.`,
  amber: (d, b) =>
    `${d} is below the target of more than ${b.targetValue}% but above the failure level of ${b.failureValue}%.`,
  red: (d, b) =>
    `${d} is below the failure level of ${b.failureValue}%, so it is in failure (less than ${b.failureValue}%).`,
  no_data: () => 'No figure was reported for this month.',
};

export const pi4Detail = {
  code: 'PI4',
  title: 'The percentage of Single Assessments completed within 45 working days',
  shortTitle: 'Single Assessments within 45 working days',
  theme: 'front_door',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 1,
  measureType: 'flow',
  definition:
    'The percentage of Single Assessments completed within 45 working days, the statutory maximum. Contract performance indicator PI4.',
  whyItMatters:
    "It shows how timely children's Single Assessments are, against the statutory maximum expectation of 45 working days.",
  comparatorMeasure: 'assessment_timeliness_pct',
  comparatorDifference: null,
  kpiSets: [
    {
      code: 'CONTRACT-2018',
      name: 'Service Delivery Contract KPIs (2018)',
      effectiveFrom: '2018-04-01',
      effectiveTo: '2024-03-31',
    },
  ],
  thresholds: [
    {
      effectiveFrom: '2018-04-01',
      effectiveTo: '2021-03-31',
      targetOperator: '>',
      targetValue: 85,
      failureOperator: '<',
      failureValue: 75,
      sourceText: 'Target: > 85%; Tolerance: >75%; Failure: < 75%',
      kpiSetCode: 'CONTRACT-2018',
      illustrative: false,
      words: {
        target: 'more than 85%',
        failure: 'less than 75%',
        summary:
          'Green: more than 85%; red: less than 75%; amber: anything in between (compared as shown, to 1 decimal place).',
      },
    },
    {
      effectiveFrom: '2021-04-01',
      effectiveTo: null,
      targetOperator: '>',
      targetValue: 85,
      failureOperator: '<',
      failureValue: 70,
      sourceText: 'Contract variation 2021: Target > 85%; Failure < 70%',
      kpiSetCode: 'CONTRACT-2018',
      illustrative: false,
      words: {
        target: 'more than 85%',
        failure: 'less than 70%',
        summary:
          'Green: more than 85%; red: less than 70%; amber: anything in between (compared as shown, to 1 decimal place).',
      },
    },
  ],
  gracePeriods: [],
  reliefEvents: [],
} satisfies IndicatorDetail;

export const pi4SeriesFixture = withSpc({
  indicator: pi4Detail,
  view: 'monthly',
  from: '2019-10',
  to: '2021-09',
  points: seriesPoints(pi4Monthly, (point) => {
    const band = point.month >= '2021-04' ? BAND_2021 : BAND_2018;
    return {
      band,
      reason: REASONS[point.status](point.displayValue, band),
      sourceNote: point.month === '2021-03' ? 'Trust Annual Review 2020/21, section (c)' : null,
    };
  }),
  comparators: [
    {
      line: 'statistical_neighbours',
      label: SN_LABEL,
      points: [
        annualComparator('statistical_neighbours', SN_LABEL, 2020, 82.6, {
          ...pct,
          source: 'computed',
          snModel: SN_MODEL,
          contributingCount: 10,
        }),
        annualComparator('statistical_neighbours', SN_LABEL, 2021, 83.9, {
          ...pct,
          source: 'computed',
          snModel: SN_MODEL,
          contributingCount: 9,
        }),
      ],
    },
    {
      line: 'region',
      label: 'West Midlands',
      points: [
        annualComparator('region', 'West Midlands', 2020, 83.4, pct),
        annualComparator('region', 'West Midlands', 2021, null, { ...pct, symbol: 'x' }),
      ],
    },
    {
      line: 'england',
      label: 'England',
      points: [
        annualComparator('england', 'England', 2020, 84.3, pct),
        annualComparator('england', 'England', 2021, 87.6, pct),
      ],
    },
  ],
  annotations: [
    {
      kind: 'threshold_change',
      label: 'New thresholds from 1 April 2021: target > 85%',
      from: '2021-04-01',
      to: null,
      meetingId: null,
    },
    {
      kind: 'kpi_set_change',
      label: 'Service Delivery Contract KPIs (2018) in force',
      from: '2018-04-01',
      to: '2024-03-31',
      meetingId: null,
    },
    {
      kind: 'meeting',
      label: "Children's Services and Education Scrutiny Board, 23 August 2021",
      from: '2021-08-23',
      to: null,
      meetingId: 1,
    },
  ],
  commentary: [
    {
      month: '2021-03',
      body: 'Timeliness fell from November as assessment demand rose after the second lockdown.\n\nAdditional social workers joined the Safeguarding and Assessment Teams in February.',
      author: 'Head of Performance, Sandwell Children’s Trust',
      updatedAt: '2021-04-14T09:30:00.000Z',
    },
    {
      month: '2021-09',
      body: 'Back on target for the first time since October 2020.',
      author: null,
      updatedAt: '2021-10-12T10:00:00.000Z',
    },
  ],
  statusCounts: { green: 7, amber: 12, red: 4, no_data: 1 },
  // Illustrative figures go back to April 2019, before the range shown.
  viewMethod: null,
  comparatorNote: null,
  dataRange: { from: '2019-04', to: '2021-09' },
  streak: {
    status: 'green',
    months: 1,
    from: '2021-09',
    missingMonths: [],
    persistentFailure: false,
    reason: 'On target for 1 reported month (September 2021).',
  },
});

/** PI4 to March 2021, as opened from the March 2021 scorecard: red for 4 months, a persistent failure. */
export const pi4ToMarch2021Fixture = withSpc({
  ...pi4SeriesFixture,
  to: '2021-03',
  points: pi4SeriesFixture.points.slice(0, 18),
  commentary: pi4SeriesFixture.commentary.filter((c) => c.month <= '2021-03'),
  statusCounts: { green: 6, amber: 8, red: 4, no_data: 0 },
  streak: {
    status: 'red',
    months: 4,
    from: '2020-12',
    missingMonths: [],
    persistentFailure: true,
    reason:
      'In failure for 4 reported months (December 2020 to March 2021); 4 of them carry a consequence, more than 3, so this is a persistent failure.',
  },
});

/** The same range as rolling 12-month figures (values as the server would send; only the view differs here). */
export const pi4Rolling12Fixture = withSpc({
  ...pi4SeriesFixture,
  view: 'rolling12',
  viewMethod: { method: 'ratio_of_sums', label: 'Sum of numerators ÷ sum of denominators', rated: true },
  points: pi4SeriesFixture.points.map((p) => ({
    ...p,
    aggregationNote: p.value === null ? 'The 12 months to this month are not all reported.' : null,
    aggregate: {
      method: 'ratio_of_sums' as const,
      words: `Sum of numerators ÷ sum of denominators over 12 months, to ${p.month}`,
      rated: true,
      ratingNote: null,
    },
  })),
});

const RELIEF_REASON =
  'No consequence this month because it is covered by the relief event "COVID-19 relief event", from 1 August 2020 to 30 September 2021 (SMBC agreed on 21 July 2020 that the coronavirus pandemic constituted a relief event).';
const PI6_BAND: BandSpec = { targetOperator: '>', targetValue: 80, failureOperator: '<', failureValue: 70 };

/** PI6 in 2020/21: months from August 2020 under the COVID relief event, and no comparators. */
export const pi6SeriesFixture = withSpc({
  indicator: {
    ...pi4Detail,
    code: 'PI6',
    title: 'The percentage of children subject to a CP Plan visited within 2 weeks',
    shortTitle: 'Children on a CP Plan visited within 2 weeks',
    theme: 'child_protection',
    comparatorMeasure: null,
    comparatorDifference: null,
    thresholds: [
      {
        effectiveFrom: '2018-04-01',
        effectiveTo: null,
        targetOperator: '>',
        targetValue: 80,
        failureOperator: '<',
        failureValue: 70,
        sourceText: 'Target: > 80%; Tolerance: > 70%; Failure: < 70%',
        kpiSetCode: 'CONTRACT-2018',
        illustrative: false,
        words: {
          target: 'more than 80%',
          failure: 'less than 70%',
          summary:
            'Green: more than 80%; red: less than 70%; amber: anything in between (compared as shown, to 1 decimal place).',
        },
      },
    ],
    reliefEvents: [
      {
        name: 'COVID-19 relief event',
        startsOn: '2020-08-01',
        endsOn: '2021-09-30',
        reason: 'SMBC agreed on 21 July 2020 that the coronavirus pandemic constituted a relief event.',
      },
    ],
  },
  view: 'monthly',
  from: '2020-04',
  to: '2021-03',
  points: seriesPoints(
    monthlyPoints(
      '2020-04',
      specs([79.1, 76.3, 78.8, 81.2, 80.6, 77.9, 75.2, 73.4, 71.8, 70.2, 69.1, 68.0], 'AAAGGAAAAARR'),
      'percent',
      1,
    ),
    (point) => {
      const relieved = point.month >= '2020-08';
      return {
        band: PI6_BAND,
        reason: REASONS[point.status](point.displayValue, PI6_BAND),
        carriesConsequence: !relieved,
        consequenceReason: relieved ? RELIEF_REASON : null,
      };
    },
  ),
  comparators: [
    { line: 'statistical_neighbours', label: 'Statistical neighbours', points: [] },
    { line: 'region', label: 'West Midlands', points: [] },
    { line: 'england', label: 'England', points: [] },
  ],
  annotations: [
    {
      kind: 'relief_event',
      label: 'Relief event: COVID-19 relief event',
      from: '2020-08-01',
      to: '2021-09-30',
      meetingId: null,
    },
  ],
  commentary: [],
  statusCounts: { green: 2, amber: 8, red: 2, no_data: 0 },
  viewMethod: null,
  comparatorNote: null,
  dataRange: { from: '2018-04', to: '2021-09' },
  streak: {
    status: 'red',
    months: 2,
    from: '2021-02',
    missingMonths: [],
    persistentFailure: false,
    reason:
      'In failure for 2 reported months (February 2021 to March 2021); 0 of them carry a consequence, not more than 3, so this is not yet a persistent failure.',
  },
});
