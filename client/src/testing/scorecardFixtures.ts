import type { ScorecardItem, ScorecardResponse } from '@kpi/shared';
import { annualComparator, fixtureSpc, monthlyPoints, specs } from './kpiFixtureHelpers';
import { s47MonitoredFixture } from './monitoredFixtures';

/**
 * The scorecard for March 2021 (financial year 2020/21), under the 2018 Service Delivery
 * Contract. Values are Sandwell-like: PI14 caseloads and the March 2021 PI2 rate are the published
 * figures; most other months are illustrative, as in the demo data. Includes a persistent failure
 * (PI4), months under the COVID relief event (PI6, PI11, PI13), a suppressed comparator (PI4,
 * West Midlands), a KPI with no figure this month (PI9) and KPIs that are not illustrative.
 */

const FROM = '2020-03';
const SN_LABEL = 'Statistical neighbours (DfE model April 2021)';
const SN_MODEL = 'DfE model April 2021';
const RELIEF_REASON =
  'No consequence this month because it is covered by the relief event "COVID-19 relief event", from 1 August 2020 to 30 September 2021 (SMBC agreed on 21 July 2020 that the coronavirus pandemic constituted a relief event).';

const pct = { unit: 'percent', precision: 1 } as const;

function notRelieved() {
  return { carriesConsequence: true, reason: null };
}

const pi4Spark = monthlyPoints(
  FROM,
  specs([87.1, 85.9, 82.3, 79.8, 78.1, 80.4, 83.2, 86.0, 76.5, 73.9, 72.0, 70.8, 72.4], 'GGAAAAAGARRRR').map((p, i) =>
    i === 12 ? { ...p, provenance: 'published_paper' as const } : p,
  ),
  'percent',
  1,
);

export const pi4Item = {
  code: 'PI4',
  title: 'The percentage of Single Assessments completed within 45 working days',
  shortTitle: 'Single Assessments within 45 working days',
  theme: 'front_door',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 1,
  measureType: 'flow',
  current: pi4Spark[12]!,
  reason: '72.4% is below the failure level of 75%, so it is in failure (less than 75%).',
  thresholds: {
    target: 'more than 85%',
    failure: 'less than 75%',
    summary:
      'Green: more than 85%; red: less than 75%; amber: anything in between (compared as shown, to 1 decimal place).',
  },
  failureValue: 75,
  consequence: notRelieved(),
  direction: {
    previousMonth: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 70.8,
      difference: 1.6,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'worsening',
      label: 'Worsening',
      comparisonValue: 87.1,
      difference: -14.7,
      month: '2020-03',
    },
  },
  streak: {
    status: 'red',
    months: 4,
    from: '2020-12',
    missingMonths: [],
    persistentFailure: true,
    reason:
      'In failure for 4 reported months (December 2020 to March 2021); 4 of them carry a consequence, more than 3, so this is a persistent failure.',
  },
  comparators: [
    annualComparator('statistical_neighbours', SN_LABEL, 2021, 83.9, {
      ...pct,
      source: 'computed',
      snModel: SN_MODEL,
      contributingCount: 9,
    }),
    annualComparator('region', 'West Midlands', 2021, null, { ...pct, symbol: 'x' }),
    annualComparator('england', 'England', 2021, 87.6, pct),
  ],
  sparkline: pi4Spark,
  commentary: {
    month: '2021-03',
    body: 'Timeliness fell from November as assessment demand rose after the second lockdown and two Safeguarding and Assessment Team managers left. Additional social workers joined the teams in February; the number of assessments open beyond 45 days has halved since January and we expect performance to return to tolerance by June 2021.',
    author: 'Head of Performance, Sandwell Children’s Trust',
    updatedAt: '2021-04-14T09:30:00.000Z',
  },
  spc: fixtureSpc(pi4Spark, 'higher_is_better'),
  illustrative: true,
  bandsIllustrative: false,
} satisfies ScorecardItem;

const pi1Spark = monthlyPoints(
  FROM,
  specs([78.2, 77.0, 74.1, 73.6, 76.9, 79.4, 80.2, 81.0, 79.9, 80.8, 81.5, 82.6, 82.1], 'GGAAGGGGGGGGG'),
  'percent',
  1,
);

