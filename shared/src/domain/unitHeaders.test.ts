import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNITS } from '../contracts/enums';
import { headerWithUnit, UNIT_HEADER_WORDS, UNIT_PER_ROW_WORDS } from './unitHeaders';

describe('headerWithUnit: every export header of figures names their unit', () => {
  it.each([
    ['Statistical neighbours', 'rate_per_10k', undefined, 'Statistical neighbours (rate per 10,000 children)'],
    ['England', 'percent', undefined, 'England (%)'],
    ['Sandwell', 'count', 'rolling 12 months', 'Sandwell (count; rolling 12 months)'],
    ['SPC average', 'average', undefined, 'SPC average (average)'],
    ['Value, March 2021', 'per_row', undefined, 'Value, March 2021 (in the unit of its row, see Unit)'],
  ] as const)('%s, %s', (header, unit, qualifier, expected) => {
    expect(headerWithUnit(header, unit, qualifier)).toBe(expected);
  });

  it('for any header and unit, the header comes first and the unit words follow in brackets', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.constantFrom(...UNITS, 'per_row' as const), (header, unit) => {
        const words = unit === 'per_row' ? UNIT_PER_ROW_WORDS : UNIT_HEADER_WORDS[unit];
        expect(headerWithUnit(header, unit)).toBe(`${header} (${words})`);
      }),
    );
  });

  it('no two units read alike', () => {
    expect(new Set(Object.values(UNIT_HEADER_WORDS)).size).toBe(UNITS.length);
  });
});
