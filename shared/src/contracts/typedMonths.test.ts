import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMonth } from '../domain/format';
import { readTextMonth } from '../domain/monthText';
import {
  graceInputSchema,
  kpiSetProposalInputSchema,
  meetingInputSchema,
  reliefEventInputSchema,
  thresholdProposalInputSchema,
} from './contractAdmin';

/**
 * A month typed in the contract's forms is read as a monthly return's month is: 2024-04, Apr-24,
 * April 2024 and Apr 2024 all mean April 2024, by the one shared parser; anything else is refused
 * with the forms named.
 */
const bands = { indicatorCode: 'PI4', target: '> 85%', failure: '< 75%', reason: 'Agreed.' };
const meeting = { board: 'Scrutiny Board', heldOn: '2026-05-20', monthsTo: '2026-03' };
const FIELDS: [
  string,
  {
    safeParse: (v: unknown) => {
      success: boolean;
      data?: Record<string, unknown>;
      error?: { issues: { message: string }[] };
    };
  },
  (month: string) => unknown,
  (data: Record<string, unknown>) => unknown,
][] = [
  ['band first month', thresholdProposalInputSchema, (m) => ({ ...bands, effectiveFrom: m }), (d) => d.effectiveFrom],
  [
    'set first month',
    kpiSetProposalInputSchema,
    (m) => ({ code: 'C', name: 'C', effectiveFrom: m, reason: 'r' }),
    (d) => d.effectiveFrom,
  ],
  [
    'set last month',
    kpiSetProposalInputSchema,
    (m) => ({ code: 'C', name: 'C', effectiveFrom: '2021-01', effectiveTo: m, reason: 'r' }),
    (d) => d.effectiveTo,
  ],
  ['grace from', graceInputSchema, (m) => ({ indicatorCode: 'PI4', months: 3, fromMonth: m }), (d) => d.fromMonth],
  ['meeting first month', meetingInputSchema, (m) => ({ ...meeting, monthsFrom: m }), (d) => d.monthsFrom],
  [
    'relief first month',
    reliefEventInputSchema,
    (m) => ({
      name: 'n',
      reason: 'r',
      agreedOn: '2026-01-01',
      fromMonth: m,
      toMonth: '2026-03',
      indicatorCodes: ['PI4'],
    }),
    (d) => d.fromMonth,
  ],
];

const month = fc
  .record({ year: fc.integer({ min: 2001, max: 2030 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, m }) => `${year}-${String(m).padStart(2, '0')}`);

describe('months typed in the contract’s forms', () => {
  it.each(FIELDS)('the %s takes every form a return takes, as the same month', (_name, schema, body, pick) => {
    fc.assert(
      fc.property(month, (iso) => {
        const [year, m] = iso.split('-');
        const forms = [iso, formatMonth(iso), formatMonth(iso, 'short'), ` ${formatMonth(iso).toUpperCase()} `];
        if (Number(year) >= 2001) forms.push(`${formatMonth(iso, 'short').slice(0, 3)}-${year!.slice(2)}`);
        for (const form of forms) {
          expect(readTextMonth(form), form).toBe(iso);
          const parsed = schema.safeParse(body(form));
          expect(parsed.success, `${form} ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
          expect(pick(parsed.data!), form).toBe(iso);
        }
        void m;
      }),
      { numRuns: 30 },
    );
  });

  it.each(FIELDS)('the %s refuses what is not a month, naming the forms it takes', (_name, schema, body) => {
    for (const text of ['04/2024', '2024-13', 'Aprilish 2024', 'soon']) {
      const parsed = schema.safeParse(body(text));
      expect(parsed.success, text).toBe(false);
      expect(parsed.error!.issues[0]!.message, text).toBe('Write the month as 2021-03, Mar-21, March 2021 or Mar 2021');
    }
  });
});