const pi1Item = {
  code: 'PI1',
  title: 'The percentage of contacts accepted as a MASH referral within 24 hours',
  shortTitle: 'Contacts accepted as MASH referrals within 24 hours',
  theme: 'front_door',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 1,
  measureType: 'snapshot',
  current: pi1Spark[12]!,
  reason: '82.1% meets the target of more than 75%.',
  thresholds: {
    target: 'more than 75%',
    failure: 'less than 65%',
    summary:
      'Green: more than 75%; red: less than 65%; amber: anything in between (compared as shown, to 1 decimal place).',
  },
  failureValue: 65,
  consequence: notRelieved(),
  direction: {
    previousMonth: {
      direction: 'worsening',
      label: 'Worsening',
      comparisonValue: 82.6,
      difference: -0.5,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 78.2,
      difference: 3.9,
      month: '2020-03',
    },
  },
  streak: {
    status: 'green',
    months: 9,
    from: '2020-07',
    missingMonths: [],
    persistentFailure: false,
    reason: 'On target for 9 reported months (July 2020 to March 2021).',
  },
  comparators: [],
  sparkline: pi1Spark,
  commentary: null,
  spc: fixtureSpc(pi1Spark, 'higher_is_better'),
  illustrative: true,
  bandsIllustrative: false,
} satisfies ScorecardItem;

const pi5Spark = monthlyPoints(
  FROM,
  specs([8, 6, 11, 14, 12, 9, 13, 17, 21, 19, 15, 14, 12], 'GGAAAGAAAAAAA', 'uploaded_return'),
  'count',
  0,
);

const pi5Item = {
  code: 'PI5',
  title: 'The number of children unallocated for longer than 5 working days',
  shortTitle: 'Children unallocated for more than 5 working days',
  theme: 'front_door',
  unit: 'count',
  polarity: 'lower_is_better',
  precision: 0,
  measureType: 'snapshot',
  current: pi5Spark[12]!,
  reason: '12 is above the target of less than 10 but below the failure level of 30.',
  thresholds: {
    target: 'less than 10',
    failure: 'more than 30',
    summary:
      'Green: less than 10; red: more than 30; amber: anything in between (compared as shown, to the nearest whole number).',
  },
  failureValue: 30,
  consequence: notRelieved(),
  direction: {
    previousMonth: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 14,
      difference: -2,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'worsening',
      label: 'Worsening',
      comparisonValue: 8,
      difference: 4,
      month: '2020-03',
    },
  },
  streak: {
    status: 'amber',
    months: 7,
    from: '2020-09',
    missingMonths: [],
    persistentFailure: false,
    reason: 'Amber for 7 reported months (September 2020 to March 2021).',
  },
  comparators: [],
  sparkline: pi5Spark,
  commentary: null,
  spc: fixtureSpc(pi5Spark, 'lower_is_better'),
  illustrative: false,
  bandsIllustrative: false,
} satisfies ScorecardItem;

const pi2Spark = monthlyPoints(
  FROM,
  specs([70.4, 69.8, 68.1, 66.9, 65.2, 64.0, 63.1, 62.5, 61.7, 60.9, 60.2, 59.4, 58.8], 'AAAAAGGGGGGGG').map((p, i) =>
    i === 12 ? { ...p, provenance: 'published_paper' as const } : p,
  ),
  'rate_per_10k',
  1,
);

const pi2Item = {
  code: 'PI2',
  title: 'The rate of children who are the subject of a Child Protection Plan (per 10,000) of our child population',
  shortTitle: 'Children on a Child Protection Plan per 10,000',
  theme: 'child_protection',
  unit: 'rate_per_10k',
  polarity: 'lower_is_better',
  precision: 1,
  measureType: 'snapshot',
  current: pi2Spark[12]!,
  reason: '58.8 per 10,000 meets the target of less than 65 per 10,000.',
  thresholds: {
    target: 'less than 65 per 10,000',
    failure: 'more than 80 per 10,000',
    summary:
      'Green: less than 65 per 10,000; red: more than 80 per 10,000; amber: anything in between (compared as shown, to 1 decimal place).',
  },
  failureValue: 80,
  consequence: notRelieved(),
  direction: {
    previousMonth: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 59.4,
      difference: -0.6,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 70.4,
      difference: -11.6,
      month: '2020-03',
    },
  },
  streak: {
    status: 'green',
    months: 8,
    from: '2020-08',
    missingMonths: [],
    persistentFailure: false,
    reason: 'On target for 8 reported months (August 2020 to March 2021).',
  },
  comparators: [
    annualComparator('statistical_neighbours', SN_LABEL, 2020, 54.5, {
      unit: 'rate_per_10k',
      precision: 1,
      source: 'published_paper',
      sourceRelease: 'Sandwell Children’s Trust Annual Review 2020/21',
      snModel: SN_MODEL,
      contributingCount: 10,
    }),
    annualComparator('region', 'West Midlands', 2020, 49.1, { unit: 'rate_per_10k', precision: 1 }),
    annualComparator('england', 'England', 2020, 42.8, {
      unit: 'rate_per_10k',
      precision: 1,
      source: 'published_paper',
      sourceRelease: 'Sandwell Children’s Trust Annual Review 2020/21',
    }),
  ],
  sparkline: pi2Spark,
  commentary: {
    month: '2021-03',
    body: 'The Trust began the year with 673 children on a Child Protection Plan and ended it with 485, after a review of plans open for more than 18 months.',
    author: null,
    updatedAt: '2021-04-12T16:00:00.000Z',
  },
  spc: fixtureSpc(pi2Spark, 'lower_is_better'),
  illustrative: true,
  bandsIllustrative: false,
} satisfies ScorecardItem;

