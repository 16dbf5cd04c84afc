import { REGIONAL_MEASURES } from '@kpi/shared';
import { describe, expect, it } from 'vitest';
import { DFE_MEASURES } from './dfeMeasures';

// The regional view names its measures in shared/ (the client needs them); the seed loads them. The
// two lists must agree, or a column would show a measure that is never loaded, in the wrong unit.
describe('the regional view’s measures', () => {
  it.each(REGIONAL_MEASURES.map((m) => [m.code, m] as const))('%s is loaded from DfE in the same unit', (code, m) => {
    expect(DFE_MEASURES[code], `${code} is not among the DfE measures the seed loads`).toBeDefined();
    expect(DFE_MEASURES[code]!.unit).toBe(m.unit);
  });
});
