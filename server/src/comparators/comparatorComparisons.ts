import {
  type ComparatorComparison,
  type ComparatorLine,
  type ComparatorPoint,
  comparatorDifferenceText,
  compareWithComparator,
  councilInterval,
  dateToMonth,
  differenceBesideDfe,
  formatMonth,
  formatValue,
  mayCompareOn,
  notComparedForDifference,
  type Polarity,
  type Provenance,
  polarityAgainstOtherAreas,
  polarityAgainstOtherAreasNote,
  type Unit,
} from '@kpi/shared';

/**
 * Comparator points in words: each comparator figure says whether the council is better, worse
 * or similar (the shared rule), against the council's own DfE figure for the same period where
 * DfE publishes one (like with like), otherwise against a monthly figure named as such (and
 * marked illustrative when it is). Either council figure is compared by its 95% confidence
 * interval (the Fingertips method) where it has its counts: the DfE figure's are stored with it
 * (re-referrals of referrals, children on a plan and the 0–17 population), a monthly figure's
 * are its numerator and denominator. Only a figure with genuinely no counts (a workforce rate, a
 * figure quoted in a council paper) is compared by value, and the comparison says which test
 * decided it. Plus the notes a reader needs beside a figure.
 */

/**
 * A comparator point as read from the database, with the counts behind its figure where it has
 * them. The counts are used for the council's own DfE figure's interval and are not sent: the
 * comparison carries the interval itself.
 */
export interface CountedComparatorPoint extends ComparatorPoint {
  numerator?: number | null;
  denominator?: number | null;
}

export interface CouncilMonthly {
  month: string;
  value: number;
  provenance: Provenance | null;
  /** The counts behind the figure, where it has them: they give it a confidence interval. */
  numerator?: number | null;
  denominator?: number | null;
}

interface Shape {
  unit: Unit;
  polarity: Polarity;
  /** The DfE measure the KPI is compared on: it decides better or worse against other areas. */
  comparatorMeasure?: string | null;
  precision: number;
  /** How the comparator's definition differs from the KPI's: then no monthly figure is judged against it. */
  comparatorDifference?: string | null;
}

/** Reporting years ending by 31 March 2022 were published on population estimates from before the 2021 Census rebasing. */
const REBASED_FROM = '2022-04-01';

export function comparatorNotes(point: ComparatorPoint): string[] {
  const notes: string[] = [];
  // A neighbours' figure quoted in a council paper is the paper's own group (for example "five
  // statistical neighbours"), not DfE's average over the model the dashboard uses.
  if (point.line === 'statistical_neighbours' && point.source === 'published_paper') {
    const group =
      point.contributingCount !== null ? `${point.contributingCount} neighbours` : 'neighbours it does not list';
    notes.push(
      `Quoted in a council paper, over the paper's own group (${group}): not DfE's average over the statistical-neighbour model the dashboard uses.`,
    );
  }
  if (
    point.line === 'statistical_neighbours' &&
    point.contributingCount !== null &&
    point.neighbourCount !== null &&
    point.contributingCount < point.neighbourCount
  ) {
    notes.push(
      `Average of ${point.contributingCount} of the model’s ${point.neighbourCount} statistical neighbours: the others have no published figure for ${point.timePeriod}.`,
    );
  }
  return notes;
}

export function paperRateNote(point: Pick<ComparatorPoint, 'source' | 'periodEnd'>, unit: Unit): string | null {
  if (unit !== 'rate_per_10k' || point.source !== 'published_paper' || point.periodEnd >= REBASED_FROM) return null;
  return 'Rate quoted in a council paper, on ONS population estimates from before the 2021 Census; DfE’s rates beside it use the rebased estimates, so the two can differ slightly.';
}

function lineNoun(point: ComparatorPoint): string {
  if (point.line === 'statistical_neighbours') return 'the statistical neighbours’ average';
  return point.label;
}

function comparisonFor(
  point: ComparatorPoint,
  council: {
    value: number;
    label: string;
    basis: ComparatorComparison['basis'];
    illustrative: boolean;
    numerator?: number | null;
    denominator?: number | null;
  },
  shape: Shape,
): ComparatorComparison | null {
  if (point.value === null || point.symbol !== null) return null;
  const interval = councilInterval(shape.unit, council.numerator, council.denominator);
  const outcome = compareWithComparator({
    council: council.value,
    comparator: point.value,
    // Better or worse against another area: the shared rule, not the contract's bands.
    polarity: polarityAgainstOtherAreas(shape),
    precision: shape.precision,
    interval,
  });
  const councilDisplayValue = formatValue(council.value, shape.unit, shape.precision);
  return {
    verdict: outcome.verdict,
    phrase: outcome.phrase,
    basis: council.basis,
    councilValue: council.value,
    councilDisplayValue,
    councilLabel: council.label,
    illustrative: council.illustrative,
    sentence: `${council.label}, ${councilDisplayValue}, is ${outcome.phrase} ${lineNoun(point)}, ${point.displayValue} (${point.timePeriod}).`,
    test: outcome.test,
    testNote: outcome.testNote,
    councilInterval: interval ? { lower: interval.lower, upper: interval.upper } : null,
  };
}

