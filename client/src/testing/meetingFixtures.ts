import type { BriefingKpi, MeetingBriefing, MeetingListResponse } from '@kpi/shared';
import { s47MonitoredFixture } from './monitoredFixtures';

const BOARD = "Children's Services and Education Scrutiny Board";

/** The four Scrutiny Board meetings in the papers, oldest first as the server sends them. */
export const meetingsFixture = {
  meetings: [
    {
      id: 1,
      board: BOARD,
      heldOn: '2021-08-23',
      monthsFrom: '2020-04',
      monthsTo: '2021-03',
      publishedAt: '2021-08-13T09:00:00.000Z',
      locked: true,
    },
    {
      id: 2,
      board: BOARD,
      heldOn: '2024-03-25',
      monthsFrom: '2023-09',
      monthsTo: '2024-02',
      publishedAt: '2024-03-15T09:00:00.000Z',
      locked: true,
    },
    {
      id: 3,
      board: BOARD,
      heldOn: '2025-03-24',
      monthsFrom: '2024-04',
      monthsTo: '2024-12',
      publishedAt: null,
      locked: false,
    },
  ],
} satisfies MeetingListResponse;

const pi4 = {
  code: 'PI4',
  title: 'Single Assessments within 45 working days',
  status: 'red',
  previousStatus: 'green',
  displayValue: '72.4%',
  previousDisplayValue: '87.1%',
  difference: -14.7,
  differenceDisplay: '−14.7 percentage points',
  directionLabel: 'Worsening',
  streakReason:
    'In failure for 4 reported months (December 2020 to March 2021); 4 of them carry a consequence, more than 3, so this is a persistent failure.',
  persistentFailure: true,
  illustrative: true,
  commentary: 'Additional social workers joined the Safeguarding and Assessment Teams in February.',
  signal: { kind: 'normal_variation', words: 'Within normal variation (SPC): not a signal of change.' },
  movement: 'worsening',
  failureDistance: '2.6 percentage points beyond the failure level',
} satisfies BriefingKpi;

const pi15 = {
  code: 'PI15',
  title: 'Case file audits rated Requires Improvement or better',
  status: 'red',
  previousStatus: 'green',
  displayValue: '38%',
  previousDisplayValue: '58%',
  difference: -20,
  differenceDisplay: '−20 percentage points',
  directionLabel: 'Worsening',
  streakReason:
    'In failure for 2 reported months (February 2021 to March 2021); 2 of them carry a consequence, not more than 3, so this is not yet a persistent failure.',
  persistentFailure: false,
  illustrative: true,
  commentary: null,
  signal: { kind: 'normal_variation', words: 'Within normal variation (SPC): not a signal of change.' },
  movement: 'worsening',
  failureDistance: '2 percentage points beyond the failure level',
} satisfies BriefingKpi;

const pi13 = {
  code: 'PI13',
  title: 'Social worker vacancy rate',
  status: 'amber',
  previousStatus: 'red',
  displayValue: '34.0%',
  previousDisplayValue: '38.2%',
  difference: -4.2,
  differenceDisplay: '−4.2 percentage points',
  directionLabel: 'Improving',
  streakReason: 'Amber for 5 reported months (November 2020 to March 2021).',
  persistentFailure: false,
  illustrative: true,
  commentary: null,
  signal: { kind: 'normal_variation', words: 'Within normal variation (SPC): not a signal of change.' },
  movement: 'improving',
  failureDistance: '3.0 percentage points from the failure level',
} satisfies BriefingKpi;

const pi2 = {
  code: 'PI2',
  title: 'Children on a Child Protection Plan per 10,000',
  status: 'green',
  previousStatus: 'amber',
  displayValue: '58.8 per 10,000',
  previousDisplayValue: '70.4 per 10,000',
  difference: -11.6,
  differenceDisplay: '−11.6 per 10,000',
  directionLabel: 'Improving',
  streakReason: 'On target for 8 reported months (August 2020 to March 2021).',
  persistentFailure: false,
  illustrative: true,
  commentary: null,
  signal: { kind: 'normal_variation', words: 'Within normal variation (SPC): not a signal of change.' },
  movement: 'improving',
  failureDistance: '21.2 per 10,000 from the failure level',
} satisfies BriefingKpi;

