import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neighbourModelYears, neighbourModelYearsWords, snModelInForce } from './snModelInForce';

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

const APRIL_2021 = { code: 'dfe-sn-2021-04', publishedOn: '2021-04', name: 'April 2021 model' };
const MAY_2025 = { code: 'dfe-sn-2025-05', publishedOn: '2025-05', name: 'May 2025 model' };
const held = (model: typeof APRIL_2021, ...periodEnds: string[]) =>
  periodEnds.map((periodEnd) => ({ ...model, periodEnd }));

describe('neighbourModelYears: which model each year of a council’s averages uses, as its pages choose', () => {
  it.each([
    [
      'both models held for 2025: 2025 uses May 2025, 2021–2024 April 2021, earlier years flagged',
      [
        ...held(APRIL_2021, '2019-03-31', '2020-03-31', '2021-03-31', '2024-03-31', '2024-09-30', '2025-03-31'),
        ...held(MAY_2025, '2025-03-31'),
      ],
      'dfe-sn-2021-04',
      'April 2021 model for years ending 2019 to 2020 (not the model in force for those years, whose averages are not held); April 2021 model for years ending 2021 to 2024; May 2025 model for years ending 2025',
    ],
    [
      'only April 2021 held: the newest model held is the one in force for 2025 too',
      held(APRIL_2021, '2024-03-31', '2025-03-31'),
      'dfe-sn-2021-04',
      'April 2021 model for years ending 2024 to 2025',
    ],
    [
      'the chosen model alone has a year the ruled model lacks: used, and said not to be in force',
      [...held(APRIL_2021, '2024-03-31', '2025-03-31'), ...held(MAY_2025, '2026-03-31')],
      'dfe-sn-2021-04',
      'April 2021 model for years ending 2024; April 2021 model for years ending 2025 (not the model in force for those years, whose averages are not held); May 2025 model for years ending 2026',
    ],
    ['no averages held', [], 'dfe-sn-2021-04', ''],
  ])('%s', (_name, averages, chosen, words) => {
    expect(neighbourModelYearsWords(neighbourModelYears(averages, chosen))).toBe(words);
  });

  it('names every held year exactly once, whatever order the averages come in', () => {
    const years = fc.uniqueArray(fc.integer({ min: 2013, max: 2026 }), { minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(years, fc.boolean(), (ys, withMay) => {
        const averages = [
          ...held(APRIL_2021, ...ys.map((y) => `${y}-03-31`)),
          ...(withMay ? held(MAY_2025, ...ys.map((y) => `${y}-03-31`)) : []),
        ].reverse();
        const runs = neighbourModelYears(averages, APRIL_2021.code);
        const covered = runs.flatMap((r) =>
          Array.from({ length: r.toYear - r.fromYear + 1 }, (_, i) => r.fromYear + i),
        );
        expect(new Set(covered).size).toBe(covered.length);
        for (const y of ys) expect(covered).toContain(y);
        // Runs are oldest first and never claim May 2025 for a year before it was in force.
        for (const r of runs) if (r.model === MAY_2025.name) expect(r.fromYear).toBeGreaterThanOrEqual(2025);
      }),
    );
  });
});
