import { MARCH_2024_PAPERS, MARCH_2025_UPDATE, paperTitle, SEPTEMBER_2025_MINUTES } from './papers';
import type { GracePeriodSeed, IndicatorSeed, KpiSetSeed, ThresholdSeed } from './types';

export const CONTRACT_2024 = 'CONTRACT-2024';
export const LTPS = 'LTPS-2Y';
export const CP_PLAN_2Y = 'CP-PLAN-2YRS-PCT';

/**
 * What the papers say about the set in force from 1 April 2024, word for word:
 * - March 2024 update (003), 4.7: "The Council and SCT have agreed a new set of KPIs, that will be
 *   effective from the 01 April 2024."
 * - March 2025 update (004), 4.8: "As of 1st April 2024, new contract KPIs have been introduced,
 *   with three existing KPIs. All new KPI's had a three-month grace period, with 1 KPI, which
 *   measures long-term placement stability having a six-month grace period."
 * - 4.9: "Since September 2024, only one KPI relating to 'For children we care for 2.5 years or
 *   more, the % that have been in the same home for at least 2 years' has been in the performance
 *   failure zone, for more than a 3-month period."
 * The papers do NOT say which three KPIs carried over, how many new KPIs there are or what they
 * measure (beyond long-term placement stability), or any of the new bands. The demo fills those
 * gaps with configuration marked illustrative (the set's note and every band version below).
 */
export const CONTRACT_2024_ILLUSTRATIVE_NOTE =
  'Illustrative configuration. The papers say a new set of contract KPIs took effect on 1 April 2024 with three KPIs carried over, a 3-month grace period for new KPIs and 6 months for long-term placement stability, and name that KPI; they do not say which three carried over, what the other new KPIs are, or any bands. The demo assumes PI2, PI3 and PI4 carried over with their 2018 bands, adds re-referrals and long child protection plans as new KPIs, and gives every new KPI illustrative bands.';

const SOURCE_WORDS = `${paperTitle(MARCH_2025_UPDATE)}, 4.8: "As of 1st April 2024, new contract KPIs have been introduced, with three existing KPIs. All new KPI's had a three-month grace period, with 1 KPI, which measures long-term placement stability having a six-month grace period."`;

/** The one new KPI the papers name. Its title is the March 2025 update's words. */
export const CONTRACT_2024_INDICATORS: IndicatorSeed[] = [
  {
    code: LTPS,
    title: 'For children we care for 2.5 years or more, the % that have been in the same home for at least 2 years',
    shortTitle: 'Long-term placement stability',
    definition:
      'Of children in care for 2.5 years or more, the percentage who have lived in the same home for at least 2 years. A Contract 2024 KPI with a six-month grace period (Trust performance update, 24 March 2025, 4.8–4.9).',
    whyItMatters:
      'Stable homes matter for children in long-term care. The March 2025 update says this KPI has been in the failure zone for more than 3 months since September 2024 and is being reviewed with the DfE-appointed improvement board chair, "considering the findings related to positive moves experienced by children, tolerance levels, and the age range of the children cohort".',
    unit: 'percent',
    polarity: 'higher_is_better',
    precision: 1,
    measureType: 'snapshot',
    theme: 'children_in_care',
    comparatorMeasure: null,
  },
  {
    code: CP_PLAN_2Y,
    title: 'Children on a Child Protection Plan for 2 years or more',
    shortTitle: 'CP plans lasting 2 years or more',
    definition:
      'Children who have been on a Child Protection Plan for 2 years or more, as a percentage of children on a plan at month end. The September 2025 minutes report "only 4 children (1%)" in July 2025.',
    whyItMatters:
      'Long plans are a sign of drift; the September 2025 minutes report the figure as below statistical neighbours, the West Midlands and England.',
    unit: 'percent',
    polarity: 'lower_is_better',
    precision: 1,
    measureType: 'snapshot',
    theme: 'child_protection',
    comparatorMeasure: null,
  },
];

/** The 2018 bands of the KPIs the demo assumes carried over (contract-kpis-2018.csv). */
const CARRIED_OVER: Array<Omit<ThresholdSeed, 'kpiSetCode' | 'effectiveFrom' | 'effectiveTo' | 'sourceText'>> = [
  { indicatorCode: 'PI2', targetOperator: '<', targetValue: 65, failureOperator: '>', failureValue: 80 },
  { indicatorCode: 'PI3', targetOperator: '>', targetValue: 80, failureOperator: '<', failureValue: 65 },
  { indicatorCode: 'PI4', targetOperator: '>', targetValue: 85, failureOperator: '<', failureValue: 75 },
];

