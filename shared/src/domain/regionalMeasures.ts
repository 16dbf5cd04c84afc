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

/**
 * The one rule for better or worse against other areas (statistical neighbours, the region,
 * England, the other councils of a group), used by every view and export. A KPI measured on one
 * of DfE's measures is compared with other areas by the polarity DfE gives that measure (LAIT's
 * data dictionary; the table above), not by its contract bands: a child protection plan rate has
 * no better direction between areas (a low rate can mean children at risk are not being
 * identified, a high one more need or more risk-averse practice), though the contract (PI2) bands
 * it lower-is-better against its own target. So a CP plan rate is higher or lower than the region,
 * never better or worse, while its contract rating (Green/Amber/Red) keeps the contract's
 * direction. A KPI on no DfE measure keeps its own polarity.
 */
export function polarityAgainstOtherAreas(kpi: { polarity: Polarity; comparatorMeasure?: string | null }): Polarity {
  const measure = kpi.comparatorMeasure ? regionalMeasure(kpi.comparatorMeasure) : undefined;
  return measure ? measure.polarity : kpi.polarity;
}

/** What the screen and the files say where that rule sets a KPI's contract direction aside; null where it does not. */
export function polarityAgainstOtherAreasNote(kpi: {
  polarity: Polarity;
  comparatorMeasure?: string | null;
}): string | null {
  const measure = kpi.comparatorMeasure ? regionalMeasure(kpi.comparatorMeasure) : undefined;
  if (!measure || measure.polarity === kpi.polarity) return null;
  const contract = kpi.polarity === 'higher_is_better' ? 'higher' : 'lower';
  if (measure.polarity === 'none') {
    return `Against other areas this is higher or lower, not better or worse: DfE gives ${measure.label.toLowerCase()} no better direction, so only the contract's own bands count ${contract} as better.`;
  }
  const dfe = measure.polarity === 'higher_is_better' ? 'higher' : 'lower';
  return `Against other areas, ${dfe} is better, as DfE reads ${measure.label.toLowerCase()}; the contract's bands count ${contract} as better.`;
}
