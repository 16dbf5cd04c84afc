import type { ComparatorComparison } from '../contracts/kpi';

/**
 * When a KPI's own definition differs from the DfE measure it is set beside (PI13 is the vacancy
 * rate of permanent front-line social worker posts; DfE's is all children and family social
 * workers at 30 September), its monthly figures and DfE's are two different measures: a verdict
 * between them ("worse than England") would be about the definitions, not about practice. DfE's
 * figures compared with each other (the council's own DfE figure against its neighbours, region
 * and England) are still like with like. `difference` is the administrator's text saying how the
 * definitions differ; null or blank when they agree.
 */

/** Which council figure a comparison would use (the contract's `basis`). */
export type ComparisonBasis = ComparatorComparison['basis'];

/** The difference as text worth showing: trimmed, or null when there is none. */
export function comparatorDifferenceText(difference: string | null | undefined): string | null {
  const text = difference?.trim() ?? '';
  return text === '' ? null : text;
}

/** Whether the council's figure on this basis may be judged against a DfE comparator. */
export function mayCompareOn(basis: ComparisonBasis, difference: string | null | undefined): boolean {
  return basis === 'dfe_official' || comparatorDifferenceText(difference) === null;
}

/** The text inside brackets: without its closing full stop, so the sentence around it reads as one. */
function bracketed(difference: string): string {
  return difference.trim().replace(/[.;:,\s]+$/u, '');
}

/** Why a comparator has no verdict: the only council figure to set against it is on another definition. */
export function notComparedForDifference(difference: string): string {
  return `Not compared: this KPI’s definition differs from DfE’s (${bracketed(difference)}), so its monthly figures are not set against DfE’s.`;
}

/**
 * Beside a DfE figure that is shown or compared like with like (the council's own DfE figure, or a
 * comparator judged against it): the monthly figures beside it measure something else.
 */
export function differenceBesideDfe(difference: string): string {
  return `This KPI’s definition differs from DfE’s (${bracketed(difference)}): only DfE’s figures are compared with each other, never with the monthly figures.`;
}

/** Said once under a chart or list that puts the monthly figures beside DfE's lines. */
export function differenceChartNote(code: string, difference: string): string {
  return `${code}’s monthly figures are not the measure DfE publishes: ${bracketed(difference)}. They are drawn beside DfE’s lines but not judged against them; where DfE publishes the council’s own figure, that is what is compared.`;
}
