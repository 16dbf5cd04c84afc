import { addMonths } from './periods';

/**
 * Which DfE statistical-neighbour model a year's neighbour average should use, so each year is
 * compared like with like. DfE publishes no neighbour averages in its statistics; LAIT computes
 * them when viewed, over the one model it then loads, for every year (its global.R reads a single
 * workbook). The model current for a year is the one in force when DfE published that year's
 * figures: the newest model published by then. DfE's children's social care figures appear
 * within six months of their period's end (children in need and looked after in October and
 * November for the year to 31 March; the workforce in February for 30 September), so a model
 * published by six months after the period's end is the one for it: April 2021 for the years to
 * March 2021–2024 and the workforce to September 2020–2024, May 2025 for the year to March 2025.
 * A period published before the oldest model held (the years to March 2020 and before) gets the
 * oldest held model, flagged `inForce: false`: DfE's earlier model is not in the reference data.
 */
export const DFE_PUBLICATION_LAG_MONTHS = 6;

export interface SnModelDated {
  code: string;
  /** YYYY-MM. */
  publishedOn: string;
}

/** The model for a period ending on `periodEnd` (YYYY-MM-DD or YYYY-MM), or null with no models. */
export function snModelInForce(
  models: readonly SnModelDated[],
  periodEnd: string,
): { code: string; inForce: boolean } | null {
  if (models.length === 0) return null;
  const published = addMonths(periodEnd.slice(0, 7), DFE_PUBLICATION_LAG_MONTHS);
  const sorted = [...models].sort((a, b) => a.publishedOn.localeCompare(b.publishedOn) || a.code.localeCompare(b.code));
  const known = sorted.filter((m) => m.publishedOn <= published);
  if (known.length === 0) return { code: sorted[0]!.code, inForce: false };
  return { code: known.at(-1)!.code, inForce: true };
}

/** Said beside an average whose year was published before the oldest model held. */
export function snModelNotInForceNote(modelName: string, timePeriod: string): string {
  return `${timePeriod}: averaged over ${modelName}, published after DfE published this year's figures; the model in force then is not held, so this is not the average DfE's tools showed at the time.`;
}
