import {
  formatMonth,
  formatValue,
  type PointType,
  type SeriesResponse,
  type SpcDto,
  type SpcPointDto,
  spcIconSentences,
  TRIAL_LIMITS_WORDS,
} from '@kpi/shared';
import { yDomainFor } from '../../components/charts/chartModel';

/** One month on the SPC chart: the figure, its group's centre and limits, and the target in force. */
export type SpcRow = {
  x: number;
  month: string;
  value: number | null;
  mean: number | null;
  upper: number | null;
  lower: number | null;
  target: number | null;
  point: SpcPointDto | null;
  trial: boolean;
};

export type SpcChartModel = {
  rows: SpcRow[];
  yDomain: [number, number];
  yTicks: number[];
  yDecimals: number;
  /** Where a new group of limits starts (not the first). */
  rebaseMarks: { x: number; month: string; reason: string }[];
};

/** Marker shape and colour per point type: shape alone tells them apart, colour repeats it. */
export const POINT_STYLES: Record<
  PointType,
  { shape: 'circle' | 'triangle' | 'square' | 'diamond'; colour: string; size: number }
> = {
  common_cause: { shape: 'circle', colour: '#505a5f', size: 4 },
  special_cause_improvement: { shape: 'triangle', colour: '#005eb8', size: 7 },
  special_cause_concern: { shape: 'square', colour: '#a14a0b', size: 6 },
  special_cause_neutral_high: { shape: 'diamond', colour: '#801650', size: 7 },
  special_cause_neutral_low: { shape: 'diamond', colour: '#801650', size: 7 },
};

export function buildSpcModel(series: SeriesResponse, spc: SpcDto): SpcChartModel {
  const byMonth = new Map(spc.points.map((p) => [p.month, p]));
  const rows = series.points.map((p, x): SpcRow => {
    const point = byMonth.get(p.month) ?? null;
    // A month without a figure still sits inside its group's limits, so the lines run on.
    const group =
      point !== null ? spc.groups[point.group] : spc.groups.find((g) => g.from <= p.month && p.month <= g.to);
    return {
      x,
      month: p.month,
      value: point?.value ?? null,
      mean: group?.mean ?? null,
      upper: group?.upperLimit ?? null,
      lower: group?.lowerLimit ?? null,
      target: p.band?.targetValue ?? null,
      point,
      trial: group?.trialLimits ?? false,
    };
  });
  const figures = rows.flatMap((r) =>
    [r.value, r.mean, r.upper, r.lower, r.target].filter((v): v is number => v !== null),
  );
  const { domain, decimals, ticks } = yDomainFor(figures, series.indicator.unit);
  const index = new Map(rows.map((r) => [r.month, r.x]));
  const rebaseMarks = spc.groups.flatMap((g) =>
    g.rebase && index.has(g.from) ? [{ x: index.get(g.from)! - 0.5, month: g.from, reason: g.rebase.reason }] : [],
  );
  return { rows, yDomain: domain, yTicks: ticks, yDecimals: decimals, rebaseMarks };
}

/** The SPC chart in words: its text alternative. */
export function describeSpc(series: SeriesResponse, spc: SpcDto): string {
  const { unit, precision, code } = series.indicator;
  const fmt = (v: number | null) => formatValue(v, unit, precision);
  const sentences: string[] = spc.gapNote ? [spc.gapNote] : [];
  if (spc.points.length === 0)
    return `There are no figures for ${code} between ${formatMonth(spc.window.from)} and ${formatMonth(spc.window.to)}.`;
  for (const g of spc.groups) {
    const limits =
      g.lowerLimit !== null && g.upperLimit !== null
        ? `, with process limits from ${fmt(g.lowerLimit)} to ${fmt(g.upperLimit)}${g.trialLimits ? ` (${TRIAL_LIMITS_WORDS})` : ''}`
        : ' (too few months for limits)';
    const from = g.rebase
      ? `From ${formatMonth(g.from)} (limits recalculated: ${g.rebase.reason})`
      : `From ${formatMonth(g.from)}`;
    sentences.push(`${from} to ${formatMonth(g.to)} the average of ${g.points} months was ${fmt(g.mean)}${limits}.`);
  }
  const count = (t: PointType) => spc.points.filter((p) => p.pointType === t).length;
  const improvement = count('special_cause_improvement');
  const concern = count('special_cause_concern');
  const neutral = count('special_cause_neutral_high') + count('special_cause_neutral_low');
  const special = improvement + concern + neutral;
  sentences.push(
    special === 0
      ? 'Every month is within normal variation (common cause).'
      : `${special} of ${spc.points.length} months show special cause variation${
          neutral > 0 ? '' : `: ${improvement} of improvement and ${concern} of concern`
        }.`,
  );
  if (spc.icons) {
    const iconSentences = spcIconSentences(spc.icons);
    sentences.push(iconSentences.variation);
    if (iconSentences.assurance) sentences.push(iconSentences.assurance);
  } else if (spc.iconsWithheld) sentences.push(spc.iconsWithheld);
  return sentences.join(' ');
}