const pi6Spark = monthlyPoints(
  FROM,
  specs([84.5, 79.1, 76.3, 78.8, 81.2, 80.6, 77.9, 75.2, 73.4, 71.8, 70.2, 69.1, 68.0], 'GAAAGGAAAAARR'),
  'percent',
  1,
);

const pi6Item = {
  code: 'PI6',
  title: 'The percentage of children subject to a CP Plan visited within 2 weeks',
  shortTitle: 'Children on a CP Plan visited within 2 weeks',
  theme: 'child_protection',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 1,
  measureType: 'flow',
  current: pi6Spark[12]!,
  reason: '68.0% is below the failure level of 70%, so it is in failure (less than 70%).',
  thresholds: {
    target: 'more than 80%',
    failure: 'less than 70%',
    summary:
      'Green: more than 80%; red: less than 70%; amber: anything in between (compared as shown, to 1 decimal place).',
  },
  failureValue: 70,
  consequence: { carriesConsequence: false, reason: RELIEF_REASON },
  direction: {
    previousMonth: {
      direction: 'worsening',
      label: 'Worsening',
      comparisonValue: 69.1,
      difference: -1.1,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'worsening',
      label: 'Worsening',
      comparisonValue: 84.5,
      difference: -16.5,
      month: '2020-03',
    },
  },
  streak: {
    status: 'red',
    months: 2,
    from: '2021-02',
    missingMonths: [],
    persistentFailure: false,
    reason:
      'In failure for 2 reported months (February 2021 to March 2021); 0 of them carry a consequence, not more than 3, so this is not yet a persistent failure.',
  },
  comparators: [],
  sparkline: pi6Spark,
  commentary: {
    month: '2021-03',
    body: 'Visits to households that were self-isolating were held virtually and are not counted as visits within two weeks.',
    author: null,
    updatedAt: '2021-04-12T16:00:00.000Z',
  },
  spc: fixtureSpc(pi6Spark, 'higher_is_better'),
  illustrative: true,
  bandsIllustrative: false,
} satisfies ScorecardItem;

const pi11Spark = monthlyPoints(
  FROM,
  specs([92.3, 90.8, 89.2, 88.5, 90.4, 91.1, 90.9, 91.6, 92.0, 90.2, 89.4, 90.7, 91.5], 'GGAAGGGGGGAGG'),
  'percent',
  1,
);

const pi11Item = {
  code: 'PI11',
  title: 'The percentage of Children in Care visited in accordance with statutory requirements',
  shortTitle: 'Children in care visited on time',
  theme: 'children_in_care',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 1,
  measureType: 'snapshot',
  current: pi11Spark[12]!,
  reason: '91.5% meets the target of more than 90%.',
  thresholds: {
    target: 'more than 90%',
    failure: 'less than 80%',
    summary:
      'Green: more than 90%; red: less than 80%; amber: anything in between (compared as shown, to 1 decimal place).',
  },
  failureValue: 80,
  consequence: { carriesConsequence: false, reason: RELIEF_REASON },
  direction: {
    previousMonth: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 90.7,
      difference: 0.8,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'worsening',
      label: 'Worsening',
      comparisonValue: 92.3,
      difference: -0.8,
      month: '2020-03',
    },
  },
  streak: {
    status: 'green',
    months: 2,
    from: '2021-02',
    missingMonths: [],
    persistentFailure: false,
    reason: 'On target for 2 reported months (February 2021 to March 2021).',
  },
  comparators: [],
  sparkline: pi11Spark,
  commentary: null,
  spc: fixtureSpc(pi11Spark, 'higher_is_better'),
  illustrative: true,
  bandsIllustrative: false,
} satisfies ScorecardItem;

const pi13Spark = monthlyPoints(
  FROM,
  specs([38.2, 38.9, 37.5, 36.8, 35.9, 36.4, 37.2, 37.8, 36.1, 35.5, 34.8, 34.2, 34.0], 'RRRAAARRAAAAA'),
  'percent',
  1,
);

