import { describe, expect, it } from 'vitest';
import { assuranceIconFor, type ImprovementDirection, variationIconFor } from './icons';

// NHSRplotthedots' own cases (MIT), tests/testthat/test-ptd_calculate_assurance_type.R: three
// facets with limits (1, 3), (5, 7) and (1, 5) against a target of 4, reproduced exactly.
const facets = [
  { lowerLimit: 1, upperLimit: 3 },
  { lowerLimit: 5, upperLimit: 7 },
  { lowerLimit: 1, upperLimit: 5 },
];

describe('assuranceIconFor (package cases)', () => {
  it.each([
    ['increase', ['consistent_fail', 'consistent_pass', 'inconsistent']],
    ['decrease', ['consistent_pass', 'consistent_fail', 'inconsistent']],
    ['neutral', [null, null, null]],
  ] as [ImprovementDirection, (string | null)[]][])('%s', (direction, expected) => {
    expect(facets.map((f) => assuranceIconFor(4, f, direction))).toEqual(expected);
  });

  it('no target, no icon; a target exactly on a limit is hit and miss (strict inequalities)', () => {
    expect(assuranceIconFor(null, facets[0]!, 'increase')).toBeNull();
    expect(assuranceIconFor(3, facets[0]!, 'increase')).toBe('inconsistent');
    expect(assuranceIconFor(1, facets[0]!, 'increase')).toBe('inconsistent');
  });
});

describe('variationIconFor (geom_ptd_icon.R)', () => {
  it.each([
    ['common_cause', 'increase', 'common_cause'],
    ['special_cause_improvement', 'increase', 'improvement_high'],
    ['special_cause_improvement', 'decrease', 'improvement_low'],
    ['special_cause_concern', 'increase', 'concern_low'],
    ['special_cause_concern', 'decrease', 'concern_high'],
    ['special_cause_neutral_high', 'neutral', 'neutral_high'],
    ['special_cause_neutral_low', 'neutral', 'neutral_low'],
  ] as const)('%s with %s → %s', (type, direction, icon) => {
    expect(variationIconFor(type, direction)).toBe(icon);
  });
});
