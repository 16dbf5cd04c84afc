import type { MeasureType, Operator, Polarity, Theme, Unit } from '@kpi/shared';
import type { CsvRow } from './files';
import { ANNUAL_REVIEW, paperTitle } from './papers';
import type { IndicatorSeed, KpiSetSeed, ReliefEventSeed, SeedIssue, ThresholdSeed } from './types';

export const CONTRACT_2018 = 'CONTRACT-2018';

/**
 * Per contract KPI: the words of the Trust Annual Review 2020/21, section (c) (seed 002), which
 * prints each PI's bands and a paragraph on why it matters. Definitions and "why it matters" are
 * paraphrased from those paragraphs; the bands are copied as printed.
 */
const CONTRACT_TEXT: Record<
  string,
  {
    shortTitle: string;
    theme: Theme;
    comparatorMeasure: string | null;
    /** Set only where the definition itself says DfE's comparator is a different measure. */
    comparatorDifference?: string;
    printedBands: string;
    definition: string;
    why: string;
  }
> = {
  PI1: {
    shortTitle: 'Contacts accepted as MASH referrals within 24 hours',
    theme: 'front_door',
    comparatorMeasure: null,
    printedBands: 'Target: > 75%; Tolerance: > 65%; Failure: < 65%',
    definition:
      'The percentage of contacts accepted as a referral by the Multi-Agency Safeguarding Hub (MASH) within 24 hours. Contract performance indicator PI1 (2018 service delivery contract).',
    why: 'It shows how efficiently the front door is operating and how quickly the Trust responds to referrals where the threshold is not immediately clear.',
  },
  PI2: {
    shortTitle: 'Children on a Child Protection Plan per 10,000',
    theme: 'child_protection',
    comparatorMeasure: 'children_on_cp_plan_rate',
    printedBands:
      'Target: < 65 children per 10,000; Tolerance: < 80 children per 10,000; Failure: > 80 children per 10,000',
    definition:
      "The number of children who are the subject of a Child Protection Plan, per 10,000 of Sandwell's child population (aged 0–17, ONS mid-year estimate), at month end. Contract performance indicator PI2.",
    why: 'It gives a sense of demand, how that demand is being handled, and how consistently the threshold for child protection is applied where there are child protection concerns.',
  },
  PI3: {
    shortTitle: 'Initial Child Protection Conferences within 15 working days',
    theme: 'child_protection',
    comparatorMeasure: 'icpc_timeliness_pct',
    printedBands: 'Target: > 80%; Tolerance: >65%; Failure: < 65%',
    definition:
      'The percentage of Initial Child Protection Conferences (ICPCs) held within 15 working days of the strategy discussion that agreed Section 47 enquiries were necessary. Contract performance indicator PI3.',
    why: 'It shows how timely the Trust is in completing Section 47 enquiries and organising ICPCs: how demand is being managed, and how quickly professionals can be brought together to make decisions for children who may be at risk of significant harm.',
  },
  PI4: {
    shortTitle: 'Single Assessments within 45 working days',
    theme: 'front_door',
    comparatorMeasure: 'assessment_timeliness_pct',
    printedBands: 'Target: > 85%; Tolerance: >75%; Failure: < 75%',
    definition:
      'The percentage of Single Assessments completed within 45 working days, the statutory maximum. Most are completed by social workers in the Safeguarding and Assessment Teams (SAAT); a significant number are updating or review assessments completed in other services. Contract performance indicator PI4.',
    why: "It shows how timely children's Single Assessments are, against the statutory maximum expectation of 45 working days.",
  },
  PI5: {
    shortTitle: 'Children unallocated for more than 5 working days',
    theme: 'front_door',
    comparatorMeasure: null,
    printedBands: 'Target: < 10; Tolerance: <30; Failure: >30',
    definition:
      'The number of children without an allocated social worker for longer than 5 working days, at month end. Contract performance indicator PI5.',
    why: "It shows how well the Trust keeps oversight of every child's situation and handles throughput at the front door and other transfer points. Poor performance would mean children without a social worker for lengthy periods, which could be dangerous; a short unallocated period can be reasonable but should be kept to a minimum.",
  },
  PI6: {
    shortTitle: 'Children on a CP Plan visited within 2 weeks',
    theme: 'child_protection',
    comparatorMeasure: null,
    printedBands: 'Target: > 80%; Tolerance: >70%; Failure: < 70%',
    definition:
      'The percentage of children subject to a Child Protection Plan visited within 2 weeks. Visit frequency for these children is set locally: in Sandwell social workers are expected to visit children on a Child Protection Plan at least every 2 weeks. During the pandemic both face-to-face and virtual (video) visits were counted. Contract performance indicator PI6.',
    why: 'It is part of understanding how well the Trust interacts with children and families under child protection; good performance helps demonstrate purposeful intervention and safeguarding. The quality of visits is understood alongside it, through auditing and management oversight.',
  },
  PI7: {
    shortTitle: 'Child Protection Plans updated within six months',
    theme: 'child_protection',
    comparatorMeasure: null,
    printedBands: 'Target: > 95%; Tolerance: >85%; Failure: < 85%',
    definition:
      'The percentage of children whose Child Protection Plan has been updated within the last six months. It is linked to how often core group meetings and review child protection conferences are held and recorded. Contract performance indicator PI7.',
    why: "It shows how often children's plans and the Trust's interventions are reviewed and discussed, so that interventions have the desired impact and change where warranted; plans that are not updated are normally a sign of drift and delay.",
  },
  PI8: {
    shortTitle: 'CP cases with formal supervision in the last 4 weeks',
    theme: 'child_protection',
    comparatorMeasure: null,
    printedBands: 'Target: > 65%; Tolerance: >50%; Failure: < 50%',
    definition:
      'Of all children subject of a Child Protection Plan, the percentage who have evidence of formal case supervision within the previous 4 weeks. Contract performance indicator PI8.',
    why: 'It demonstrates formal management oversight for children on a Child Protection Plan: team managers regularly considering progress and giving social workers the opportunity for reflection case by case.',
  },
  PI9: {
    shortTitle: 'Return interviews within 72 hours of a missing episode',
    theme: 'other',
    comparatorMeasure: 'missing_return_interview_72h_pct',
    printedBands: 'Target: > 70%; Tolerance: > 50%; Failure: < 50%',
    definition:
      'The percentage of young people returning from a missing episode who have had a return interview within 72 hours. Monthly samples are small, so the figure can vary from month to month. Contract performance indicator PI9.',
    why: 'It shows how well the Trust responds to children at risk of exploitation after they return from being missing: gathering information from children at the earliest opportunity helps safeguard them in future and builds more accurate intelligence.',
  },
  PI10: {
    shortTitle: 'Children on a CIN Plan visited within 4 weeks',
    theme: 'child_protection',
    comparatorMeasure: null,
    printedBands: 'Target: > 73%; Tolerance: > 58%; Failure: < 58%',
    definition:
      'The percentage of children subject to a Child in Need Plan visited within the previous four weeks. Visit frequency is set locally: in Sandwell social workers are expected to visit children on a Child in Need Plan at least every 4 weeks. Contract performance indicator PI10.',
    why: 'It is part of understanding how well the Trust interacts with children and families under Child in Need; the quality of visits is understood alongside it, through auditing and management oversight.',
  },
  PI11: {
    shortTitle: 'Children in Care visited within statutory timescales',
    theme: 'children_in_care',
    comparatorMeasure: null,
    printedBands: 'Target: > 90%; Tolerance: > 80%; Failure: < 80%',
    definition:
      'The percentage of Children in Care visited in accordance with statutory requirements (the frequency of visits is set in statute). Contract performance indicator PI11.',
    why: 'It is part of understanding how well the Trust interacts with Children in Care: good performance helps show established relationships with children in care, and that their needs are known and met.',
  },
  PI12: {
    shortTitle: 'Looked After Children reviews within timescales (year to date)',
    theme: 'children_in_care',
    comparatorMeasure: null,
    printedBands: 'Target: > 80%; Tolerance: > 70%; Failure: < 70%',
    definition:
      "The percentage of Looked After Children's Reviews held within statutory timescales, cumulative across the financial year from April. Contract performance indicator PI12.",
    why: "It shows whether children's plans are reviewed independently and regularly (at least every 6 months), and contributes to understanding how well the progress of looked after children's plans is monitored — that the Trust does what it says it will.",
  },
  PI13: {
    shortTitle: 'Vacancy rate, permanent front-line social workers',
    theme: 'workforce',
    comparatorMeasure: 'workforce_vacancy_rate_pct',
    // PI14's definition is left without one: the contract does not say which teams count, which is
    // not a stated difference, and the demo's PI14 series follows DfE's caseload figures.
    comparatorDifference:
      "The contract counts vacant permanent front-line social worker posts only; DfE's vacancy rate is for all children and family social workers (full-time equivalent) at 30 September, a broader measure.",
    printedBands: 'Target: < 32%; Tolerance: < 37%; Failure: > 37%',
    definition:
      "The vacancy rate of permanent front-line social worker posts. (DfE's comparator is the vacancy rate for all children and family social workers at 30 September, a broader measure.) Contract performance indicator PI13.",
    why: 'It helps determine the stability of the case-holding workforce: agency social workers let the Trust meet fluctuations in demand quickly, but a stable, permanent workforce is critical for long-term improvement.',
  },
  PI14: {
    shortTitle: 'Average caseload across the service',
    theme: 'workforce',
    comparatorMeasure: 'workforce_caseload_avg',
    printedBands: 'Target: < 18.5; Tolerance: <23%; Failure: > 23%',
    definition:
      "Average caseload across the service: cases per case-holding worker. The contract does not say which teams count; DfE's comparator is cases per case-holding social worker FTE at 30 September. Contract performance indicator PI14.",
    why: 'It helps the Trust understand changing demand so that recruitment and retention activity can be targeted and the establishment adjusted.',
  },
  PI15: {
    shortTitle: 'Case file audits rated Requires Improvement or better',
    theme: 'other',
    comparatorMeasure: null,
    printedBands: 'Target: > 55%; Tolerance: > 40%; Failure: < 40%',
    definition:
      'The percentage of case file audits rated Requires Improvement or better, from the random monthly audits (the contract requires 90 random case file audits every three months). Contract performance indicator PI15.',
    why: 'It shows the progress of practice improvement across audited case files: good performance indicates that assessments, plans and interventions with children and families are improving.',
  },
};

