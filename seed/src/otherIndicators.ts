import type { IndicatorSeed } from './types';

type Spec = Omit<IndicatorSeed, 'title' | 'shortTitle'> & { title: string; shortTitle?: string };

function indicator(spec: Spec): IndicatorSeed {
  return { ...spec, shortTitle: spec.shortTitle ?? null };
}

/**
 * Indicators outside the contract that the dashboard tracks because the papers give real
 * Sandwell figures for them (published-figures.csv), each linked to the comparator measure the
 * papers or DfE publish. Definitions paraphrase the papers' own words.
 */
export const OTHER_INDICATORS: IndicatorSeed[] = [
  indicator({
    code: 'CONTACTS',
    title: "Contacts received by the Trust's front door",
    definition:
      'Contacts received in the month from partners (police, health, education …), the public and families, before screening against the threshold for intervention.',
    whyItMatters:
      'The more contacts received, the more resource is needed to screen them; the Trust works with partners on a shared understanding of what is an appropriate referral (Annual Review 2020/21, section (g)).',
    unit: 'count',
    polarity: 'none',
    precision: 0,
    measureType: 'flow',
    theme: 'front_door',
    comparatorMeasure: 'contacts_count',
  }),
  indicator({
    code: 'REFERRALS',
    title: 'Referrals accepted',
    definition: 'Contacts accepted as referrals to children’s social care in the month.',
    whyItMatters:
      'The number of referrals accepted indicates how many children and families the Trust is likely to work with over the longer term (Annual Review 2020/21, section (g)).',
    unit: 'count',
    polarity: 'none',
    precision: 0,
    measureType: 'flow',
    theme: 'front_door',
    comparatorMeasure: 'referrals_count',
  }),
  indicator({
    code: 'RE-REFERRALS',
    title: 'Re-referrals within 12 months',
    shortTitle: 'Re-referral rate',
    definition:
      'The percentage of referrals about a child the Trust had been involved with less than 12 months before.',
    whyItMatters:
      'Fewer re-referrals indicate that interventions are longer lasting and more likely to have been successful (Annual Review 2020/21, "Demonstrating impact").',
    unit: 'percent',
    polarity: 'lower_is_better',
    precision: 1,
    measureType: 'flow',
    theme: 'front_door',
    comparatorMeasure: 're_referral_pct',
  }),
  indicator({
    code: 'ASSESSMENTS-RATE-12M',
    title: 'Single Assessments per 10,000 children, last 12 months',
    definition: 'Single Assessments completed in the 12 months to the month, per 10,000 children aged 0–17.',
    whyItMatters:
      'A measure of demand on assessment services; the September 2025 update links its reduction to partnership work and a consistent front door.',
    unit: 'rate_per_10k',
    polarity: 'none',
    precision: 1,
    measureType: 'rolling_12m',
    theme: 'front_door',
    comparatorMeasure: 'assessments_rate',
  }),
  indicator({
    code: 'S47-RATE-12M',
    title: 'Section 47 enquiries per 10,000 children, last 12 months',
    definition: 'Section 47 enquiries in the 12 months to the month, per 10,000 children aged 0–17.',
    whyItMatters:
      'Shows how confidently and purposefully the Trust decides whether to proceed with Section 47 enquiries, so that statutory intervention is appropriately targeted (Annual Review 2020/21; minutes of 8 September 2025).',
    unit: 'rate_per_10k',
    polarity: 'none',
    precision: 1,
    measureType: 'rolling_12m',
    theme: 'child_protection',
    comparatorMeasure: 's47_rate',
  }),
  indicator({
    code: 'CP-COUNT',
    title: 'Children on a Child Protection Plan',
    definition: 'The number of children subject to a Child Protection Plan at month end (the count behind PI2).',
    whyItMatters:
      'The number of children the Trust is working with under child protection; PI2 expresses it per 10,000 children.',
    unit: 'count',
    polarity: 'none',
    precision: 0,
    measureType: 'snapshot',
    theme: 'child_protection',
    comparatorMeasure: 'children_on_cp_plan_count',
  }),
  indicator({
    code: 'CIN-PLAN-COUNT',
    title: 'Children on a Child in Need Plan',
    definition: 'The number of children with a Child in Need Plan at month end.',
    whyItMatters:
      'Interventions through a Child in Need Plan are intensive and kept under constant review, as plans can easily drift (Annual Review 2020/21).',
    unit: 'count',
    polarity: 'none',
    precision: 0,
    measureType: 'snapshot',
    theme: 'child_protection',
    comparatorMeasure: null,
  }),
  indicator({
    code: 'CIN-PLAN-RATE',
    title: 'Children on a Child in Need Plan per 10,000',
    definition: 'Children with a Child in Need Plan at month end, per 10,000 children aged 0–17.',
    whyItMatters:
      "Shows how many children and families the Trust works with under Child in Need compared with the child population; the annual review notes there are no published comparators (DfE's children-in-need figures count all children in need, not only those with a plan).",
    unit: 'rate_per_10k',
    polarity: 'none',
    precision: 1,
    measureType: 'snapshot',
    theme: 'child_protection',
    comparatorMeasure: null,
  }),
  indicator({
    code: 'CIC-COUNT',
    title: 'Children in care',
    definition: 'The number of children in the care of the council (looked after) at month end.',
    whyItMatters:
      'The number of children in care who need a placement is the biggest contributor to the Trust’s resource pressures (Annual Review 2020/21, section (g)).',
    unit: 'count',
    polarity: 'none',
    precision: 0,
    measureType: 'snapshot',
    theme: 'children_in_care',
    comparatorMeasure: 'children_in_care_count',
  }),
  indicator({
    code: 'CIC-RATE',
    title: 'Children in care per 10,000',
    definition: 'Children in care at month end per 10,000 children aged 0–17.',
    whyItMatters:
      'Sandwell has had more children in care than its statistical neighbours, which shapes the challenge of improving while working with more children and families (Annual Review 2020/21).',
    unit: 'rate_per_10k',
    polarity: 'none',
    precision: 1,
    measureType: 'snapshot',
    theme: 'children_in_care',
    comparatorMeasure: 'children_in_care_rate',
  }),
  indicator({
    code: 'CARE-ENTRANTS-RATE',
    title: 'Children entering care per 10,000',
    definition:
      'The rate of children entering care per 10,000 children aged 0–17, as reported at the month. The March 2024 paper gives it "as of April 2023" without saying over what period; DfE’s comparable figure is the rate over the year to 31 March.',
    whyItMatters:
      'Shows whether children are prevented from entering care where that is safe, and enter care in a planned way when it is needed (March 2024 update, section 6.3).',
    unit: 'rate_per_10k',
    polarity: 'none',
    precision: 1,
    measureType: 'snapshot',
    theme: 'children_in_care',
    comparatorMeasure: 'care_entrants_rate',
  }),
  indicator({
    code: 'CARE-ENTRANTS-RATE-12M',
    title: 'Children entering care per 10,000, last 12 months',
    definition: 'Children entering care in the 12 months to the month, per 10,000 children aged 0–17.',
    whyItMatters:
      'Evidence of effective family interventions when compared with statistical neighbours and the region (minutes of 8 September 2025).',
    unit: 'rate_per_10k',
    polarity: 'none',
    precision: 1,
    measureType: 'rolling_12m',
    theme: 'children_in_care',
    comparatorMeasure: 'care_entrants_rate_rolling_12m',
  }),
  indicator({
    code: 'CARE-EXITS-RATE',
    title: 'Children leaving care per 10,000',
    definition:
      'The rate of children leaving (ceasing to be in) care per 10,000 children aged 0–17, as reported at the month (the September 2025 minutes do not state the period).',
    whyItMatters:
      'Read with entries to care, it indicates stable and planned transitions out of care (minutes of 8 September 2025).',
    unit: 'rate_per_10k',
    polarity: 'none',
    precision: 1,
    measureType: 'snapshot',
    theme: 'children_in_care',
    comparatorMeasure: 'care_exits_rate',
  }),
  indicator({
    code: 'RESIDENTIAL-PCT',
    title: 'Children in care placed in residential care',
    definition: 'The percentage of children in care placed in residential care, at month end.',
    whyItMatters:
      'Residential placements are the highest-cost placements and sufficiency is a national problem; fewer children in residential care than the national average is one sign of children being cared for in family settings (March 2024 and March 2025 updates).',
    unit: 'percent',
    polarity: 'none',
    precision: 1,
    measureType: 'snapshot',
    theme: 'children_in_care',
    comparatorMeasure: 'residential_pct_of_cic',
  }),
  indicator({
    code: 'RESIDENTIAL-COUNT',
    title: 'Children in care placed in residential care (number)',
    definition: 'The number of children in care placed in residential care, at month end.',
    whyItMatters: 'Drives placement cost: the papers multiply it by the average weekly cost to explain overspends.',
    unit: 'count',
    polarity: 'none',
    precision: 0,
    measureType: 'snapshot',
    theme: 'children_in_care',
    comparatorMeasure: null,
  }),
  indicator({
    code: 'RESIDENTIAL-WEEKLY-COST',
    title: 'Average weekly cost of a residential placement',
    definition: 'The average weekly cost, in pounds, of a residential placement.',
    whyItMatters:
      'Rising placement costs are the main pressure on the contract sum (March 2024 update, 4.10; March 2025 update, 4.13).',
    unit: 'money',
    polarity: 'none',
    precision: 0,
    measureType: 'snapshot',
    theme: 'children_in_care',
    comparatorMeasure: 'residential_weekly_cost_gbp',
  }),
  indicator({
    code: 'VACANCY-RATE-OVERALL',
    title: 'Vacancy rate, whole Trust workforce',
    definition: 'Vacant posts as a percentage of the Trust’s establishment, all staff.',
    whyItMatters: 'Part of the picture of recruitment and retention across the Trust (minutes of 8 September 2025).',
    unit: 'percent',
    polarity: 'lower_is_better',
    precision: 2,
    measureType: 'snapshot',
    theme: 'workforce',
    comparatorMeasure: null,
  }),
  indicator({
    code: 'VACANCY-RATE-SW',
    title: 'Vacancy rate, social workers',
    definition: 'Vacant social worker posts as a percentage of the social worker establishment.',
    whyItMatters:
      'A stable, permanent case-holding workforce is critical for long-term improvement (Annual Review 2020/21).',
    unit: 'percent',
    polarity: 'lower_is_better',
    precision: 1,
    measureType: 'snapshot',
    theme: 'workforce',
    comparatorMeasure: 'workforce_vacancy_rate_pct',
  }),
  indicator({
    code: 'VACANCY-RATE-PERMANENT',
    title: 'Permanent vacancy rate',
    definition:
      'The vacancy rate counting only permanent staff in post (posts covered by agency workers count as vacant), as reported in the March 2025 update. It may be the same measure as PI13; the paper does not say so.',
    whyItMatters: 'Shows progress towards a permanent workforce (March 2025 update, 4.16).',
    unit: 'percent',
    polarity: 'lower_is_better',
    precision: 1,
    measureType: 'snapshot',
    theme: 'workforce',
    comparatorMeasure: null,
  }),
  indicator({
    code: 'PERMANENT-WORKFORCE-PCT',
    title: 'Permanent share of the workforce',
    definition: 'Permanent staff as a percentage of the workforce (permanent plus agency).',
    whyItMatters:
      'A greater percentage of the workforce being permanent is one of the Trust’s stated measures of impact (Annual Review 2020/21).',
    unit: 'percent',
    polarity: 'higher_is_better',
    precision: 2,
    measureType: 'snapshot',
    theme: 'workforce',
    comparatorMeasure: null,
  }),
  indicator({
    code: 'AGENCY-WORKFORCE-PCT',
    title: 'Agency share of the workforce',
    definition: 'Agency workers as a percentage of the workforce (permanent plus agency).',
    whyItMatters:
      'Agency workers meet fluctuations in demand but a permanent workforce gives stability (Annual Review 2020/21).',
    unit: 'percent',
    polarity: 'lower_is_better',
    precision: 2,
    measureType: 'snapshot',
    theme: 'workforce',
    comparatorMeasure: null,
  }),
  indicator({
    code: 'AGENCY-SW-PCT',
    title: 'Agency social workers',
    definition: 'Agency social workers as a percentage of all social workers.',
    whyItMatters: 'The balance of agency to permanent social workers (March 2024 update, 4.12).',
    unit: 'percent',
    polarity: 'lower_is_better',
    precision: 1,
    measureType: 'snapshot',
    theme: 'workforce',
    comparatorMeasure: 'workforce_agency_rate_pct',
  }),
  indicator({
    code: 'SW-FTE',
    title: 'Social workers (FTE)',
    definition: 'The full-time-equivalent number of social workers in the Trust (permanent, agency and ASYE).',
    whyItMatters:
      'Set against demand: the Trust’s agreed establishment in 2020/21 was 222.5 FTE social workers (Annual Review 2020/21, section (g)).',
    unit: 'count',
    polarity: 'none',
    precision: 2,
    measureType: 'snapshot',
    theme: 'workforce',
    comparatorMeasure: null,
  }),
];

