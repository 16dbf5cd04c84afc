import {
  type ComparatorPoint,
  figureSourceSentences,
  type MonthlyPoint,
  SUPPRESSION_SYMBOLS,
  type SuppressionSymbol,
  sourceLinesOf,
  symbolMeaning,
  type ThresholdVersionDto,
  thresholdInForce,
} from '@kpi/shared';

/**
 * Where each series comes from: the council's own figures, then each comparator line's DfE
 * release, each neighbour model with its years (the shared wording the chart and PDF use).
 */
export function sourceLines(
  councilName: string,
  points: readonly Pick<MonthlyPoint, 'provenance'>[],
  comparators: readonly ComparatorPoint[],
): string[] {
  return figureSourceSentences(
    councilName,
    points.map((p) => p.provenance),
    sourceLinesOf(comparators),
  );
}

/** Notes every data export carries: illustrative figures, rounding and scale, symbols, comparators. */
export function dataNotes(options: {
  illustrative: boolean;
  symbols: readonly (SuppressionSymbol | null)[];
  hasComparators: boolean;
  extra?: readonly string[];
}): string[] {
  const notes: string[] = [];
  if (options.illustrative) {
    notes.push(
      'Figures whose source is "Illustrative" were generated to demonstrate the dashboard. They are not real performance data and must not be quoted.',
    );
  }
  notes.push(
    'Each figure is rounded to the precision the dashboard shows. Percentages are on a 0 to 100 scale (75 means 75%); changes in a percentage are in percentage points.',
  );
  const present = new Set(options.symbols.filter(Boolean));
  for (const symbol of SUPPRESSION_SYMBOLS) {
    if (present.has(symbol)) notes.push(`"${symbol}": ${symbolMeaning(symbol)}. It is not zero.`);
  }
  if (options.hasComparators) {
    notes.push(
      'Comparator figures are annual (DfE reporting years, or the position at 30 September for the workforce) and are shown against the month their period ends.',
    );
  }
  notes.push(...(options.extra ?? []));
  return notes;
}

/** The threshold version in force in a month (the shared rule, keeping the DTO's words). */
export function thresholdDtoFor(
  thresholds: readonly ThresholdVersionDto[],
  month: string,
): ThresholdVersionDto | undefined {
  const inForce = thresholdInForce(thresholds, month);
  return thresholds.find((version) => version === inForce);
}
