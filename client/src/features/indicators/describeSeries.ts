import {
  type ComparatorComparison,
  type ComparatorLine,
  compareValues,
  dateToMonth,
  formatMonth,
  type SeriesResponse,
  symbolMeaning,
} from '@kpi/shared';
import { STATUS_MEANINGS, STATUS_WORDS, VIEW_FIGURE_WORDS } from '../../components/kpiLabels';

function months(n: number): string {
  return `${n} month${n === 1 ? '' : 's'}`;
}

/** "red in 3 months, amber in 5 and green in 4" (ratings with no month left out). */
function statusCountWords(counts: SeriesResponse['statusCounts']): string {
  const parts = (['red', 'amber', 'green'] as const)
    .filter((status) => (counts[status] ?? 0) > 0)
    .map((status, i) => `${status} in ${i === 0 ? months(counts[status] ?? 0) : (counts[status] ?? 0)}`);
  return listWords(parts);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listWords(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Which side of the comparator the figure is, and whether that is better (with a polarity). */
function relationWords(difference: number, direction: string) {
  const position = difference > 0 ? 'above' : difference < 0 ? 'below' : 'level with';
  const judgement = direction === 'improving' ? ' (better)' : direction === 'worsening' ? ' (worse)' : '';
  return { position, judgement };
}

const LINE_NOUN: Record<ComparatorLine, (label: string) => string> = {
  council_official: () => 'the council’s own DfE figure',
  statistical_neighbours: () => 'the statistical-neighbour average',
  region: (label) => `the ${label} figure`,
  england: () => 'the England figure',
};

/**
 * The server's comparisons, one sentence for each council figure compared rather than one for each
 * comparator: "Sandwell's DfE figure for 2025, 40.3 per 10,000, is better than the statistical
 * neighbours' average, 46.0 per 10,000 (2025), similar to West Midlands, … and similar to England, …".
 * (Each sentence had named the council and its figure again, three times over on a KPI page.)
 */
function comparisonSentences(comparisons: readonly ComparatorComparison[]): string[] {
  const byCouncilFigure = new Map<string, string[]>();
  const whole: string[] = [];
  for (const comparison of comparisons) {
    const opening = `${comparison.councilLabel}, ${comparison.councilDisplayValue}, is `;
    if (!comparison.sentence.startsWith(opening) || !comparison.sentence.endsWith('.')) {
      whole.push(comparison.sentence);
      continue;
    }
    const rest = comparison.sentence.slice(opening.length, -1);
    byCouncilFigure.set(opening, [...(byCouncilFigure.get(opening) ?? []), rest]);
  }
  return [...[...byCouncilFigure].map(([opening, rests]) => `${opening}${listWords(rests)}.`), ...whole];
}

/**
 * The chart in words, for the figure's visible summary and for screen readers: how many months
 * were in each rating, the latest figure and its rating, and how it compares with the latest
 * figure of each comparator shown (compared at the KPI's precision, with the shared rules).
 */
export function describeSeries(series: SeriesResponse, shownLines: readonly ComparatorLine[]): string {
  const { indicator, points } = series;
  const span = `between ${formatMonth(series.from)} and ${formatMonth(series.to)}`;
  const figures = VIEW_FIGURE_WORDS[series.view];
  const latest = points.findLast((p) => p.value !== null && p.symbol === null);
  if (!latest) return `There are no ${figures} for ${indicator.code} ${span}.`;

  const sentences: string[] = [];
  const counted = statusCountWords(series.statusCounts);
  // Months kept from this reader until their meeting are said as such, not counted as months without a figure.
  const withheld = points.filter((p) => p.value === null && p.symbol === null && !p.publication.published);
  // Nor are months before the KPI's first figure: the KPI had not begun.
  const firstFigure = series.dataRange?.from;
  const beforeFirst =
    firstFigure && firstFigure > series.from
      ? points.filter((p) => p.month < firstFigure && !withheld.includes(p)).length
      : 0;
  const missing = (series.statusCounts.no_data ?? 0) - withheld.length - beforeFirst;
  const notYet =
    withheld.length === 0
      ? ''
      : withheld.length === 1
        ? `; ${formatMonth(withheld[0]!.month)} is not published yet`
        : `; ${formatMonth(withheld[0]!.month)} to ${formatMonth(withheld.at(-1)!.month)} are not published yet`;
  if (counted) {
    sentences.push(
      `Between ${formatMonth(series.from)} and ${formatMonth(series.to)} ${indicator.code} was ${counted}` +
        (beforeFirst > 0 ? ` (its figures start in ${formatMonth(firstFigure!)})` : '') +
        (missing > 0 ? `, with no rated figure in ${months(missing)}` : '') +
        `${notYet}.`,
    );
  } else {
    sentences.push(`${indicator.code} has no rated figure ${span}${notYet}.`);
  }

  const kind = series.view === 'monthly' ? 'value' : figures.replace(/s$/, '');
  const rating =
    latest.status === 'no_data'
      ? 'not rated'
      : `${STATUS_WORDS[latest.status].toLowerCase()} (${STATUS_MEANINGS[latest.status]})`;
  sentences.push(`The latest ${kind}, ${latest.displayValue} in ${formatMonth(latest.month)}, is ${rating}.`);

  const relations: string[] = [];
  const official: { timePeriod: string; displayValue: string }[] = [];
  const compared: ComparatorComparison[] = [];
  const unpublished: string[] = [];
  for (const line of series.comparators) {
    if (!shownLines.includes(line.line)) continue;
    const comparator = line.points.findLast((p) => dateToMonth(p.periodEnd) <= latest.month);
    if (!comparator) continue;
    const noun = LINE_NOUN[line.line](line.label);
    if (comparator.symbol || comparator.value === null) {
      const why = comparator.symbol ? ` (${symbolMeaning(comparator.symbol).split(':')[0]!.toLowerCase()})` : '';
      unpublished.push(`${capitalise(noun)} for ${comparator.timePeriod} is not published${why}.`);
      continue;
    }
    if (line.line === 'council_official') {
      official.push({ timePeriod: comparator.timePeriod, displayValue: comparator.displayValue });
      continue;
    }
    // The server's comparison names which council figure it used (DfE's for the same year, or a month).
    if (comparator.comparison) {
      compared.push(comparator.comparison);
      continue;
    }
    const comparison = compareValues(latest.value, comparator.value, indicator.polarity, indicator.precision);
    if (comparison.difference === null) continue;
    const { position, judgement } = relationWords(comparison.difference, comparison.direction);
    relations.push(`${position} ${noun} of ${comparator.displayValue} for ${comparator.timePeriod}${judgement}`);
  }
  // The council's own DfE figure goes without saying where a comparison already names it.
  for (const figure of official) {
    const named = compared.some(
      (c) =>
        c.basis === 'dfe_official' &&
        c.councilDisplayValue === figure.displayValue &&
        c.councilLabel.endsWith(figure.timePeriod),
    );
    if (!named) sentences.push(`The council’s own DfE figure for ${figure.timePeriod} is ${figure.displayValue}.`);
  }
  if (relations.length > 0) sentences.push(`It is ${listWords(relations)}.`);
  sentences.push(...comparisonSentences(compared));
  const shown = series.comparators.filter((line) => shownLines.includes(line.line));
  if (shown.length > 0 && shown.every((line) => line.points.length === 0)) {
    sentences.push(`There are no comparator figures for ${indicator.code}.`);
  }
  sentences.push(...unpublished);
  return sentences.join(' ');
}
