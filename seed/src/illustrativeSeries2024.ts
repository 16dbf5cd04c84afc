import { CP_PLAN_2Y, LTPS } from './contract2024';
import { ILLUSTRATIVE_LATEST, type SeriesSpec } from './illustrativeParameters';

const FROM = '2024-04';
const TO = ILLUSTRATIVE_LATEST;

/**
 * Demo series for April 2024 – July 2025: the new Contract 2024 KPIs and the monitored
 * indicators the 2025 papers report. Each passes exactly through every figure the papers publish
 * for it in that period (published-figures.csv: they are stored as published figures and the
 * series is bent through them), and its shape follows the papers' words: contacts "down from
 * 2405 in March 2024" to 972 in July 2025; the vacancy rate "decreased from 12% in June 2024 to
 * 7.2% in December 2024" and 2.4% in July 2025; the CP plan rate's "notable reduction" since
 * August 2024; long-term placement stability in the failure zone since September 2024.
 */
export const SERIES_2024: SeriesSpec[] = [
  {
    // Illustrative bands: target > 70%, failure < 60%. Amber in its grace period, red from September 2024.
    code: LTPS,
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 65],
      ['2024-08', 62.5],
      ['2024-09', 57],
      ['2025-03', 56],
      ['2025-07', 57],
    ],
    noise: 1,
    min: 40,
    max: 90,
    keep: [
      { from: '2024-04', to: '2024-08', min: 60.5, max: 69.5 },
      { from: '2024-09', to: '2025-07', max: 59.4 },
    ],
    components: { kind: 'percent', denominator: 240, spread: 0.04 },
  },
  {
    // Illustrative bands: target < 20%, failure > 25%. 19% in July 2025 (September 2025 minutes).
    code: 'RE-REFERRALS',
    followsDfe: true,
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 22],
      ['2024-10', 21],
      ['2025-03', 19.5],
      ['2025-07', 19],
    ],
    noise: 1.2,
    min: 10,
    max: 30,
    keep: [{ from: FROM, to: TO, max: 24.5 }],
    components: { kind: 'percent', denominator: 290, spread: 0.1 },
  },
  {
    // Illustrative bands: target < 3%, failure > 5%. 1% ("only 4 children") in July 2025.
    code: CP_PLAN_2Y,
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 3.2],
      ['2024-12', 2],
      ['2025-07', 1],
    ],
    noise: 0.4,
    min: 0,
    max: 6,
    keep: [{ from: FROM, to: TO, max: 4.8 }],
    components: { kind: 'percent', denominator: 420, spread: 0.06 },
  },
  {
    code: 'CONTACTS',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 2280],
      ['2024-09', 1750],
      ['2025-02', 1250],
      ['2025-07', 972],
    ],
    noise: 70,
    min: 600,
    max: 3000,
    components: { kind: 'count' },
  },
  {
    // No 2024–25 figure: the September 2025 minutes say only that referrals "had stabilised".
    code: 'REFERRALS',
    followsDfe: true,
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 300],
      ['2025-07', 285],
    ],
    noise: 12,
    min: 150,
    max: 450,
    components: { kind: 'count' },
  },
  {
    code: 'ASSESSMENTS-RATE-12M',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 545],
      ['2025-07', 463],
    ],
    noise: 3,
    min: 300,
    max: 700,
    components: { kind: 'level', precision: 1 },
  },
  {
    code: 'S47-RATE-12M',
    followsDfe: true,
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 190],
      ['2025-07', 156.6],
    ],
    noise: 2,
    min: 100,
    max: 260,
    components: { kind: 'level', precision: 1 },
  },
  {
    code: 'CIN-PLAN-COUNT',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 760],
      ['2025-07', 695],
    ],
    noise: 10,
    min: 500,
    max: 1000,
    components: { kind: 'count' },
  },
  {
    code: 'CIC-COUNT',
    followsDfe: true,
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 845],
      ['2025-07', 820],
    ],
    noise: 5,
    min: 700,
    max: 950,
    components: { kind: 'count' },
  },
  {
    code: 'CARE-ENTRANTS-RATE-12M',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 25],
      ['2025-07', 27.9],
    ],
    noise: 0.4,
    min: 15,
    max: 40,
    components: { kind: 'level', precision: 1 },
  },
  {
    code: 'CARE-EXITS-RATE',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 26.5],
      ['2025-07', 24.9],
    ],
    noise: 0.4,
    min: 15,
    max: 40,
    components: { kind: 'level', precision: 1 },
  },
  {
    code: 'RESIDENTIAL-PCT',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 8],
      ['2024-12', 9],
      ['2025-07', 9.2],
    ],
    noise: 0.15,
    min: 5,
    max: 12,
    components: { kind: 'level', precision: 1 },
  },
  {
    code: 'RESIDENTIAL-COUNT',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 67],
      ['2024-12', 74],
      ['2025-07', 75],
    ],
    noise: 1,
    min: 40,
    max: 100,
    components: { kind: 'count' },
  },
  {
    code: 'RESIDENTIAL-WEEKLY-COST',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 6530],
      ['2024-12', 6701],
      ['2025-07', 6790],
    ],
    noise: 25,
    min: 5000,
    max: 8000,
    components: { kind: 'level', precision: 0 },
  },
  {
    code: 'VACANCY-RATE-OVERALL',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 12.6],
      ['2024-06', 12],
      ['2024-12', 7.2],
      ['2025-07', 2.4],
    ],
    noise: 0.25,
    min: 1,
    max: 20,
    components: { kind: 'level', precision: 2 },
  },
  {
    code: 'VACANCY-RATE-SW',
    followsDfe: true,
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 17],
      ['2025-07', 7.4],
    ],
    noise: 0.4,
    min: 3,
    max: 30,
    components: { kind: 'level', precision: 1 },
  },
  {
    code: 'VACANCY-RATE-PERMANENT',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 28.5],
      ['2024-06', 27.7],
      ['2024-12', 21.5],
      ['2025-07', 17],
    ],
    noise: 0.4,
    min: 10,
    max: 35,
    components: { kind: 'level', precision: 1 },
  },
  {
    code: 'PERMANENT-WORKFORCE-PCT',
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 82.5],
      ['2024-12', 83.7],
      ['2025-07', 90.14],
    ],
    noise: 0.3,
    min: 75,
    max: 95,
    components: { kind: 'level', precision: 2 },
  },
  {
    code: 'AGENCY-SW-PCT',
    followsDfe: true,
    from: FROM,
    to: TO,
    path: [
      ['2024-04', 22],
      ['2025-07', 18.1],
    ],
    noise: 0.4,
    min: 10,
    max: 30,
    components: { kind: 'level', precision: 1 },
  },
];
