import {
  type ComparatorLine,
  comparatorDifferenceText,
  differenceChartNote,
  figureSourceSentences,
  formatDate,
  formatMonth,
  formatValue,
  linesWithinRange,
  type SeriesResponse,
  SUPPRESSION_SYMBOLS,
  symbolMeaning,
  type Unit,
} from '@kpi/shared';
import { meetingPath } from '../../features/meetings';
import type { ChartModel } from './chartModel';

/** Where each shown series comes from, in one or two sentences (the shared wording every export uses). */
export function sourceSentences(
  series: SeriesResponse,
  shownLines: readonly ComparatorLine[],
  councilName: string,
): string[] {
  return figureSourceSentences(
    councilName,
    series.points.map((p) => p.provenance),
    linesWithinRange(
      series.comparators.filter((line) => shownLines.includes(line.line)),
      series.from,
      series.to,
    ),
  );
}

/** Footnotes: illustrative data, suppressed figures, how comparators and aggregates are placed (and where they measure something else). */
export function footnotes(series: SeriesResponse, shownLines: readonly ComparatorLine[]): string[] {
  const notes: string[] = [];
  const illustrative = series.points.filter((p) => p.provenance === 'illustrative');
  if (illustrative.length > 0) {
    const all = illustrative.length === series.points.length;
    notes.push(
      `${all ? 'Every figure' : `${illustrative.length} of the ${series.points.length} monthly figures`} for ${series.indicator.code} in this period ${all || illustrative.length === 1 ? 'is' : 'are'} illustrative: generated to demonstrate the dashboard, not real performance data.`,
    );
  }
  const shown = series.comparators.filter((line) => shownLines.includes(line.line));
  if (shown.some((line) => line.points.length > 0)) {
    notes.push(
      'Comparator figures are annual (DfE reporting years, or the position at 30 September for the workforce). Each is plotted at the month its period ends.',
    );
    // The monthly line and DfE's lines side by side read as one measure unless this is said.
    const difference = comparatorDifferenceText(series.indicator.comparatorDifference);
    if (difference) notes.push(differenceChartNote(series.indicator.code, difference));
  }
  const symbols = new Set(
    [...series.points.map((p) => p.symbol), ...shown.flatMap((line) => line.points.map((p) => p.symbol))].filter(
      Boolean,
    ),
  );
  for (const symbol of SUPPRESSION_SYMBOLS) {
    if (symbols.has(symbol)) notes.push(`“${symbol}”: ${symbolMeaning(symbol)}. It is not zero.`);
  }
  if (series.view !== 'monthly') {
    const aggregateNotes = [...new Set(series.points.map((p) => p.aggregationNote).filter(Boolean))];
    notes.push(
      series.view === 'rolling12'
        ? 'Rolling 12-month figures cover the 12 months ending in each month: counts are added up, and percentages and rates are worked out from the totals.'
        : 'Financial-year-to-date figures cover April to each month: counts are added up, and percentages and rates are worked out from the totals.',
      ...(aggregateNotes as string[]),
    );
  }
  if (series.points.some((p) => p.revised)) notes.push('Figures tagged “Revised” replace an earlier return.');
  if (series.points.some((p) => p.interval)) {
    notes.push(
      `The bars on the council’s line and the table’s interval column are 95% confidence intervals, where a figure has a numerator and denominator. ${series.intervalNote}`,
    );
  }
  return notes;
}

/** "54.8% to 93.0%": a confidence interval at the indicator's precision. */
export function intervalInWords(bounds: { lower: number; upper: number }, unit: Unit, precision: number): string {
  return `${formatValue(bounds.lower, unit, precision)} to ${formatValue(bounds.upper, unit, precision)}`;
}

/** A link within a marked item: a meeting's briefing. */
export type MarkedLink = { to: string; text: string };

/** One thing the chart marks, in words; `link`, when there is one, sits between `text` and `after`. */
export type MarkedPeriod = { key: string; text: string; link?: MarkedLink; after?: string };

/** What the chart marks, in words: relief and grace periods, band changes, KPI sets and meetings. */
export function markedPeriods(series: SeriesResponse, model: ChartModel): MarkedPeriod[] {
  const items: MarkedPeriod[] = model.periods.map((period) => ({
    key: period.key,
    text: `${period.label} (shaded ${period.fromMonth === period.toMonth ? formatMonth(period.fromMonth) : `${formatMonth(period.fromMonth)} to ${formatMonth(period.toMonth)}`}): no consequence in these months.`,
  }));
  series.annotations.forEach((annotation, n) => {
    const key = `${annotation.kind}-${n}`;
    if (annotation.kind === 'threshold_change') items.push({ key, text: `${annotation.label}.` });
    if (annotation.kind === 'meeting' && model.meetings.some((m) => m.key === `meeting-${n}`)) {
      items.push(
        annotation.meetingId === null
          ? { key, text: `Board meeting: ${annotation.label} (dotted vertical line).` }
          : {
              key,
              text: 'Board meeting: ',
              link: { to: meetingPath(annotation.meetingId), text: annotation.label },
              after: ' (dotted vertical line).',
            },
      );
    }
    if (annotation.kind === 'kpi_set_change' && annotation.from > `${series.from}-01`) {
      items.push({ key, text: `${annotation.label} from ${formatDate(annotation.from)}.` });
    }
  });
  return items;
}
