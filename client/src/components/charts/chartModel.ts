import {
  type Annotation,
  type ComparatorLine,
  type ComparatorPoint,
  dateToMonth,
  rangeCoversMonth,
  type SeriesPoint,
  type SeriesResponse,
  thresholdDirection,
  type Unit,
} from '@kpi/shared';

/**
 * Everything the trend chart draws, worked out apart from drawing so it can be tested. The x axis
 * is the month's position in the range (0, 1, 2…), so a band or a shaded period covers whole
 * months: from half a step before its first month to half a step after its last.
 */

export type ChartRow = {
  x: number;
  month: string;
  value: number | null;
  council_official: number | null;
  statistical_neighbours: number | null;
  region: number | null;
  england: number | null;
  point: SeriesPoint;
  /**
   * The figure's 95% confidence interval as distances below and above it, for recharts' ErrorBar;
   * null where the figure has no numerator and denominator.
   */
  interval95: [number, number] | null;
  /** Comparator figures whose period ends in this month. */
  comparators: Partial<Record<ComparatorLine, ComparatorPoint>>;
};

export type BandStatus = 'green' | 'amber' | 'red';

export type BandArea = { key: string; status: BandStatus; x1: number; x2: number; y1: number; y2: number };

export type PeriodArea = {
  key: string;
  kind: 'relief_event' | 'grace_period';
  label: string;
  x1: number;
  x2: number;
  fromMonth: string;
  toMonth: string;
};

/** A board meeting in the range; `meetingId` links it to its briefing. */
export type MeetingLine = { key: string; x: number; label: string; month: string; meetingId: number | null };

export type ChartModel = {
  rows: ChartRow[];
  bands: BandArea[];
  periods: PeriodArea[];
  meetings: MeetingLine[];
  yDomain: [number, number];
  /** Evenly spaced y-axis labels, from the bottom of the range to the top. */
  yTicks: number[];
  /** Decimal places for the y-axis labels. */
  yDecimals: number;
  hasValues: boolean;
};

type Band = NonNullable<SeriesPoint['band']>;

function sameBand(a: Band | null, b: Band | null): boolean {
  return (
    a !== null &&
    b !== null &&
    a.targetOperator === b.targetOperator &&
    a.targetValue === b.targetValue &&
    a.failureOperator === b.failureOperator &&
    a.failureValue === b.failureValue
  );
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

function decimalsOf(step: number): number {
  return step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
}

/** A padded, rounded y range holding every figure and every band edge; never below 0, never above 100%. */
export function yDomainFor(
  values: readonly number[],
  unit: Unit,
): { domain: [number, number]; decimals: number; ticks: number[] } {
  if (values.length === 0) {
    const top = unit === 'percent' ? 100 : 1;
    return {
      domain: [0, top],
      decimals: unit === 'percent' ? 0 : 1,
      ticks: unit === 'percent' ? [0, 25, 50, 75, 100] : [0, 0.5, 1],
    };
  }
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    min -= Math.max(1, Math.abs(min) * 0.1);
    max += Math.max(1, Math.abs(max) * 0.1);
  }
  const pad = (max - min) * 0.1;
  const step = niceStep((max - min + 2 * pad) / 5);
  let lo = Math.floor((min - pad) / step) * step;
  let hi = Math.ceil((max + pad) / step) * step;
  if (Math.min(...values) >= 0) lo = Math.max(0, lo);
  if (unit === 'percent') {
    lo = Math.max(0, lo);
    hi = Math.min(100, hi);
  }
  const decimals = decimalsOf(step);
  const round = (n: number) => Number(n.toFixed(decimals));
  const ticks: number[] = [];
  for (let tick = lo; tick <= hi + step / 2; tick += step) ticks.push(round(tick));
  return { domain: [round(lo), round(hi)], decimals, ticks };
}

/** The green, amber and red y ranges of a band, clipped to the chart's range. */
export function bandRanges(band: Band, [lo, hi]: [number, number]): { status: BandStatus; y1: number; y2: number }[] {
  const higherIsBetter =
    thresholdDirection({ effectiveFrom: '2000-01-01', effectiveTo: null, ...band }) === 'higher_is_better';
  const clip = (n: number) => Math.min(hi, Math.max(lo, n));
  const ranges: { status: BandStatus; y1: number; y2: number }[] = higherIsBetter
    ? [
        { status: 'red', y1: lo, y2: clip(band.failureValue) },
        { status: 'amber', y1: clip(band.failureValue), y2: clip(band.targetValue) },
        { status: 'green', y1: clip(band.targetValue), y2: hi },
      ]
    : [
        { status: 'green', y1: lo, y2: clip(band.targetValue) },
        { status: 'amber', y1: clip(band.targetValue), y2: clip(band.failureValue) },
        { status: 'red', y1: clip(band.failureValue), y2: hi },
      ];
  return ranges.filter((range) => range.y2 > range.y1);
}

