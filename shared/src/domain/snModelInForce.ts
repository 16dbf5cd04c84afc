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

/** A neighbour average held for a council: its model and the period it describes. */
export interface HeldNeighbourAverage extends SnModelDated {
  name: string;
  /** YYYY-MM-DD. */
  periodEnd: string;
}

/** Consecutive years (by the year their periods end) whose averages use one model. */
export interface NeighbourModelYears {
  model: string;
  fromYear: number;
  toYear: number;
  /** False: not the model in force for these years (published later, or the one in force has no average held). */
  inForce: boolean;
}

/**
 * Which model each year's neighbour averages use, as the KPI pages choose them: the model in force
 * for the period (`snModelInForce`) where it has an average for it, else the council's chosen model
 * (then not in force), grouped into runs of years, oldest first (a year with no average held does not
 * break a run: no other model was used for it). So a council's home page can say
 * "April 2021 model for 2021 to 2024, May 2025 model for 2025" rather than one model for every year.
 */
export function neighbourModelYears(
  held: readonly HeldNeighbourAverage[],
  chosenModelCode: string | null,
): NeighbourModelYears[] {
  const models = new Map(held.map((h) => [h.code, { code: h.code, publishedOn: h.publishedOn }]));
  const names = new Map(held.map((h) => [h.code, h.name]));
  const byPeriod = new Map<string, Set<string>>();
  for (const h of held) byPeriod.set(h.periodEnd, (byPeriod.get(h.periodEnd) ?? new Set()).add(h.code));
  const used: { year: number; code: string; inForce: boolean }[] = [];
  for (const periodEnd of [...byPeriod.keys()].sort()) {
    const codes = byPeriod.get(periodEnd)!;
    const rule = snModelInForce([...models.values()], periodEnd);
    const year = Number(periodEnd.slice(0, 4));
    if (rule && codes.has(rule.code)) used.push({ year, code: rule.code, inForce: rule.inForce });
    else if (chosenModelCode && codes.has(chosenModelCode)) used.push({ year, code: chosenModelCode, inForce: false });
  }
  const runs: NeighbourModelYears[] = [];
  for (const u of used) {
    const model = names.get(u.code) ?? u.code;
    const last = runs.at(-1);
    if (last && last.model === model && last.inForce === u.inForce) {
      last.toYear = Math.max(last.toYear, u.year);
    } else if (
      !runs.some((r) => r.model === model && r.inForce === u.inForce && u.year >= r.fromYear && u.year <= r.toYear)
    ) {
      runs.push({ model, fromYear: u.year, toYear: u.year, inForce: u.inForce });
    }
  }
  return runs;
}

/** "April 2021 model for years ending 2021 to 2024; May 2025 model for 2025", with any year not in force said so. */
export function neighbourModelYearsWords(runs: readonly NeighbourModelYears[]): string {
  const years = (r: NeighbourModelYears) =>
    r.fromYear === r.toYear ? `${r.fromYear}` : `${r.fromYear} to ${r.toYear}`;
  return runs
    .map((r) =>
      r.inForce
        ? `${r.model} for years ending ${years(r)}`
        : `${r.model} for years ending ${years(r)} (not the model in force for those years, whose averages are not held)`,
    )
    .join('; ');
}
