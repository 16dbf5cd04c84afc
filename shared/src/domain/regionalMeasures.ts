import type { Polarity, Unit } from '../contracts/enums';

/**
 * The DfE measures the regional view sets side by side: what each is called, its unit, the
 * decimals DfE publishes it to, and which direction is better. The polarity is the one the KPI
 * definitions using the same measure give it (seed/src/otherIndicators.ts: re-referrals and the
 * workforce rates lower is better; counts and rates of activity have none, as neither direction
 * is good in itself), so a council reads "better" on the regional view exactly where its KPI
 * page would say so. Measure codes are the `comparator_values.measure_code` the seed and the DfE
 * import store (seed/src/dfeMeasures.ts).
 */
export interface RegionalMeasure {
  code: string;
  label: string;
  unit: Unit;
  /** Decimal places DfE publishes the figure to (what the reader sees and what is compared). */
  precision: number;
  polarity: Polarity;
}

function measure(code: string, label: string, unit: Unit, precision: number, polarity: Polarity): RegionalMeasure {
  return { code, label, unit, precision, polarity };
}

/** In the order the table's columns run: the front door, child protection, care, the workforce. */
export const REGIONAL_MEASURES: readonly RegionalMeasure[] = [
  measure('referrals_rate', 'Referrals per 10,000 children', 'rate_per_10k', 1, 'none'),
  measure('re_referral_pct', 'Re-referrals within 12 months (%)', 'percent', 1, 'lower_is_better'),
  measure(
    'assessment_timeliness_pct',
    'Assessments completed within 45 working days (%)',
    'percent',
    1,
    'higher_is_better',
  ),
  measure('cin_rate', 'Children in need per 10,000 children', 'rate_per_10k', 1, 'none'),
  measure('s47_rate', 'Section 47 enquiries per 10,000 children', 'rate_per_10k', 1, 'none'),
  measure('icpc_rate', 'Initial child protection conferences per 10,000 children', 'rate_per_10k', 1, 'none'),
  measure(
    'icpc_timeliness_pct',
    'Initial child protection conferences within 15 working days (%)',
    'percent',
    1,
    'higher_is_better',
  ),
  measure(
    'children_on_cp_plan_rate',
    'Children on a child protection plan per 10,000 children',
    'rate_per_10k',
    1,
    'none',
  ),
  measure('cp_subsequent_plan_pct', 'Second or subsequent child protection plans (%)', 'percent', 1, 'lower_is_better'),
  measure('children_in_care_rate', 'Children in care per 10,000 children', 'rate_per_10k', 0, 'none'),
  measure('care_entrants_rate', 'Children starting care per 10,000 children', 'rate_per_10k', 0, 'none'),
  measure('care_exits_rate', 'Children leaving care per 10,000 children', 'rate_per_10k', 0, 'none'),
  measure('workforce_vacancy_rate_pct', 'Social worker vacancy rate (%)', 'percent', 1, 'lower_is_better'),
  measure('workforce_agency_rate_pct', 'Agency social worker rate (%)', 'percent', 1, 'lower_is_better'),
  measure('workforce_turnover_rate_pct', 'Social worker turnover rate (%)', 'percent', 1, 'lower_is_better'),
  measure('workforce_caseload_avg', 'Average caseload per social worker', 'average', 1, 'lower_is_better'),
];

const BY_CODE = new Map(REGIONAL_MEASURES.map((m) => [m.code, m]));

/** The measure, or undefined when the regional view does not show it. */
export function regionalMeasure(code: string): RegionalMeasure | undefined {
  return BY_CODE.get(code);
}
