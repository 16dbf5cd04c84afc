import type { DfeMeasureMappingBody, DfePreviewResponse, DfeTimingName } from '@kpi/shared';

/** How one measure is read from the file, as the person chose it on the form. */
export type MappingHow = 'none' | 'column' | 'sum' | 'ratio' | 'rate';

export type MappingDraft = {
  how: MappingHow;
  /** `column`: the column as published. */
  column: string;
  /** `sum`, and the top of a `ratio`: columns added together. */
  columns: string[];
  denominator: string;
  /** `rate`: the count divided by the ONS 0–17 population. */
  count: string;
  filterColumn: string;
  filterValue: string;
  timing: DfeTimingName | '';
};

export const EMPTY_DRAFT: MappingDraft = {
  how: 'none',
  column: '',
  columns: [],
  denominator: '',
  count: '',
  filterColumn: '',
  filterValue: '',
  timing: '',
};

export type Measure = DfePreviewResponse['measures'][number];

/** Field ids, so the error summary can link to each field of each measure. */
export const fieldId = (measureCode: string, field: string) => `map-${measureCode}-${field}`;

export type MappingError = { fieldId: string; text: string };

/** The mapping to send for a draft, or the errors to correct first (GOV.UK wording). */
export function mappingOf(
  measure: Measure,
  draft: MappingDraft,
  workforceFile: boolean,
): { mapping: DfeMeasureMappingBody } | { errors: MappingError[] } | null {
  if (draft.how === 'none') return null;
  const errors: MappingError[] = [];
  const label = measure.kpis[0]?.code ?? measure.measureCode;
  const need = (ok: boolean, field: string, text: string) => {
    if (!ok) errors.push({ fieldId: fieldId(measure.measureCode, field), text: `${label}: ${text}` });
  };
  const mapping: DfeMeasureMappingBody = { measureCode: measure.measureCode, unit: measure.unit };
  if (draft.how === 'column') {
    need(draft.column !== '', 'column', 'choose the column that holds the figure');
    mapping.numerator = draft.column;
  } else if (draft.how === 'sum') {
    need(draft.columns.length >= 2, 'columns', 'choose at least two columns to add together');
    mapping.numerator = draft.columns;
  } else if (draft.how === 'ratio') {
    need(draft.columns.length >= 1, 'columns', 'choose the column (or columns) on the top of the ratio');
    need(draft.denominator !== '', 'denominator', 'choose the column to divide by');
    need(!draft.columns.includes(draft.denominator), 'denominator', 'divide by a column that is not on the top');
    mapping.numerator = draft.columns.length === 1 ? draft.columns[0]! : draft.columns;
    mapping.denominator = draft.denominator;
  } else {
    need(draft.count !== '', 'count', 'choose the column that holds the count');
    mapping.rateFromCount = draft.count;
  }
  if (draft.filterColumn !== '') {
    need(draft.filterValue !== '', 'filter-value', `choose which ${draft.filterColumn} to keep`);
    mapping.filter = { column: draft.filterColumn, value: draft.filterValue };
  }
  if (measure.timing === null && !workforceFile) {
    need(draft.timing !== '', 'timing', 'say when the figure applies');
  }
  if (draft.timing !== '') mapping.timing = draft.timing;
  return errors.length > 0 ? { errors } : { mapping };
}

/** The ways a measure can be read: a rate from a count only for rates, sums not for percentages. */
export function waysFor(measure: Measure): MappingHow[] {
  const ways: MappingHow[] = ['none', 'column'];
  if (measure.unit === 'count') ways.push('sum');
  if (measure.unit === 'percent' || measure.unit === 'rate_per_10k' || measure.unit === 'average') ways.push('ratio');
  if (measure.unit === 'rate_per_10k') ways.push('rate');
  return ways;
}

export const HOW_WORDS: Record<MappingHow, { label: string; hint?: string }> = {
  none: { label: 'Not from this file' },
  column: { label: 'One column, as published' },
  sum: { label: 'Columns added together' },
  ratio: {
    label: 'A ratio: columns divided by another column',
    hint: 'For example ICPCs within 15 working days ÷ all ICPCs. Percentages are × 100, rates × 10,000, rounded to 1 decimal place as DfE publishes.',
  },
  rate: {
    label: 'A rate per 10,000 children from a count',
    hint: 'The count ÷ the ONS 0–17 mid-year population × 10,000. Import the populations first.',
  },
};

/** The precision a measure's figures are shown at: its KPI's, else whole numbers for counts, else 1. */
export function precisionOf(measure: Pick<Measure, 'unit' | 'kpis'> | undefined): number {
  if (!measure) return 1;
  return measure.kpis[0]?.precision ?? (measure.unit === 'count' ? 0 : 1);
}