/** Briefing for the August 2021 meeting: March 2021 against March 2020 (no earlier meeting). */
export const briefingFixture = {
  meeting: meetingsFixture.meetings[0]!,
  previousMeeting: null,
  month: '2021-03',
  comparedWithMonth: '2020-03',
  turnedRed: [pi4, pi15],
  recovered: [pi13],
  persistentFailure: [pi4],
  largestMovements: [pi15, pi4, pi13, pi2],
  byStatus: {
    green: [{ code: 'PI2', title: 'Children on a Child Protection Plan per 10,000' }],
    amber: [{ code: 'PI13', title: 'Social worker vacancy rate' }],
    red: [
      { code: 'PI4', title: 'Single Assessments within 45 working days' },
      { code: 'PI15', title: 'Case file audits rated Requires Improvement or better' },
    ],
    no_data: [],
  },
  gapNote: null,
  comparatorPosition: [
    {
      code: 'PI4',
      title: 'Single Assessments within 45 working days',
      displayValue: '72.4%',
      council: {
        displayValue: '72.4%',
        label: 'Sandwell’s March 2021 figure (illustrative); DfE has no council figure for the comparators’ year',
        official: false,
        illustrative: true,
      },
      lines: [
        {
          line: 'statistical_neighbours',
          label: 'Statistical neighbours (DfE model April 2021)',
          displayValue: '83.9%',
          timePeriod: '2020/21',
          position: 'worse',
          sentence: 'Sandwell’s figure is worse than this.',
          testNote:
            'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
          notes: [],
        },
        {
          line: 'region',
          label: 'West Midlands',
          displayValue: 'x',
          timePeriod: '2020/21',
          position: 'not_comparable',
          sentence: null,
          testNote: null,
          notes: [],
        },
        {
          line: 'england',
          label: 'England',
          displayValue: '87.6%',
          timePeriod: '2020/21',
          position: 'worse',
          sentence: 'Sandwell’s March 2021 figure (illustrative), 72.4%, is worse than England, 87.6% (2020/21).',
          testNote:
            'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
          notes: [],
        },
      ],
    },
    {
      code: 'PI2',
      title: 'Children on a Child Protection Plan per 10,000',
      displayValue: '58.8 per 10,000',
      council: {
        displayValue: '56.1 per 10,000',
        label: 'Sandwell’s DfE figure for 2019/20 (official)',
        official: true,
        illustrative: false,
      },
      lines: [
        {
          line: 'statistical_neighbours',
          label: 'Statistical neighbours (DfE model April 2021)',
          displayValue: '54.5 per 10,000',
          timePeriod: '2019/20',
          position: 'worse',
          sentence: 'Sandwell’s figure is worse than this.',
          testNote:
            'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
          notes: [],
        },
        {
          line: 'region',
          label: 'West Midlands',
          displayValue: '49.1 per 10,000',
          timePeriod: '2019/20',
          position: 'worse',
          sentence: 'Sandwell’s figure is worse than this.',
          testNote:
            'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
          notes: [],
        },
        {
          line: 'england',
          label: 'England',
          displayValue: '42.8 per 10,000',
          timePeriod: '2019/20',
          position: 'worse',
          sentence: 'Sandwell’s figure is worse than this.',
          testNote:
            'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
          notes: [],
        },
      ],
    },
  ],
  counts: { green: 4, amber: 2, red: 3, no_data: 1 },
  illustrativeDataShown: true,
  headline:
    '9 of 10 KPIs in Service Delivery Contract KPIs (2018) were rated for March 2021: 3 red, 2 amber, 4 green, 1 without a figure.',
  kpiSet: {
    code: 'CONTRACT-2018',
    name: 'Service Delivery Contract KPIs (2018)',
    persistentFailureMonths: 3,
    illustrativeNote: null,
  },
  monitored: [s47MonitoredFixture],
} satisfies MeetingBriefing;

/** A later briefing where nothing turned red or recovered. */
export const quietBriefingFixture = {
  ...briefingFixture,
  meeting: meetingsFixture.meetings[1]!,
  previousMeeting: meetingsFixture.meetings[0]!,
  month: '2024-02',
  comparedWithMonth: '2021-03',
  turnedRed: [],
  recovered: [],
  persistentFailure: [],
  largestMovements: [],
  comparatorPosition: [],
  gapNote:
    'The previous meeting’s latest month, March 2021, is 2 years and 11 months before February 2024: every change below is over that whole gap, not over one reporting period.',
  illustrativeDataShown: false,
} satisfies MeetingBriefing;
