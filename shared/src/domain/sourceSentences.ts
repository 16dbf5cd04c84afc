import type { Provenance } from '../contracts/enums';
import type { ComparatorLine, ComparatorPoint } from '../contracts/kpi';

/**
 * Where a figure's series come from, in sentences: the council's own figures, then each
 * comparator line's DfE release. One wording for the chart on screen, the PDF board pack and the
 * server's CSV, XLSX and Word exports, so a board paper never names one neighbour model while
 * the chart beside it names two.
 */

/** Where the council's own monthly figures come from, by provenance. */
export const PROVENANCE_SOURCE_WORDS: Record<Provenance, string> = {
  uploaded_return: "the Trust's monthly performance returns",
  published_paper: 'figures quoted in published council papers',
  illustrative: 'illustrative figures generated to demonstrate the dashboard (not real performance data)',
};

/** One comparator line as the sentences need it (a series line, or points grouped by label). */
export interface SourceLine {
  line: ComparatorLine;
  label: string;
  points: readonly Pick<ComparatorPoint, 'sourceRelease' | 'source' | 'snModel' | 'timePeriod' | 'periodEnd'>[];
}

function listWords(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "2021 to 2024": the first and last of a model's reporting periods (sorted, each once). */
function periodSpan(periods: readonly string[]): string {
  const sorted = [...new Set(periods)].sort();
  return sorted.length === 1 ? sorted[0]! : `${sorted[0]} to ${sorted.at(-1)}`;
}

/**
 * The neighbours' sentence. A neighbours' average names its model before " — " and then the
 * figures it averages: with two models (each year's average over the model in force, shared
 * `snModelInForce`) the figures are said once, and each model with its years, not the whole
 * computation again for each model.
 */
function neighbourSentence(line: SourceLine): string {
  const releases = [...new Set(line.points.map((p) => p.sourceRelease))];
  const averaged = [...new Set(releases.map((r) => (r.includes(' — ') ? r.slice(r.indexOf(' — ') + 3) : r)))];
  const computed = line.points.some((p) => p.source === 'computed');
  const years = new Map<string, string[]>();
  for (const point of line.points) {
    if (point.snModel) years.set(point.snModel, [...(years.get(point.snModel) ?? []), point.timePeriod]);
  }
  let sentence = `${line.label}: ${listWords(averaged)}`;
  if (computed) sentence += ', averaged over the statistical neighbours (plain mean, as DfE does)';
  if (years.size === 1) sentence += `; statistical-neighbour model: ${[...years.keys()][0]}`;
  else if (years.size > 1) {
    const models = [...years].map(([model, periods]) => `${model} for ${periodSpan(periods)}`);
    sentence += `; statistical-neighbour models: ${listWords(models)}`;
  }
  return `${sentence}.`;
}

/** The sentences: the council's own figures first, then each comparator line that has points. */
export function figureSourceSentences(
  councilName: string,
  provenances: Iterable<Provenance | null>,
  lines: readonly SourceLine[],
): string[] {
  const present = new Set(provenances);
  const own = (['uploaded_return', 'published_paper', 'illustrative'] as const)
    .filter((p) => present.has(p))
    .map((p) => PROVENANCE_SOURCE_WORDS[p]);
  const sentences = [
    own.length > 0 ? `${councilName}: ${listWords(own)}.` : `${councilName}: no figures in this period.`,
  ];
  for (const line of lines) {
    if (line.points.length === 0) continue;
    if (line.line === 'statistical_neighbours') {
      sentences.push(neighbourSentence(line));
      continue;
    }
    sentences.push(`${line.label}: ${listWords([...new Set(line.points.map((p) => p.sourceRelease))])}.`);
  }
  return sentences;
}

/**
 * The lines with only the points a figure of `from`..`to` (YYYY-MM) shows: each annual figure sits
 * at the month its period ends, so one ending outside the range is not on the chart or in the
 * table, and its year (or its neighbour model) is not named as a source of it.
 */
export function linesWithinRange<Line extends SourceLine>(lines: readonly Line[], from: string, to: string): Line[] {
  return lines.map((line) => ({
    ...line,
    points: line.points.filter((p) => {
      const month = p.periodEnd.slice(0, 7);
      return month >= from && month <= to;
    }),
  }));
}

/** Comparator points from several places (a scorecard's KPIs, a chart and a table) as one line each, in first-seen order. */
export function sourceLinesOf(
  points: readonly (SourceLine['points'][number] & Pick<ComparatorPoint, 'line' | 'label'>)[],
): SourceLine[] {
  const byLine = new Map<ComparatorLine, SourceLine>();
  for (const point of points) {
    const line = byLine.get(point.line) ?? { line: point.line, label: point.label, points: [] };
    byLine.set(point.line, { ...line, points: [...line.points, point] });
  }
  return [...byLine.values()];
}
