import { MARCH_2025_UPDATE, paperTitle, SEPTEMBER_2025_MINUTES } from './papers';
import type { CommentarySeed, IndicatorSeed } from './types';

/** Monitored indicators that only the September 2025 minutes report (no contract bands). */
export const INDICATORS_2025: IndicatorSeed[] = [
  {
    code: 'CP-REPEAT-2Y-COUNT',
    title: 'Children on a second or subsequent Child Protection Plan within two years',
    shortTitle: 'Repeat CP plans within 2 years',
    definition:
      'Children who became subject to a Child Protection Plan for a second or subsequent time within two years of the previous plan.',
    whyItMatters:
      'A low number evidences "the sustainability and effectiveness of initial interventions" (minutes of 8 September 2025).',
    unit: 'count',
    polarity: 'lower_is_better',
    precision: 0,
    measureType: 'snapshot',
    theme: 'child_protection',
    comparatorMeasure: null,
  },
  {
    code: 'CARE-EXPERIENCED-18PLUS',
    title: 'Care experienced young people aged 18 and over',
    shortTitle: 'Care experienced, 18+',
    definition:
      'Care experienced young people aged 18 and over supported by the Trust; the September 2025 minutes say all of them were allocated a Personal Advisor.',
    whyItMatters: 'Continuity of support into adulthood (minutes of 8 September 2025).',
    unit: 'count',
    polarity: 'none',
    precision: 0,
    measureType: 'snapshot',
    theme: 'children_in_care',
    comparatorMeasure: null,
  },
];

function said(seed: string, where: string, words: string): string {
  return `What the papers said (${paperTitle(seed)}, ${where}): "${words}"`;
}

const MINUTES = (words: string) => said(SEPTEMBER_2025_MINUTES, 'minute 33/25', words);
const MARCH_2025 = (section: string, words: string) => said(MARCH_2025_UPDATE, section, words);

/**
 * The papers' own statements about a month's figures, quoted word for word, including their
 * comparator statements ("below statistical neighbours, the West Midlands and England") that the
 * product cannot recompute when the comparator is not in a DfE file. Stored as the month's
 * commentary (no author: they are the papers' words, not a user's).
 */
