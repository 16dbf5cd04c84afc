import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASSURANCE_ICON_TITLES,
  ASSURANCE_ICONS,
  assuranceIconFor,
  assuranceWords,
  type ImprovementDirection,
  SPECIAL_CAUSE_LABELS,
  spcIconSentences,
  specialCauseReason,
  VARIATION_ICON_TITLES,
  VARIATION_ICONS,
  variationIconFor,
  variationWords,
} from './index';
import { SPECIAL_CAUSE_TYPES } from './rules';

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

// The tooltip once read "Common cause variation. Common cause variation: the latest month is …":
// the words restated the icon's title, and every view puts the title before them.
describe('the icons in words state their heading once', () => {
  const headingsOf = (title: string) => [title, title.replace(/ \((higher|lower)\)$/, '')];
  const occurrences = (text: string, part: string) => text.split(part).length - 1;

  it.each([
    [
      'common_cause',
      'common_cause',
      'Variation: Common cause variation. The latest month is within the normal range of variation (no rule is met), so a change from month to month is not a signal.',
    ],
    [
      'concern_high',
      'above_upper_limit',
      'Variation: Special cause of concern (higher). The latest month is above the upper process limit.',
    ],
    [
      'improvement_low',
      'run_below',
      'Variation: Special cause of improvement (lower). 9 months in a row below the average.',
    ],
    [
      'neutral_high',
      'trend_increasing',
      'Variation: Special cause variation (higher). 9 months in a row rising; neither direction is better for this measure.',
    ],
  ] as const)('%s (%s)', (icon, rule, expected) => {
    const variation = { title: VARIATION_ICON_TITLES[icon], words: variationWords(icon, specialCauseReason(rule, 9)) };
    expect(spcIconSentences({ variation, assurance: null })).toEqual({ variation: expected, assurance: null });
  });

  it('for every icon, rule and run length, and every assurance icon', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VARIATION_ICONS),
        fc.constantFrom(...SPECIAL_CAUSE_TYPES),
        fc.integer({ min: 7, max: 60 }),
        fc.option(fc.constantFrom(...ASSURANCE_ICONS), { nil: null }),
        (icon, rule, run, assuranceIcon) => {
          const variation = {
            title: VARIATION_ICON_TITLES[icon],
            words: variationWords(icon, specialCauseReason(rule, run)),
          };
          const assurance = assuranceIcon
            ? { title: ASSURANCE_ICON_TITLES[assuranceIcon], words: assuranceWords(assuranceIcon) }
            : null;
          const sentences = spcIconSentences({ variation, assurance });
          for (const heading of headingsOf(variation.title)) expect(occurrences(sentences.variation, heading)).toBe(1);
          expect(sentences.variation).not.toMatch(/(Special cause|Common cause)[^.]*\. (Special cause|Common cause)/);
          expect(sentences.variation.endsWith('.')).toBe(true);
          expect(SPECIAL_CAUSE_LABELS[rule]).toBeTruthy();
          if (assurance) {
            expect(occurrences(sentences.assurance!, assurance.title)).toBe(1);
            expect(sentences.assurance!.startsWith(`Assurance: ${assurance.title}. The target`)).toBe(true);
          } else expect(sentences.assurance).toBeNull();
        },
      ),
    );
  });
});
