import type { DfeTiming } from '@kpi/readers';
import type { Unit } from '@kpi/shared';

/**
 * The DfE comparator measures the seed stores: a data table (code, unit, timing and a description
 * for the reader), kept apart from the code that loads DfE's files into comparator rows.
 */

export interface DfeMeasure {
  code: string;
  unit: Unit;
  timing: DfeTiming;
  /** In words, for the reader of the seed (and the report). */
  description: string;
}

/** Every DfE comparator measure the seed stores, keyed by measure code. */
export const DFE_MEASURES: Record<string, DfeMeasure> = {
  referrals_count: {
    code: 'referrals_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Referrals in the year (C1 referral_count)',
  },
  referrals_rate: {
    code: 'referrals_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'Referrals per 10,000 children (C1 count ÷ ONS 0–17)',
  },
  re_referral_pct: {
    code: 're_referral_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'Re-referrals within 12 months, % of referrals (C1 rereferral_percent)',
  },
  s47_count: {
    code: 's47_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Section 47 enquiries started (C4 Section47)',
  },
  s47_rate: {
    code: 's47_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'Section 47 enquiries per 10,000 children (C4 ÷ ONS 0–17)',
  },
  icpc_count: {
    code: 'icpc_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Initial child protection conferences (C4 ICPC)',
  },
  icpc_rate: {
    code: 'icpc_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'ICPCs per 10,000 children (C4 ÷ ONS 0–17)',
  },
  icpc_timeliness_pct: {
    code: 'icpc_timeliness_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description:
      'ICPCs within 15 working days of the strategy discussion, as DfE computes it: (Duration_0-10 + Duration_11-15) ÷ (the four duration bands, 0–10, 11–15, 16–20, 21+ days)',
  },
  children_on_cp_plan_count: {
    code: 'children_on_cp_plan_count',
    unit: 'count',
    timing: 'at31March',
    description: 'Children on a CP plan at 31 March (D5 CPP_At31)',
  },
  children_on_cp_plan_rate: {
    code: 'children_on_cp_plan_rate',
    unit: 'rate_per_10k',
    timing: 'at31March',
    description: 'Children on a CP plan at 31 March per 10,000 (D5 ÷ ONS 0–17)',
  },
  cp_subsequent_plan_pct: {
    code: 'cp_subsequent_plan_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'CP plans starting in the year that were a second or subsequent plan (D3)',
  },
  cin_count: {
    code: 'cin_count',
    unit: 'count',
    timing: 'at31March',
    description: 'Children in need at 31 March (B1 At31_episodes)',
  },
  cin_rate: {
    code: 'cin_rate',
    unit: 'rate_per_10k',
    timing: 'at31March',
    description: 'Children in need at 31 March per 10,000 (B1 ÷ ONS 0–17)',
  },
  children_in_care_count: {
    code: 'children_in_care_count',
    unit: 'count',
    timing: 'at31March',
    description: 'Children looked after at 31 March (CLA children_count)',
  },
  children_in_care_rate: {
    code: 'children_in_care_rate',
    unit: 'rate_per_10k',
    timing: 'at31March',
    description: 'Children looked after at 31 March per 10,000 (CLA rate_per_10000)',
  },
  care_entrants_count: {
    code: 'care_entrants_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Children starting to be looked after in the year',
  },
  care_entrants_rate: {
    code: 'care_entrants_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'Children starting to be looked after per 10,000 (CLA rate_per_10000)',
  },
  care_exits_count: {
    code: 'care_exits_count',
    unit: 'count',
    timing: 'yearToMarch',
    description: 'Children ceasing to be looked after in the year',
  },
  care_exits_rate: {
    code: 'care_exits_rate',
    unit: 'rate_per_10k',
    timing: 'yearToMarch',
    description: 'Children ceasing to be looked after per 10,000 (CLA rate_per_10000)',
  },
  assessment_timeliness_pct: {
    code: 'assessment_timeliness_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'Assessments completed within 45 working days (LAIT assessments_within_45_working_days_percent)',
  },
  referrals_no_further_action_pct: {
    code: 'referrals_no_further_action_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'Referrals closed with no further action, % of referrals (LAIT referrals_no_further_action_percent)',
  },
  referrals_assessed_not_in_need_pct: {
    code: 'referrals_assessed_not_in_need_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description:
      'Referrals assessed and the child found not to be in need, % of referrals (LAIT referrals_assessed_not_in_need_percent)',
  },
  cp_plan_two_years_or_more_pct: {
    code: 'cp_plan_two_years_or_more_pct',
    unit: 'percent',
    timing: 'at31March',
    description:
      'Children on a CP plan at 31 March who had been on it two years or more (LAIT cpp_at_31_march_two_years_or_more_percent)',
  },
  care_leavers_suitable_accommodation_pct: {
    code: 'care_leavers_suitable_accommodation_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'Care leavers aged 19–21 in suitable accommodation (LAIT care_leavers_suitable_accommodation_percent)',
  },
  care_leavers_eet_pct: {
    code: 'care_leavers_eet_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'Care leavers aged 19–21 in education, employment or training (LAIT care_leavers_eet_percent)',
  },
  care_leavers_neet_pct: {
    code: 'care_leavers_neet_pct',
    unit: 'percent',
    timing: 'yearToMarch',
    description: 'Care leavers aged 19–21 not in education, employment or training (LAIT care_leavers_neet_percent)',
  },
  workforce_vacancy_rate_pct: {
    code: 'workforce_vacancy_rate_pct',
    unit: 'percent',
    timing: 'workforceCensus',
    description: 'Children and family social worker FTE vacancy rate at 30 September (CSWW vacancy_rate_fte)',
  },
  workforce_agency_rate_pct: {
    code: 'workforce_agency_rate_pct',
    unit: 'percent',
    timing: 'workforceCensus',
    description: 'Agency worker rate, FTE, at 30 September (CSWW agency_rate_fte)',
  },
  workforce_turnover_rate_pct: {
    code: 'workforce_turnover_rate_pct',
    unit: 'percent',
    timing: 'workforceCensus',
    description: 'Turnover rate, FTE, year to 30 September (CSWW turnover_rate_fte)',
  },
  workforce_caseload_avg: {
    code: 'workforce_caseload_avg',
    unit: 'average',
    timing: 'workforceCensus',
    description: 'Average caseload per case-holding FTE at 30 September (CSWW caseload_fte)',
  },
};
