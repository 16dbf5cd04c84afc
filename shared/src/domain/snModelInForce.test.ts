import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snModelInForce } from './snModelInForce';

// DfE's two models held in data/reference/dfe (sn_april_2021.xlsx, sn_may_2025.xlsx).
const MODELS = [
  { code: 'dfe-sn-2025-05', publishedOn: '2025-05' },
  { code: 'dfe-sn-2021-04', publishedOn: '2021-04' },
];

// Sandwell's neighbour averages used the April 2021 model for every year, 2025 included.
describe('snModelInForce: each year against the model current when DfE published it', () => {
  it.each([
    ['2016-03-31', 'dfe-sn-2021-04', false],
    ['2020-03-31', 'dfe-sn-2021-04', false],
    ['2020-09-30', 'dfe-sn-2021-04', false], // workforce at 30 Sept 2020, published Feb 2021
    ['2021-03-31', 'dfe-sn-2021-04', true],
    ['2024-03-31', 'dfe-sn-2021-04', true],
    ['2024-09-30', 'dfe-sn-2021-04', true], // workforce at 30 Sept 2024, published Feb 2025
    ['2025-03-31', 'dfe-sn-2025-05', true],
    ['2025-09-30', 'dfe-sn-2025-05', true],
  ] as const)('%s → %s', (periodEnd, code, inForce) => {
    expect(snModelInForce(MODELS, periodEnd)).toEqual({ code, inForce });
  });

  it('is the newest model published by six months after the period, else the oldest (flagged)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 2010 * 12, max: 2030 * 12 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 2008 * 12, max: 2032 * 12 }),
        (published, period) => {
          const month = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
          const models = published.map((n) => ({ code: `m${n}`, publishedOn: month(n) }));
          const got = snModelInForce(models, `${month(period)}-28`)!;
          const eligible = published.filter((n) => n <= period + 6);
          if (eligible.length === 0) expect(got).toEqual({ code: `m${Math.min(...published)}`, inForce: false });
          else expect(got).toEqual({ code: `m${Math.max(...eligible)}`, inForce: true });
        },
      ),
    );
    expect(snModelInForce([], '2025-03-31')).toBeNull();
  });
});