const workforce = (value: number, line: 'statistical_neighbours' | 'region' | 'england', label: string) =>
  annualComparator(line, label, 2021, value, {
    ...pct,
    timePeriod: '2020',
    periodStart: '2020-09-30',
    periodEnd: '2020-09-30',
    sourceRelease: 'Children’s social work workforce 2020',
    ...(line === 'statistical_neighbours' ? { source: 'computed', snModel: SN_MODEL, contributingCount: 10 } : {}),
  });

const pi13Item = {
  code: 'PI13',
  title: 'The vacancy rate of permanent front line Social Workers',
  shortTitle: 'Social worker vacancy rate',
  theme: 'workforce',
  unit: 'percent',
  polarity: 'lower_is_better',
  precision: 1,
  measureType: 'snapshot',
  current: pi13Spark[12]!,
  reason: '34.0% is above the target of less than 32% but below the failure level of 37%.',
  thresholds: {
    target: 'less than 32%',
    failure: 'more than 37%',
    summary:
      'Green: less than 32%; red: more than 37%; amber: anything in between (compared as shown, to 1 decimal place).',
  },
  failureValue: 37,
  consequence: { carriesConsequence: false, reason: RELIEF_REASON },
  direction: {
    previousMonth: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 34.2,
      difference: -0.2,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 38.2,
      difference: -4.2,
      month: '2020-03',
    },
  },
  streak: {
    status: 'amber',
    months: 5,
    from: '2020-11',
    missingMonths: [],
    persistentFailure: false,
    reason: 'Amber for 5 reported months (November 2020 to March 2021).',
  },
  comparators: [
    workforce(19.6, 'statistical_neighbours', SN_LABEL),
    workforce(17.4, 'region', 'West Midlands'),
    workforce(16.1, 'england', 'England'),
  ],
  sparkline: pi13Spark,
  commentary: null,
  spc: fixtureSpc(pi13Spark, 'lower_is_better'),
  illustrative: true,
  bandsIllustrative: false,
} satisfies ScorecardItem;

const pi14Spark = monthlyPoints(
  FROM,
  specs(
    [19.1, 18.92, 18.75, 18.4, 18.66, 18.2, 18.05, 17.95, 18.31, 18.02, 17.88, 17.92, 17.8],
    'AAAGAGGGGGGGG',
    'published_paper',
  ),
  'average',
  2,
);

const pi14Item = {
  code: 'PI14',
  title: 'Average caseloads across the service',
  shortTitle: 'Average caseload',
  theme: 'workforce',
  unit: 'average',
  polarity: 'lower_is_better',
  precision: 2,
  measureType: 'snapshot',
  current: pi14Spark[12]!,
  reason: '17.80 meets the target of less than 18.5.',
  thresholds: {
    target: 'less than 18.5',
    failure: 'more than 23',
    summary:
      'Green: less than 18.5; red: more than 23; amber: anything in between (compared as shown, to 2 decimal places).',
  },
  failureValue: 23,
  consequence: notRelieved(),
  direction: {
    previousMonth: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 17.92,
      difference: -0.12,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'improving',
      label: 'Improving',
      comparisonValue: 19.1,
      difference: -1.3,
      month: '2020-03',
    },
  },
  streak: {
    status: 'green',
    months: 8,
    from: '2020-08',
    missingMonths: [],
    persistentFailure: false,
    reason: 'On target for 8 reported months (August 2020 to March 2021).',
  },
  comparators: [],
  sparkline: pi14Spark,
  commentary: null,
  spc: fixtureSpc(pi14Spark, 'lower_is_better'),
  illustrative: false,
  bandsIllustrative: false,
} satisfies ScorecardItem;

const pi15Spark = monthlyPoints(
  FROM,
  specs([58, 61, 57, 52, 49, 47, 51, 45, 44, 43, 41, 39, 38], 'GGGAAAAAAAARR'),
  'percent',
  0,
);