const UNITS: Record<string, Unit> = {
  percent: 'percent',
  rate_per_10k: 'rate_per_10k',
  count: 'count',
  average: 'average',
};
const PRECISION: Record<Unit, number> = { percent: 1, rate_per_10k: 1, count: 0, average: 2, days: 0, money: 0 };

/** The `measure` column of contract-kpis-2018.csv → the domain's measure type. */
function measureTypeOf(measure: string, code: string): MeasureType {
  const text = measure.toLowerCase();
  if (text.includes('cumulative')) return 'cumulative_fytd';
  if (text.includes('snapshot')) return 'snapshot';
  if (text === 'monthly') return 'flow';
  throw new Error(`${code}: unrecognised measure ${JSON.stringify(measure)} in contract-kpis-2018.csv`);
}

function band(
  text: string,
  label: 'Target' | 'Tolerance' | 'Failure',
  code: string,
): { operator: Operator; value: number } {
  const match = new RegExp(`${label}:?\\s*([<>]=?)\\s*([\\d.]+)`).exec(text);
  if (!match) throw new Error(`${code}: no ${label} band in ${JSON.stringify(text)}`);
  return { operator: match[1] as Operator, value: Number(match[2]) };
}

/**
 * The 15 contract KPIs (PI1–PI15) from contract-kpis-2018.csv, with the contract's own strict
 * operators read from the band text (`Target > 75%` → '>' 75, `Failure < 65%` → '<' 65) and
 * checked three ways: against the CSV's target/failure columns, against the bands as printed in
 * the annual review, and that tolerance equals failure (as the contract has it).
 */