export const STATEMENTS_2025: CommentarySeed[] = [
  {
    indicatorCode: 'REFERRALS',
    month: '2025-07',
    body: MINUTES(
      'overall rate of referrals had stabilised and were lower than statistical neighbours, as well as the West Midlands and England averages',
    ),
  },
  {
    indicatorCode: 'RE-REFERRALS',
    month: '2025-07',
    body: MINUTES(
      're-referral rates were in line with statistical neighbours, as well as the West Midlands and England averages over the last 6 months; … re-referral rates were 19% in July 2025',
    ),
  },
  {
    indicatorCode: 'CONTACTS',
    month: '2025-07',
    body: MINUTES('there had been a total of 972 contacts in July 2025 which was down from 2405 in March 2024'),
  },
  {
    indicatorCode: 'ASSESSMENTS-RATE-12M',
    month: '2025-07',
    body: MINUTES(
      "the rate of single assessments per 10,000 over the last 12 months was 463, which had reduced, and was indicative of the impact of the partnership work and a very strong and consistent children's services front door",
    ),
  },
  {
    indicatorCode: 'PI4',
    month: '2025-07',
    body: MINUTES(
      'the timeliness of single assessments was above statistical neighbours, as well as the West Midlands and England averages. Performance between January to July 2025 was 87.2%',
    ),
  },
  {
    indicatorCode: 'S47-RATE-12M',
    month: '2025-07',
    body: MINUTES(
      "Section 47 Enquiries' rate of 156.6 per 10,000 (based on last 12 months) was below statistical neighbours, as well as the West Midlands and England",
    ),
  },
  {
    indicatorCode: 'PI3',
    month: '2025-07',
    body: MINUTES(
      'initial child protection conferences timeliness was 80% which was below the West Midlands average but slightly above statistical neighbours and England averages',
    ),
  },
  {
    indicatorCode: 'CIN-PLAN-COUNT',
    month: '2025-07',
    body: MINUTES(
      'there were 695 children with a children in need plan which was significantly below statistical neighbour averages but in line with the West Midlands and England averages',
    ),
  },
  {
    indicatorCode: 'PI2',
    month: '2025-07',
    body: MINUTES(
      'since August 2024 there had been a notable reduction in the rate of Child Protection Plans (rate per 10000 children was at 44.6 per 10,000, which was below the statistical neighbour average and slightly above the England average',
    ),
  },
  {
    indicatorCode: 'CP-PLAN-2YRS-PCT',
    month: '2025-07',
    body: MINUTES(
      'only 4 children (1%) had remained on a Child Protection Plan for 2+ years, which was below statistical neighbours, as well as the West Midlands and England averages',
    ),
  },
  {
    indicatorCode: 'CP-REPEAT-2Y-COUNT',
    month: '2025-07',
    body: MINUTES(
      'the number of children subject to a second or subsequent plan within two years remained exceptionally low, with only 1 child recorded',
    ),
  },
  {
    indicatorCode: 'CIC-COUNT',
    month: '2025-07',
    body: MINUTES('the number of children we care for was 820 as of July 2025'),
  },
  {
    indicatorCode: 'CARE-EXITS-RATE',
    month: '2025-07',
    body: MINUTES(
      'the rate of children exiting care was 24.9 per 10,000 below the statistical neighbour average of 36.6% and comparable to the West Midlands average of 26% indicating stable and planned transitions out of care',
    ),
  },
  {
    indicatorCode: 'CARE-ENTRANTS-RATE-12M',
    month: '2025-07',
    body: MINUTES(
      'the rate of care entrants over the past 12 months was 27.9 per 10,000, evidencing effective family interventions when compared to the statistical neighbour average of 36.1 and aligning closely with the regional average of 27',
    ),
  },
  {
    indicatorCode: 'CARE-EXPERIENCED-18PLUS',
    month: '2025-07',
    body: MINUTES(
      'there were 411 care experienced young people aged 18 and over, all of whom were allocated a Personal Advisor',
    ),
  },
  {
    indicatorCode: 'VACANCY-RATE-OVERALL',
    month: '2025-07',
    body: MINUTES('the overall vacancy rate had fallen from 11.11% in May 2022 to 2.4% in July 2025'),
  },
  {
    indicatorCode: 'VACANCY-RATE-SW',
    month: '2025-07',
    body: MINUTES('the vacancy rate amongst social workers had fallen from 24.3% in May to 7.4% in July 2025'),
  },
  {
    indicatorCode: 'PERMANENT-WORKFORCE-PCT',
    month: '2025-07',
    body: MINUTES('the permanent workforce rate had improved from 85.67% in May 2022 to 90.14% in July 2025'),
  },
  {
    indicatorCode: 'AGENCY-WORKFORCE-PCT',
    month: '2025-07',
    body: MINUTES(
      'agency works had dropped from 14.33% in May 2022 to 9.86 in July 2022 (the month is read as July 2025, as the rest of the sentence is)',
    ),
  },
  {
    indicatorCode: 'AGENCY-SW-PCT',
    month: '2025-07',
    body: MINUTES('amongst social workers had fallen from 25.5% in May 2022 to 18.1% in July 2025'),
  },
  {
    indicatorCode: 'LTPS-2Y',
    month: '2024-12',
    body: MARCH_2025(
      '4.9',
      "Since September 2024, only one KPI relating to 'For children we care for 2.5 years or more, the % that have been in the same home for at least 2 years' has been in the performance failure zone, for more than a 3-month period. It has been agreed, following discussions with the DfE appointed independent improvement board chair, to review this KPI and evaluate its reporting",
    ),
  },
  {
    indicatorCode: 'VACANCY-RATE-OVERALL',
    month: '2024-12',
    body: MARCH_2025(
      '4.16',
      'The vacancy rate has decreased from 12% in June 2024 to 7.2% in December 2024. The permanent vacancy rate has dropped from 27.7% to 21.5% over the same period.',
    ),
  },
  {
    indicatorCode: 'RESIDENTIAL-PCT',
    month: '2024-12',
    body: MARCH_2025(
      '4.14',
      '9% of Sandwell children are in residential compared to 10% on average for the five statistical neighbours. Sandwell also has fewer children in residential care compared to the national average of 11%.',
    ),
  },
  {
    indicatorCode: 'RESIDENTIAL-WEEKLY-COST',
    month: '2024-12',
    body: MARCH_2025(
      '4.13',
      'The average weekly cost of a residential placement rose from £6,508 in March 2024 to £6,701 as of December 2024.',
    ),
  },
];