const pi15Item = {
  code: 'PI15',
  title: 'The percentage of case file audits that are rated Requires Improvement or better',
  shortTitle: 'Case file audits rated Requires Improvement or better',
  theme: 'other',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 0,
  measureType: 'flow',
  current: pi15Spark[12]!,
  reason: '38% is below the failure level of 40%, so it is in failure (less than 40%).',
  thresholds: {
    target: 'more than 55%',
    failure: 'less than 40%',
    summary:
      'Green: more than 55%; red: less than 40%; amber: anything in between (compared as shown, to the nearest whole number).',
  },
  failureValue: 40,
  consequence: notRelieved(),
  direction: {
    previousMonth: {
      direction: 'worsening',
      label: 'Worsening',
      comparisonValue: 39,
      difference: -1,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'worsening',
      label: 'Worsening',
      comparisonValue: 58,
      difference: -20,
      month: '2020-03',
    },
  },
  streak: {
    status: 'red',
    months: 2,
    from: '2021-02',
    missingMonths: [],
    persistentFailure: false,
    reason:
      'In failure for 2 reported months (February 2021 to March 2021); 2 of them carry a consequence, not more than 3, so this is not yet a persistent failure.',
  },
  comparators: [],
  sparkline: pi15Spark,
  commentary: null,
  spc: fixtureSpc(pi15Spark, 'higher_is_better'),
  illustrative: true,
  bandsIllustrative: false,
} satisfies ScorecardItem;

const pi9Spark = monthlyPoints(
  FROM,
  specs([64.2, 58.3, 55.0, 61.9, 66.7, 71.4, 69.2, 62.5, 57.1, 60.0, 63.6, 58.8, null], 'AAAAAGAAAAAAN'),
  'percent',
  1,
);

const pi9Item = {
  code: 'PI9',
  title:
    'The percentage of young people returning from a missing episode who have had a return interview within 72 hours',
  shortTitle: 'Return interviews within 72 hours',
  theme: 'other',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 1,
  measureType: 'flow',
  current: pi9Spark[12]!,
  reason: 'No figure was reported for this month.',
  thresholds: {
    target: 'more than 70%',
    failure: 'less than 50%',
    summary:
      'Green: more than 70%; red: less than 50%; amber: anything in between (compared as shown, to 1 decimal place).',
  },
  failureValue: 50,
  consequence: notRelieved(),
  direction: {
    previousMonth: {
      direction: 'not_available',
      label: 'Not available',
      comparisonValue: 58.8,
      difference: null,
      month: '2021-02',
    },
    sameMonthLastYear: {
      direction: 'not_available',
      label: 'Not available',
      comparisonValue: 64.2,
      difference: null,
      month: '2020-03',
    },
  },
  streak: {
    status: 'amber',
    months: 5,
    from: '2020-10',
    missingMonths: ['2021-03'],
    persistentFailure: false,
    reason: 'Amber for 5 reported months (October 2020 to February 2021), with 1 month missing.',
  },
  comparators: [],
  sparkline: pi9Spark,
  commentary: null,
  spc: fixtureSpc(pi9Spark, 'higher_is_better'),
  illustrative: true,
  bandsIllustrative: false,
} satisfies ScorecardItem;

export const scorecardFixture = {
  month: '2021-03',
  financialYear: '2020-21',
  kpiSet: {
    code: 'CONTRACT-2018',
    name: 'Service Delivery Contract KPIs (2018)',
    persistentFailureMonths: 3,
    illustrativeNote: null,
  },
  availableMonths: { from: '2019-04', to: '2021-09' },
  periods: [
    {
      from: '2019-04',
      to: '2021-09',
      kpiSetCode: 'CONTRACT-2018',
      kpiSetName: 'Service Delivery Contract KPIs (2018)',
    },
  ],
  noSetNote: null,
  items: [pi1Item, pi4Item, pi5Item, pi2Item, pi6Item, pi11Item, pi13Item, pi14Item, pi9Item, pi15Item],
  monitored: [s47MonitoredFixture],
  counts: { green: 4, amber: 2, red: 3, no_data: 1 },
  publication: { published: true, note: null },
} satisfies ScorecardResponse;

/** The same KPIs a month earlier, as the server would answer `?month=2021-02`. */
export const februaryScorecardFixture = {
  ...scorecardFixture,
  month: '2021-02',
} satisfies ScorecardResponse;

/** A month before any KPI set was in force. */
export const noKpiSetScorecardFixture = {
  month: '2019-04',
  financialYear: '2019-20',
  kpiSet: null,
  availableMonths: { from: '2019-04', to: '2021-09' },
  periods: [
    {
      from: '2019-04',
      to: '2021-09',
      kpiSetCode: 'CONTRACT-2018',
      kpiSetName: 'Service Delivery Contract KPIs (2018)',
    },
  ],
  noSetNote:
    'No contract KPI set was in force in April 2019, so no figure is rated against bands this month. The indicators below are monitored without bands.',
  items: [],
  monitored: [s47MonitoredFixture],
  counts: { green: 0, amber: 0, red: 0, no_data: 0 },
  publication: { published: true, note: null },
} satisfies ScorecardResponse;
