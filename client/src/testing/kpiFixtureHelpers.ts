import {
  addMonths,
  type ComparatorPoint,
  formatValue,
  type MonthlyPoint,
  type Provenance,
  type RagStatus,
  type SeriesPoint,
  type Unit,
} from '@kpi/shared';

/**
 * Helpers to write fixtures compactly. They lay out figures the test gives (value, rating,
 * source) in the contract's shape and format them for display with the shared formatter; they
 * never rate a figure or apply a contract rule — every status is written in the fixture itself.
 */

const LETTERS: Record<string, RagStatus> = { G: 'green', A: 'amber', R: 'red', N: 'no_data' };

export type PointSpec = {
  value: number | null;
  status: RagStatus;
  provenance?: Provenance | null;
  revised?: boolean;
};

/** `statuses` is one letter per month: G green, A amber, R red, N no data. */
export function specs(values: readonly (number | null)[], statuses: string, provenance: Provenance = 'illustrative') {
  if (values.length !== statuses.length) throw new Error('One status letter per value, please');
  return values.map(
    (value, i): PointSpec => ({
      value,
      status: LETTERS[statuses[i]!]!,
      provenance: value === null ? null : provenance,
    }),
  );
}

export function monthlyPoints(
  from: string,
  points: readonly PointSpec[],
  unit: Unit,
  precision: number,
): MonthlyPoint[] {
  return points.map((p, i) => ({
    month: addMonths(from, i),
    value: p.value,
    symbol: null,
    displayValue: formatValue(p.value, unit, precision),
    status: p.status,
    provenance: p.provenance ?? null,
    observationStatus: p.value === null ? null : p.revised ? 'revised' : 'final',
    revised: p.revised ?? false,
  }));
}

export type BandSpec = NonNullable<SeriesPoint['band']>;

export function seriesPoints(
  monthly: readonly MonthlyPoint[],
  extra: (point: MonthlyPoint) => {
    band: BandSpec | null;
    reason: string;
    carriesConsequence?: boolean;
    consequenceReason?: string | null;
    sourceNote?: string | null;
    publication?: SeriesPoint['publication'];
  },
): SeriesPoint[] {
  return monthly.map((point) => {
    const more = extra(point);
    return {
      ...point,
      reason: more.reason,
      band: more.band,
      carriesConsequence: more.carriesConsequence ?? true,
      consequenceReason: more.consequenceReason ?? null,
      aggregationNote: null,
      aggregate: null,
      sourceNote: more.sourceNote ?? null,
      publication: more.publication ?? { published: true, note: null },
    };
  });
}

/** A DfE annual comparator for a reporting year ending 31 March (e.g. 2021 → 2020/21). */
export function annualComparator(
  line: ComparatorPoint['line'],
  label: string,
  yearEnding: number,
  value: number | null,
  options: Partial<ComparatorPoint> & { unit: Unit; precision: number },
): ComparatorPoint {
  const { unit, precision, ...rest } = options;
  const symbol = rest.symbol ?? null;
  return {
    line,
    label,
    value,
    symbol,
    displayValue: formatValue(value, unit, precision, symbol),
    timePeriod: `${yearEnding - 1}/${String(yearEnding % 100).padStart(2, '0')}`,
    timeIdentifier: 'Reporting year',
    periodStart: `${yearEnding - 1}-04-01`,
    periodEnd: `${yearEnding}-03-31`,
    source: 'dfe_release',
    sourceRelease: `Children in need ${yearEnding}`,
    snModel: null,
    contributingCount: null,
    neighbourCount: null,
    notes: [],
    comparison: null,
    ...rest,
  };
}
