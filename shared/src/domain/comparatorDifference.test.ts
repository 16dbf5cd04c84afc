import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparatorDifferenceText,
  differenceBesideDfe,
  differenceChartNote,
  mayCompareOn,
  notComparedForDifference,
} from './comparatorDifference';

const PI13 =
  "The contract counts vacant permanent front-line social worker posts only; DfE's vacancy rate is for all children and family social workers at 30 September.";

describe('mayCompareOn', () => {
  it.each([
    // basis, difference, may compare
    ['dfe_official', null, true],
    ['dfe_official', PI13, true], // DfE against DfE is like with like whatever the KPI's own definition
    ['monthly', null, true],
    ['monthly', undefined, true],
    ['monthly', '', true], // blank is no difference
    ['monthly', '   \n', true],
    ['monthly', PI13, false], // two different measures
    ['monthly', 'x', false],
  ] as const)('%s with difference %j: %s', (basis, difference, expected) => {
    expect(mayCompareOn(basis, difference)).toBe(expected);
  });

  it('refuses the monthly basis exactly when there is text worth showing', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: null }), (difference) => {
        expect(mayCompareOn('monthly', difference)).toBe(comparatorDifferenceText(difference) === null);
        expect(mayCompareOn('dfe_official', difference)).toBe(true);
      }),
    );
  });
});

describe('the difference in words', () => {
  it.each([
    [PI13, PI13],
    [`  ${PI13}  `, PI13],
    ['', null],
    ['  ', null],
    [null, null],
  ])('comparatorDifferenceText(%j) is %j', (input, expected) => {
    expect(comparatorDifferenceText(input)).toBe(expected);
  });

  it.each([
    [notComparedForDifference, 'Not compared: this KPI’s definition differs from DfE’s ('],
    [differenceBesideDfe, 'This KPI’s definition differs from DfE’s ('],
  ])('%o says the text once, inside one sentence (no full stop before the bracket closes)', (words, start) => {
    const sentence = words(PI13);
    expect(sentence.startsWith(start)).toBe(true);
    expect(sentence).toContain('30 September)');
    expect(sentence.split('all children and family social workers').length).toBe(2);
    expect(sentence).not.toContain('.)');
  });

  it('names the KPI under the chart', () => {
    expect(differenceChartNote('PI13', PI13)).toMatch(
      /^PI13’s monthly figures are not the measure DfE publishes: The contract counts .* at 30 September\. They are drawn beside DfE’s lines but not judged against them/,
    );
  });
});
