import { describe, expect, it } from 'vitest';
import { MEASURE_TYPES } from '../../contracts/enums';
import { spcWithheldReason } from './eligibility';

describe('which KPIs may go on an XmR chart', () => {
  it.each([
    ['snapshot', false],
    ['flow', false],
    ['cumulative_fytd', true],
    ['rolling_12m', true],
  ] as const)('%s: withheld %s', (measureType, withheld) => {
    const reason = spcWithheldReason(measureType);
    expect(reason !== null).toBe(withheld);
    if (reason) expect(reason).toMatch(/^No SPC for this KPI: .+independent monthly figures\.$/);
  });

  it('every measure type is decided (a new type must be placed in the table above)', () => {
    expect([...MEASURE_TYPES].sort()).toEqual(['cumulative_fytd', 'flow', 'rolling_12m', 'snapshot']);
  });
});