/** Bands the papers never give, chosen for the demo and marked illustrative. */
const NEW_BANDS: Array<Omit<ThresholdSeed, 'kpiSetCode' | 'effectiveFrom' | 'effectiveTo' | 'sourceText'>> = [
  { indicatorCode: LTPS, targetOperator: '>', targetValue: 70, failureOperator: '<', failureValue: 60 },
  { indicatorCode: 'RE-REFERRALS', targetOperator: '<', targetValue: 20, failureOperator: '>', failureValue: 25 },
  { indicatorCode: CP_PLAN_2Y, targetOperator: '<', targetValue: 3, failureOperator: '>', failureValue: 5 },
];

const START = '2024-04-01';

export function contract2024(): {
  indicators: IndicatorSeed[];
  kpiSet: KpiSetSeed;
  thresholds: ThresholdSeed[];
  gracePeriods: GracePeriodSeed[];
} {
  const thresholds: ThresholdSeed[] = [
    ...CARRIED_OVER.map((t) => ({
      ...t,
      kpiSetCode: CONTRACT_2024,
      effectiveFrom: START,
      effectiveTo: null,
      illustrative: true,
      sourceText: `Illustrative: the papers say three existing KPIs carried over but not which, nor their bands; the demo assumes ${t.indicatorCode} carried over with its 2018 bands. ${SOURCE_WORDS}`,
    })),
    ...NEW_BANDS.map((t) => ({
      ...t,
      kpiSetCode: CONTRACT_2024,
      effectiveFrom: START,
      effectiveTo: null,
      illustrative: true,
      sourceText: `Illustrative bands: the papers do not publish the bands of the new Contract 2024 KPIs. ${SOURCE_WORDS}`,
    })),
  ];
  const gracePeriods: GracePeriodSeed[] = [
    {
      indicatorCode: LTPS,
      kpiSetCode: CONTRACT_2024,
      startsOn: START,
      endsOn: '2024-09-30',
      reason: `New KPI: six-month grace period for long-term placement stability (${paperTitle(MARCH_2025_UPDATE)}, 4.8)`,
    },
    ...['RE-REFERRALS', CP_PLAN_2Y].map((indicatorCode) => ({
      indicatorCode,
      kpiSetCode: CONTRACT_2024,
      startsOn: START,
      endsOn: '2024-06-30',
      reason: `New KPI: three-month grace period (${paperTitle(MARCH_2025_UPDATE)}, 4.8)`,
    })),
  ];
  return {
    indicators: CONTRACT_2024_INDICATORS,
    kpiSet: {
      code: CONTRACT_2024,
      name: 'Contract 2024 (from 1 April 2024)',
      effectiveFrom: START,
      effectiveTo: null,
      persistentFailureMonths: 3,
      members: ['PI2', 'PI3', 'PI4', LTPS, 'RE-REFERRALS', CP_PLAN_2Y],
      illustrativeNote: CONTRACT_2024_ILLUSTRATIVE_NOTE,
    },
    thresholds,
    gracePeriods,
  };
}

/** Where each part of the Contract 2024 configuration comes from, for the seed report. */
export const CONTRACT_2024_DECISION = `Contract 2024: effective 1 April 2024 (${paperTitle(MARCH_2024_PAPERS)}, 4.7; ${paperTitle(MARCH_2025_UPDATE)}, 4.8), Contract 2018 ending 31 March 2024. Real: the start date, "three existing KPIs", the 3-month grace for new KPIs, the 6-month grace and title of long-term placement stability, and its failure from September 2024 (4.9). Illustrative (marked on the set and on every band version): which KPIs carried over (PI2, PI3, PI4, chosen because the ${paperTitle(SEPTEMBER_2025_MINUTES)} still report them), the other new KPIs (re-referrals, CP plans of 2+ years, both reported in those minutes) and every band. By the product's rule (grace months keep a failure streak going but do not count), long-term placement stability, red from September 2024 with grace to 30 September 2024, becomes a persistent failure in January 2025, its fourth red month with a consequence.`;
