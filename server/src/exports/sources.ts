import {
  type ComparatorPoint,
  type MonthlyPoint,
  type Provenance,
  SUPPRESSION_SYMBOLS,
  type SuppressionSymbol,
  symbolMeaning,
  type ThresholdVersionDto,
  thresholdInForce,
} from '@kpi/shared';

function listWords(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const PROVENANCE_SOURCES: Record<Provenance, string> = {
  uploaded_return: "the Trust's monthly performance returns",
  published_paper: 'figures quoted in published council papers',
  illustrative: 'illustrative figures generated to demonstrate the dashboard (not real performance data)',
};

/** Where each series comes from: the council's own figures, then each comparator line's DfE release. */
export function sourceLines(
  councilName: string,
  points: readonly Pick<MonthlyPoint, 'provenance'>[],
  comparators: readonly ComparatorPoint[],
): string[] {
  const provenances = new Set(points.map((p) => p.provenance).filter((p): p is Provenance => p !== null));
  const own = (['uploaded_return', 'published_paper', 'illustrative'] as const)
    .filter((p) => provenances.has(p))
    .map((p) => PROVENANCE_SOURCES[p]);
  const lines = [own.length > 0 ? `${councilName}: ${listWords(own)}.` : `${councilName}: no figures in this period.`];
  const byLine = new Map<string, ComparatorPoint[]>();
  for (const point of comparators) byLine.set(point.label, [...(byLine.get(point.label) ?? []), point]);
  for (const [label, linePoints] of byLine) {
    const releases = [...new Set(linePoints.map((p) => p.sourceRelease))];
    let sentence = `${label}: ${listWords(releases)}`;
    if (linePoints[0]?.line === 'statistical_neighbours') {
      if (linePoints.some((p) => p.source === 'computed')) {
        sentence += ', averaged over the statistical neighbours (plain mean, as DfE does)';
      }
      const model = linePoints.find((p) => p.snModel)?.snModel;
      if (model) sentence += `; statistical-neighbour model: ${model}`;
    }
    lines.push(`${sentence}.`);
  }
  return lines;
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