export function loadContractKpis(
  rows: CsvRow[],
  issues: SeedIssue[],
): { indicators: IndicatorSeed[]; kpiSet: KpiSetSeed; thresholds: ThresholdSeed[] } {
  const indicators: IndicatorSeed[] = [];
  const thresholds: ThresholdSeed[] = [];
  for (const row of rows) {
    const code = row.code ?? '';
    const text = CONTRACT_TEXT[code];
    if (!text) throw new Error(`contract-kpis-2018.csv has ${code}, which the seed has no annual-review text for`);
    const unit = UNITS[row.unit ?? ''];
    if (!unit) throw new Error(`${code}: unknown unit ${row.unit}`);
    const polarity = row.polarity as Polarity;
    const notes = row.notes ?? '';
    const target = band(notes, 'Target', code);
    const failure = band(notes, 'Failure', code);
    const tolerance = band(notes, 'Tolerance', code);
    const printedTarget = band(text.printedBands, 'Target', code);
    const printedFailure = band(text.printedBands, 'Failure', code);
    const problems: string[] = [];
    if (
      target.value !== Number(row.target) ||
      failure.value !== Number(row.failure) ||
      tolerance.value !== Number(row.tolerance)
    ) {
      problems.push('the band text disagrees with the target/tolerance/failure columns');
    }
    if (printedTarget.operator !== target.operator || printedTarget.value !== target.value)
      problems.push('the printed target differs');
    if (printedFailure.operator !== failure.operator || printedFailure.value !== failure.value)
      problems.push('the printed failure differs');
    if (tolerance.value !== failure.value) problems.push('tolerance and failure thresholds differ');
    const upward = target.operator.startsWith('>');
    if (upward !== (polarity === 'higher_is_better'))
      problems.push(`the target operator ${target.operator} contradicts ${polarity}`);
    if (problems.length > 0) throw new Error(`${code}: ${problems.join('; ')}`);

    indicators.push({
      code,
      title: row.title ?? code,
      shortTitle: text.shortTitle,
      definition: text.definition,
      whyItMatters: text.why,
      unit,
      polarity,
      precision: PRECISION[unit],
      measureType: measureTypeOf(row.measure ?? '', code),
      theme: text.theme,
      comparatorMeasure: text.comparatorMeasure,
      comparatorDifference: text.comparatorDifference ?? null,
    });
    let sourceText = `${text.printedBands} (as printed in the ${paperTitle(ANNUAL_REVIEW)}, section (c))`;
    if (code === 'PI14') {
      sourceText +=
        ". The '%' after 23 is a typo in the source: PI14 is an average caseload, not a percentage, so the bands are < 18.5 and > 23 cases (contract-kpis-2018.csv notes the typo).";
      issues.push({
        kind: 'mapped_with_caveat',
        message:
          "PI14's tolerance and failure bands are printed '<23%' and '> 23%' in the annual review; the '%' is a typo (an average caseload). Stored as target '<' 18.5, failure '>' 23.",
      });
    }
    thresholds.push({
      indicatorCode: code,
      kpiSetCode: CONTRACT_2018,
      effectiveFrom: '2018-04-01',
      effectiveTo: '2024-03-31',
      targetOperator: target.operator,
      targetValue: target.value,
      failureOperator: failure.operator,
      failureValue: failure.value,
      sourceText,
    });
  }
  const kpiSet: KpiSetSeed = {
    code: CONTRACT_2018,
    name: 'Contract 2018 (PI1–PI15)',
    effectiveFrom: '2018-04-01',
    effectiveTo: '2024-03-31',
    persistentFailureMonths: 3,
    members: indicators.map((i) => i.code),
  };
  return { indicators, kpiSet, thresholds };
}

