import {
  addMonths,
  analyseSpc,
  type ComparatorPoint,
  formatValue,
  type MonthlyPoint,
  POINT_TYPE_LABELS,
  type Polarity,
  type Provenance,
  type RagStatus,
  type SeriesPoint,
  type SeriesResponse,
  SPECIAL_CAUSE_LABELS,
  type SpcSummaryDto,
  spcBoundsForUnit,
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
      interval: null,
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
    notCompared: null,
    ...rest,
  };
}

type SeriesWithoutSpc = Omit<SeriesResponse, 'spc' | 'spcNote' | 'intervalNote'> &
  Partial<Pick<SeriesResponse, 'spc' | 'spcNote' | 'intervalNote'>>;

/** Adds the SPC block the server would compute for a fixture's points (shared's analyseSpc). */
export function withSpc(series: SeriesWithoutSpc): SeriesResponse {
  const monthly = series.view === 'monthly';
  const analysis = analyseSpc(series.points, {
    direction:
      series.indicator.polarity === 'higher_is_better'
        ? 'increase'
        : series.indicator.polarity === 'lower_is_better'
          ? 'decrease'
          : 'neutral',
    target: series.points.at(-1)?.band?.targetValue ?? null,
    bounds: spcBoundsForUnit(series.indicator.unit),
  });
  return {
    ...series,
    spc: monthly
      ? {
          method: 'XmR chart (fixture)',
          direction: analysis.direction,
          screenOutliers: analysis.screenOutliers,
          window: { from: series.from, to: series.to },
          groups: analysis.groups,
          points: analysis.points.map((p) => ({
            ...p,
            specialCauseLabel: SPECIAL_CAUSE_LABELS[p.specialCause],
            pointTypeLabel: POINT_TYPE_LABELS[p.pointType],
          })),
          icons: analysis.icons,
          iconsWithheld: analysis.iconsWithheld,
          gapNote: analysis.gapNote,
          rebases: [],
        }
      : null,
    spcNote: monthly ? null : 'SPC limits are shown for monthly figures only.',
    intervalNote: 'Confidence intervals (fixture).',
  };
}

/** The scorecard's SPC summary for a fixture, computed from its sparkline months (as the server would from its window). */
export function fixtureSpc(
  sparkline: readonly MonthlyPoint[],
  polarity: Polarity,
  target: number | null = null,
): SpcSummaryDto {
  const analysis = analyseSpc(sparkline, {
    direction: polarity === 'higher_is_better' ? 'increase' : polarity === 'lower_is_better' ? 'decrease' : 'neutral',
    target,
  });
  return {
    icons: analysis.icons,
    withheld: analysis.iconsWithheld,
    window: { from: sparkline[0]!.month, to: sparkline.at(-1)!.month },
  };
}
