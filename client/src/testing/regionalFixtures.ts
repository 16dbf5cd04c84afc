import type { RegionalKpisResponse } from '@kpi/shared';

/** The one-KPI comparison with no council's figure: what the Region page's tests answer when it is not their subject. */
export function emptyKpisAnswer(group: RegionalKpisResponse['group'], code = 'PI4'): RegionalKpisResponse {
  return {
    group,
    code,
    month: null,
    polarity: null,
    unit: null,
    precision: null,
    groupAverage: { value: null, displayValue: 'No data', councils: 0 },
    councils: [],
    trend: { months: [], councils: [], references: [], notes: [] },
    includesUnpublished: false,
  };
}