/** Runs of consecutive indexes where `test` holds, as [first, last] pairs. */
function runs(count: number, test: (index: number) => boolean, same: (a: number, b: number) => boolean = () => true) {
  const result: [number, number][] = [];
  let start: number | null = null;
  for (let i = 0; i <= count; i++) {
    const inRun = i < count && test(i);
    if (start !== null && (!inRun || !same(start, i))) {
      result.push([start, i - 1]);
      start = null;
    }
    if (inRun && start === null) start = i;
  }
  return result;
}

function periodAreas(annotations: readonly Annotation[], months: readonly string[]): PeriodArea[] {
  const areas: PeriodArea[] = [];
  annotations.forEach((annotation, n) => {
    if (annotation.kind !== 'relief_event' && annotation.kind !== 'grace_period') return;
    const range = { startsOn: annotation.from, endsOn: annotation.to };
    for (const [first, last] of runs(months.length, (i) => rangeCoversMonth(range, months[i]!))) {
      areas.push({
        key: `${annotation.kind}-${n}-${first}`,
        kind: annotation.kind,
        label: annotation.label,
        x1: first - 0.5,
        x2: last + 0.5,
        fromMonth: months[first]!,
        toMonth: months[last]!,
      });
    }
  });
  return areas;
}

export function buildChartModel(series: SeriesResponse, shownLines: readonly ComparatorLine[]): ChartModel {
  const months = series.points.map((p) => p.month);
  const indexOf = new Map(months.map((m, i) => [m, i]));
  const rows: ChartRow[] = series.points.map((point, x) => ({
    x,
    month: point.month,
    value: point.symbol ? null : point.value,
    council_official: null,
    statistical_neighbours: null,
    region: null,
    england: null,
    point,
    interval95:
      point.interval && point.value !== null && !point.symbol
        ? [point.value - point.interval.level95.lower, point.interval.level95.upper - point.value]
        : null,
    comparators: {},
  }));
  for (const line of series.comparators) {
    for (const comparator of line.points) {
      const index = indexOf.get(dateToMonth(comparator.periodEnd));
      const row = index === undefined ? undefined : rows[index];
      if (!row) continue;
      row.comparators[line.line] = comparator;
      if (shownLines.includes(line.line)) row[line.line] = comparator.symbol ? null : comparator.value;
    }
  }

  const unit = series.indicator.unit;
  const figures = rows.flatMap((row) =>
    [row.value, row.council_official, row.statistical_neighbours, row.region, row.england].filter(
      (v): v is number => v !== null,
    ),
  );
  const edges = series.points.flatMap((p) => (p.band ? [p.band.targetValue, p.band.failureValue] : []));
  // The interval bars are drawn whole, so the axis reaches their ends.
  const intervalEnds = rows.flatMap((row) =>
    row.interval95 && row.point.interval ? [row.point.interval.level95.lower, row.point.interval.level95.upper] : [],
  );
  const { domain, decimals, ticks } = yDomainFor([...figures, ...edges, ...intervalEnds], unit);

  const bands: BandArea[] = [];
  for (const [first, last] of runs(
    rows.length,
    (i) => series.points[i]!.band !== null,
    (a, b) => sameBand(series.points[a]!.band, series.points[b]!.band),
  )) {
    for (const range of bandRanges(series.points[first]!.band!, domain)) {
      bands.push({ key: `${first}-${range.status}`, x1: first - 0.5, x2: last + 0.5, ...range });
    }
  }

  const meetings: MeetingLine[] = series.annotations.flatMap((annotation, n) => {
    if (annotation.kind !== 'meeting') return [];
    const month = dateToMonth(annotation.from);
    const x = indexOf.get(month);
    return x === undefined
      ? []
      : [{ key: `meeting-${n}`, x, label: annotation.label, month, meetingId: annotation.meetingId }];
  });

  return {
    rows,
    bands,
    periods: periodAreas(series.annotations, months),
    meetings,
    yDomain: domain,
    yTicks: ticks,
    yDecimals: decimals,
    hasValues: rows.some((row) => row.value !== null),
  };
}