/**
 * The COVID relief event, from the annual review (seed 002):
 * - section (c): "On 21st July 2020 SMBC agreed that coronavirus pandemic constituted a relief
 *   event, which stipulated that the Trust would be free of any performance consequences or
 *   liability in specified areas of the contract. Namely, PI6, PI10, PI11 and PI13 … This relief
 *   event was extended to the end of the financial year by letter on 20th October 2020."
 * - introduction: "for the duration of the relief event, currently to the end of September 2021".
 * - section (h): no action or rectification plans "owing to the agreements pertaining to the
 *   Relief Event agreed on 21st July 2020".
 * Reading: 21 July 2020 is when it was AGREED, not when relief starts. The relief is for the
 * contract year 2020/21 (the review reports on that year, and the Trust was relieved of
 * consequences in it), so it starts on 1 April 2020 — the first day of the first month it covers —
 * and, after the two extensions, ends on 30 September 2021.
 */
export function covidReliefEvent(): ReliefEventSeed {
  return {
    name: 'COVID-19 relief event',
    reason:
      'SMBC agreed on 21 July 2020 that the coronavirus pandemic constituted a relief event under the Service Delivery Contract: the Trust is free of performance consequences or liability for PI6, PI10, PI11 and PI13 (and the related parts of the service specification). Extended to the end of the 2020/21 financial year by letter on 20 October 2020, and then to the end of September 2021 (Trust Annual Review 2020/21).',
    agreedOn: '2020-07-21',
    startsOn: '2020-04-01',
    endsOn: '2021-09-30',
    indicatorCodes: ['PI6', 'PI10', 'PI11', 'PI13'],
  };
}