/**
 * Adds notes and comparisons to every line. `monthlyAt` gives the council's monthly figure to
 * compare with where DfE has no council figure for the period (the comparator's period-end month
 * on a chart; the scorecard month on the scorecard). Where the KPI's definition differs from DfE's
 * (`shape.comparatorDifference`), no monthly figure is compared (two different measures): such a
 * point says why it has no verdict, and every other point says the definitions differ.
 */
export function withComparisons(
  lines: ReadonlyMap<ComparatorLine, readonly CountedComparatorPoint[]>,
  shape: Shape,
  councilName: string,
  monthlyAt: (point: ComparatorPoint) => CouncilMonthly | null,
): Map<ComparatorLine, ComparatorPoint[]> {
  const difference = comparatorDifferenceText(shape.comparatorDifference);
  const polarityNote = polarityAgainstOtherAreasNote(shape);
  // Only DfE's own figures: a figure quoted in a council paper is not "the council's DfE figure".
  const official = new Map(
    (lines.get('council_official') ?? []).filter((p) => p.source !== 'published_paper').map((p) => [p.periodEnd, p]),
  );
  const out = new Map<ComparatorLine, ComparatorPoint[]>();
  for (const [line, points] of lines) {
    out.set(
      line,
      points.map(({ numerator: _numerator, denominator: _denominator, ...point }) => {
        // Notes the lines already carry (a neighbour model published after the year) come first.
        const notes = [...point.notes, ...comparatorNotes(point)];
        const rateNote = paperRateNote(point, shape.unit);
        if (rateNote) notes.push(rateNote);
        const { comparison, notCompared } =
          line === 'council_official'
            ? { comparison: null, notCompared: null }
            : compareOne(point, official.get(point.periodEnd), shape, councilName, monthlyAt, difference);
        if (difference) notes.push(notCompared ?? differenceBesideDfe(difference));
        if (polarityNote && comparison) notes.push(polarityNote);
        return { ...point, notes, comparison, notCompared };
      }),
    );
  }
  return out;
}

/** One comparator against the council's DfE figure for its period, or else its monthly figure if it may be. */
function compareOne(
  point: ComparatorPoint,
  own: CountedComparatorPoint | undefined,
  shape: Shape,
  councilName: string,
  monthlyAt: (point: ComparatorPoint) => CouncilMonthly | null,
  difference: string | null,
): { comparison: ComparatorComparison | null; notCompared: string | null } {
  if (own && own.value !== null && own.symbol === null) {
    const comparison = comparisonFor(
      point,
      {
        value: own.value,
        label: `${councilName}’s DfE figure for ${own.timePeriod}`,
        basis: 'dfe_official',
        illustrative: false,
        numerator: own.numerator,
        denominator: own.denominator,
      },
      shape,
    );
    return { comparison, notCompared: null };
  }
  const monthly = monthlyAt(point);
  if (!monthly) return { comparison: null, notCompared: null };
  if (difference && !mayCompareOn('monthly', difference)) {
    // Only when there was a figure to judge: a comparator with no value has nothing to say either way.
    const comparable = point.value !== null && point.symbol === null;
    return { comparison: null, notCompared: comparable ? notComparedForDifference(difference) : null };
  }
  const illustrative = monthly.provenance === 'illustrative';
  const comparison = comparisonFor(
    point,
    {
      value: monthly.value,
      label: `${councilName}’s ${formatMonth(monthly.month)} figure${illustrative ? ' (illustrative)' : ''}`,
      basis: 'monthly',
      illustrative,
      numerator: monthly.numerator,
      denominator: monthly.denominator,
    },
    shape,
  );
  return { comparison, notCompared: null };
}

/** The council's monthly figure in the month a comparator's period ends, if it has one. */
export function monthlyAtPeriodEnd(
  byMonth: ReadonlyMap<
    string,
    {
      value: number | null;
      symbol: string | null;
      provenance: Provenance | null;
      numerator?: number | null;
      denominator?: number | null;
    }
  >,
): (point: ComparatorPoint) => CouncilMonthly | null {
  return (point) => {
    const month = dateToMonth(point.periodEnd);
    const row = byMonth.get(month);
    if (!row || row.value === null || row.symbol !== null) return null;
    return {
      month,
      value: row.value,
      provenance: row.provenance,
      numerator: row.numerator ?? null,
      denominator: row.denominator ?? null,
    };
  };
}
