import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRST_SUPPORTED_YEAR, lastSupportedYear, MAX_ID } from '../domain/bounds';
import { commentaryParamsSchema, createActionRequestSchema, updateActionRequestSchema } from './commentary';
import {
  graceInputSchema,
  kpiSetProposalInputSchema,
  meetingInputSchema,
  meetingUpdateSchema,
  reliefEventInputSchema,
  thresholdProposalInputSchema,
} from './contractAdmin';
import { idInputSchema, isoDateInputSchema, isoDateSchema } from './kpi';
import { spcRebaseCreateSchema } from './spc';

/**
 * Every month and date a request carries is bounded to the supported years and (for dates) the
 * calendar, so date arithmetic and PostgreSQL never see 0000-01, 9999-12 or 30 February. The
 * route-by-route check over the OpenAPI document is tests/api/requestBounds.test.ts.
 */
const last = lastSupportedYear();
const BAD_MONTHS = ['0000-01', '0001-01', `${FIRST_SUPPORTED_YEAR - 1}-12`, `${last + 1}-01`, '9999-12'];
const BAD_DATES = ['2025-02-30', '2025-02-31', '2025-13-45', '0000-00-00', '0000-01-01', '9999-12-31', '1999-12-31'];

type Schema = { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } };
const good = {
  month: '2024-03',
  date: '2024-03-31',
};
const CASES: {
  name: string;
  schema: Schema;
  base: Record<string, unknown>;
  field: (string | number)[];
  kind: 'month' | 'date';
}[] = [
  {
    name: 'commentary params month',
    schema: commentaryParamsSchema,
    base: { code: 'PI1', month: good.month },
    field: ['month'],
    kind: 'month',
  },
  ...(['create', 'update'] as const).flatMap((which) => {
    const schema = which === 'create' ? createActionRequestSchema : updateActionRequestSchema;
    const base = { description: 'd', owner: 'o', dueOn: good.date, months: [good.month] };
    return [
      { name: `${which} action dueOn`, schema, base, field: ['dueOn'], kind: 'date' as const },
      { name: `${which} action months`, schema, base, field: ['months', 0], kind: 'month' as const },
    ];
  }),
  {
    name: 'spc rebase month',
    schema: spcRebaseCreateSchema,
    base: { month: good.month, reason: 'a new set' },
    field: ['month'],
    kind: 'month',
  },
  ...(['create', 'update'] as const).flatMap((which) => {
    const schema = which === 'create' ? meetingInputSchema : meetingUpdateSchema;
    const base = { board: 'Board', heldOn: good.date, monthsFrom: good.month, monthsTo: good.month };
    return [
      { name: `${which} meeting heldOn`, schema, base, field: ['heldOn'], kind: 'date' as const },
      { name: `${which} meeting monthsFrom`, schema, base, field: ['monthsFrom'], kind: 'month' as const },
      { name: `${which} meeting monthsTo`, schema, base, field: ['monthsTo'], kind: 'month' as const },
    ];
  }),
  ...(['agreedOn', 'fromMonth', 'toMonth'] as const).map((f) => ({
    name: `relief event ${f}`,
    schema: reliefEventInputSchema,
    base: {
      name: 'n',
      reason: 'r',
      agreedOn: good.date,
      fromMonth: good.month,
      toMonth: good.month,
      indicatorCodes: ['PI1'],
    },
    field: [f],
    kind: f === 'agreedOn' ? ('date' as const) : ('month' as const),
  })),
  ...(['effectiveFrom', 'effectiveTo'] as const).map((f) => ({
    name: `KPI set proposal ${f}`,
    schema: kpiSetProposalInputSchema,
    base: { code: 'S1', name: 'n', effectiveFrom: good.month, effectiveTo: good.month, reason: 'r' },
    field: [f],
    kind: 'month' as const,
  })),
  {
    name: 'grace fromMonth',
    schema: graceInputSchema,
    base: { indicatorCode: 'PI1', months: 3, fromMonth: good.month },
    field: ['fromMonth'],
    kind: 'month',
  },
  {
    name: 'threshold proposal effectiveFrom',
    schema: thresholdProposalInputSchema,
    base: { indicatorCode: 'PI1', effectiveFrom: good.month, target: '>= 50', failure: '< 40', reason: 'r' },
    field: ['effectiveFrom'],
    kind: 'month',
  },
];

function withField(base: Record<string, unknown>, field: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let at: Record<string | number, unknown> = copy;
  for (const key of field.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[field.at(-1)!] = value;
  return copy;
}

describe('request schemas bound every month and date', () => {
  it.each(CASES)('$name accepts a good value', ({ schema, base }) => {
    expect(schema.safeParse(base).success).toBe(true);
  });

  it.each(CASES)(
    '$name refuses months and dates outside the supported years or the calendar',
    ({ schema, base, field, kind }) => {
      for (const bad of kind === 'month' ? BAD_MONTHS : BAD_DATES) {
        const result = schema.safeParse(withField(base, field, bad));
        expect(result.success, `${bad}`).toBe(false);
        expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(field.join('.'));
      }
    },
  );
});

describe('isoDateInputSchema', () => {
  it('accepts exactly the real dates in the supported years, with plain-English messages', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const js = new Date(0);
          js.setUTCFullYear(y, m - 1, d);
          const real = y >= 1 && m >= 1 && m <= 12 && d >= 1 && js.getUTCDate() === d && js.getUTCMonth() === m - 1;
          const inYears = y >= FIRST_SUPPORTED_YEAR && y <= last;
          const result = isoDateInputSchema.safeParse(text);
          expect(result.success).toBe(real && inYears);
          if (!real) expect(result.error?.issues.map((i) => i.message)).toEqual(['Enter a real date, like 2025-03-31']);
          // Responses hold any real date.
          expect(isoDateSchema.safeParse(text).success).toBe(real);
        },
      ),
    );
  });
});

describe('idInputSchema', () => {
  it.each([' 1', '1 ', '0x10', '1e2', '+1', '-1', '1.0', '0', '', String(MAX_ID + 1), '99999999999', '١'])(
    'refuses %j',
    (text) => {
      expect(idInputSchema.safeParse(text).success).toBe(false);
    },
  );

  it('accepts plain decimal digits naming a positive int4, and nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: MAX_ID }).map(String), fc.string({ maxLength: 12 })), (text) => {
        const result = idInputSchema.safeParse(text);
        const expected = /^[0-9]+$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_ID && text.length <= 10;
        expect(result.success).toBe(expected);
        if (result.success) expect(result.data).toBe(Number(text));
      }),
    );
  });
});