/** The five teams whose monthly caseloads the annual review publishes (section (g)). */
export const CASELOAD_TEAMS: Array<{ team: string; code: string; title: string; definition: string; why: string }> = [
  {
    team: 'SAAT',
    code: 'CASELOAD-SAAT',
    title: 'Average caseload, Safeguarding and Assessment Teams (SAAT)',
    definition:
      'Cases held by the Safeguarding and Assessment Teams at month end ÷ case-holding FTE. SAAT undertake the assessments that arise from new referrals: short-term work that should not exceed 45 working days.',
    why: 'Caseloads show the pressure on social workers against demand; SAAT caseloads rose across 2020/21 with a spike in summer 2020 (Annual Review 2020/21, section (g)).',
  },
  {
    team: 'Care Management and Children with Disabilities',
    code: 'CASELOAD-CM-CWD',
    title: 'Average caseload, Care Management and Children with Disabilities',
    definition:
      'Cases held by the Care Management and Children with Disabilities service at month end ÷ case-holding FTE. The service holds most children in need and on Child Protection Plans; its target is 18 children per social worker.',
    why: 'Most casework takes place in this service and Children in Care; caseloads above the target of 18 show the staffing shortage against demand (Annual Review 2020/21, section (g)).',
  },
  {
    team: 'Children in Care',
    code: 'CASELOAD-CIC',
    title: 'Average caseload, Children in Care service',
    definition:
      'Cases held by the Children in Care service at month end ÷ case-holding FTE. The service’s target is 15 cases per worker.',
    why: 'Children in care need stability and good relationships with their social workers; the target of 15 gives time for those relationships to develop (Annual Review 2020/21, section (g)).',
  },
  {
    team: 'Care Leavers',
    code: 'CASELOAD-CARE-LEAVERS',
    title: 'Average caseload, Care Leavers teams',
    definition:
      'Young people supported by the Care Leavers teams at month end ÷ case-holding FTE (including personal advisers).',
    why: 'Shows the number of young people per worker in the care leavers service (Annual Review 2020/21, section (g)).',
  },
  {
    team: 'Fostering',
    code: 'CASELOAD-FOSTERING',
    title: 'Average caseload, Fostering teams',
    definition:
      'Cases held by the Fostering Service at month end ÷ case-holding FTE. The establishment is modelled on 16.5 fostering households per supervising social worker and about 6 assessments at a time per assessing social worker.',
    why: 'Shows whether the fostering establishment matches demand for foster placements (Annual Review 2020/21, section (g)).',
  },
];

export function caseloadIndicators(): IndicatorSeed[] {
  return CASELOAD_TEAMS.map((t) => ({
    code: t.code,
    title: t.title,
    shortTitle: null,
    definition: t.definition,
    whyItMatters: t.why,
    unit: 'average',
    polarity: 'lower_is_better',
    precision: 2,
    measureType: 'snapshot',
    theme: 'workforce',
    comparatorMeasure: null,
  }));
}
