import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  indicatorInputSchema,
  indicatorUpdateSchema,
  kpiSetProposalInputSchema,
  meetingInputSchema,
  reliefEventInputSchema,
  thresholdProposalInputSchema,
} from './contractAdmin';

/**
 * Names, titles and band words are shown on one line (a scorecard row, a table cell, an export's
 * column, a meeting's heading): a line break or tab typed or pasted into one is refused with a
 * message saying so, while definitions and reasons may run over several lines.
 */
const indicator = {
  code: 'PI20',
  title: 'Children seen within 5 working days',
  definition: 'Children seen alone.\nCounted at month end.',
  whyItMatters: 'Seeing children matters.',
  theme: 'front_door',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 1,
  measureType: 'flow',
};
const set = { code: 'C2026', name: 'Contract 2026', effectiveFrom: '2026-04', reason: 'New contract.\nSigned.' };
const bands = { indicatorCode: 'PI20', effectiveFrom: '2026-04', target: '> 85%', failure: '< 75%', reason: 'Agreed.' };
const meeting = { board: 'Scrutiny Board', heldOn: '2026-05-20', monthsFrom: '2026-01', monthsTo: '2026-03' };
const relief = {
  name: 'Cyber attack',
  reason: 'Systems down.',
  agreedOn: '2026-05-01',
  fromMonth: '2026-01',
  toMonth: '2026-02',
  indicatorCodes: ['PI20'],
};

type Schema = {
  safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
};
const SINGLE_LINE: [string, Schema, Record<string, unknown>, string][] = [
  ['indicator title', indicatorInputSchema, indicator, 'title'],
  ['indicator short title', indicatorInputSchema, indicator, 'shortTitle'],
  ['numerator label', indicatorInputSchema, indicator, 'numeratorLabel'],
  ['denominator label', indicatorInputSchema, indicator, 'denominatorLabel'],
  ['comparator measure', indicatorInputSchema, indicator, 'comparatorMeasure'],
  ['indicator title (edit)', indicatorUpdateSchema, {}, 'title'],
  ['KPI set name', kpiSetProposalInputSchema, set, 'name'],
  ['target band', thresholdProposalInputSchema, bands, 'target'],
  ['failure band', thresholdProposalInputSchema, bands, 'failure'],
  ['meeting committee', meetingInputSchema, meeting, 'board'],
  ['relief event name', reliefEventInputSchema, relief, 'name'],
];
const BREAKS = ['\n', '\r', '\r\n', '\t', '\u2028', '\u2029', '\u0085'];

describe('single-line fields of the contract', () => {
  it('take their ordinary values', () => {
    for (const [name, schema, base] of SINGLE_LINE) expect(schema.safeParse(base).success, name).toBe(true);
  });

  it.each(SINGLE_LINE)('refuse a line break or tab inside the %s, saying so', (_name, schema, base, field) => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && /^[\w ]+$/.test(s)),
        fc.constantFrom(...BREAKS),
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && /^[\w ]+$/.test(s)),
        (before, lineBreak, after) => {
          const result = schema.safeParse({ ...base, [field]: `${before}${lineBreak}${after}` });
          expect(result.success).toBe(false);
          const issue = result.error!.issues.find((i) => i.path[0] === field);
          expect(issue?.message).toBe('Keep this on one line: take out the line break or tab');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuse a control character in a name, naming it', () => {
    const result = meetingInputSchema.safeParse({ ...meeting, board: 'Scrutiny\u0007Board' });
    expect(result.error?.issues[0]?.message).toBe('Take out an invisible control character (U+0007)');
  });

  it('still let definitions and reasons run over several lines', () => {
    expect(indicatorInputSchema.safeParse(indicator).success).toBe(true);
    expect(kpiSetProposalInputSchema.safeParse(set).success).toBe(true);
    expect(reliefEventInputSchema.safeParse({ ...relief, reason: 'Down.\r\nBack up.' }).success).toBe(true);
  });
});
