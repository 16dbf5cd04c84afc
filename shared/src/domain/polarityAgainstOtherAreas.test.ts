import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLARITIES } from '../contracts/enums';
import { polarityAgainstOtherAreas, polarityAgainstOtherAreasNote, REGIONAL_MEASURES } from './regionalMeasures';

// The CP plan rate was "not rated: no polarity" on the regional views but "worse than England"
// on PI2's own page (its contract bands: lower is better). One rule now decides both.
describe('polarityAgainstOtherAreas: better or worse against other areas', () => {
  it.each([
    ['PI2, CP plans per 10,000 (contract: lower is better)', 'lower_is_better', 'children_on_cp_plan_rate', 'none'],
    ['re-referrals, lower is better in both', 'lower_is_better', 're_referral_pct', 'lower_is_better'],
    ['PI3, ICPCs within 15 days', 'higher_is_better', 'icpc_timeliness_pct', 'higher_is_better'],
    [
      'children in care per 10,000 (a KPI calling it lower-is-better)',
      'lower_is_better',
      'children_in_care_rate',
      'none',
    ],
    ['a KPI on no DfE measure keeps its own', 'higher_is_better', null, 'higher_is_better'],
    [
      'a KPI on a measure the regional table does not hold keeps its own',
      'lower_is_better',
      'contacts_count',
      'lower_is_better',
    ],
  ] as const)('%s', (_, polarity, comparatorMeasure, expected) => {
    expect(polarityAgainstOtherAreas({ polarity, comparatorMeasure })).toBe(expected);
  });

  it('says so in words exactly where it sets the contract direction aside', () => {
    expect(
      polarityAgainstOtherAreasNote({ polarity: 'lower_is_better', comparatorMeasure: 'children_on_cp_plan_rate' }),
    ).toBe(
      "Against other areas this is higher or lower, not better or worse: DfE gives children on a child protection plan per 10,000 children no better direction, so only the contract's own bands count lower as better.",
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...POLARITIES),
        fc.option(fc.constantFrom(...REGIONAL_MEASURES.map((m) => m.code), 'contacts_count', 'anything_else'), {
          nil: null,
        }),
        (polarity, comparatorMeasure) => {
          const kpi = { polarity, comparatorMeasure };
          const measure = REGIONAL_MEASURES.find((m) => m.code === comparatorMeasure);
          const rule = polarityAgainstOtherAreas(kpi);
          expect(rule).toBe(measure ? measure.polarity : polarity);
          expect(polarityAgainstOtherAreasNote(kpi) !== null).toBe(rule !== polarity);
        },
      ),
    );
  });
});
