import { compareMonths, monthsBetween } from '@kpi/shared';
import type { SeriesSpec, YearTotal } from './illustrativeParameters';
import type { ComparatorSeed, IndicatorSeed } from './types';

/**
 * Where an illustrative series is of one of DfE's own measures, a reader sees the council's DfE
 * figure beside it on the chart and in the comparisons; the demo must not contradict it (it read
 * 50.3 per 10,000 for PI2 at March 2025 where DfE's figure is 40.3, and PI4 green all 2024-25 at
 * 86.9% where DfE's is 78.3%). This turns each of the council's DfE figures into a constraint the
 * generator meets exactly:
 *
 * | measure                | DfE period          | constraint                                      |
 * | ---------------------- | ------------------- | ----------------------------------------------- |
 * | snapshot               | one date (31 March) | that month's figure                             |
 * | rolling 12 months      | twelve months       | the figure of the twelve months' last month     |
 * | flow percentage        | twelve months       | Σ numerators ÷ Σ denominators over the months   |
 * | flow count             | twelve months       | Σ of the monthly counts                         |
 *
 * The papers come first: where a paper gives its own figure for the month or the same months
 * (PI4 2022-23: the Trust's 65.3% against DfE's 76.5%), the series follows the paper and the
 * disagreement is listed in the seed report. Figures outside the series' months are left alone.
 */
export interface OfficialAnchoring {
  specs: SeriesSpec[];
  /** One line per series: which DfE figures it now meets, and which it cannot because a paper differs. */
  notes: string[];
}

export function anchorToOfficialFigures(
  specs: readonly SeriesSpec[],
  indicators: readonly IndicatorSeed[],
  comparators: readonly ComparatorSeed[],
  councilAreaCode: string,
  paperMonths: ReadonlyMap<string, ReadonlyMap<string, number>>,
  defaultSpan: { from: string; to: string },
): OfficialAnchoring {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const notes: string[] = [];
  const anchored = specs.map((spec): SeriesSpec => {
    const indicator = byCode.get(spec.code);
    if (!spec.followsDfe || !indicator?.comparatorMeasure) return spec;
    const from = spec.from ?? defaultSpan.from;
    const to = spec.to ?? defaultSpan.to;
    const fixed = paperMonths.get(spec.code) ?? new Map<string, number>();
    const within = (m: string) => compareMonths(m, from) >= 0 && compareMonths(m, to) <= 0;
    const points = [...(spec.points ?? [])];
    const yearTotals: YearTotal[] = [...(spec.yearTotals ?? [])];
    const countTotals = [...(spec.countTotals ?? [])];
    const met: string[] = [];
    const paperWins: string[] = [];

    const official = comparators.filter(
      (c) =>
        c.measureCode === indicator.comparatorMeasure &&
        c.areaCode === councilAreaCode &&
        c.kind === 'area' &&
        c.source !== 'published_paper' &&
        c.value !== null &&
        c.symbol === null,
    );
    for (const figure of official) {
      const start = figure.periodStart.slice(0, 7);
      const end = figure.periodEnd.slice(0, 7);
      const length = monthsBetween(start, end) + 1;
      const value = figure.value as number;
      const pointAtEnd =
        (indicator.measureType === 'snapshot' && length === 1) ||
        (indicator.measureType === 'rolling_12m' && length === 12);
      if (pointAtEnd) {
        if (!within(end)) continue;
        const paper = fixed.get(end);
        if (paper !== undefined) {
          if (paper !== value) paperWins.push(`${end}: paper ${paper}, DfE ${value}`);
          continue;
        }
        points.push({ month: end, value });
        met.push(`${end} = ${value}`);
        continue;
      }
      if (indicator.measureType !== 'flow' || length !== 12 || !within(start) || !within(end)) continue;
      const sameMonths = (t: { fy?: string; from?: string; to?: string }) => t.from === start && t.to === end;
      const paperTotal = (spec.yearTotals ?? []).find(
        (t) => sameMonths(t) || (t.fy !== undefined && `${t.fy.slice(0, 4)}-04` === start),
      );
      if (paperTotal) {
        if (paperTotal.percent !== value)
          paperWins.push(`${start} to ${end}: paper ${paperTotal.percent}, DfE ${value}`);
        continue;
      }
      if ([...fixed.keys()].some((m) => compareMonths(m, start) >= 0 && compareMonths(m, end) <= 0)) {
        paperWins.push(`${start} to ${end}: a paper gives one of its months`);
        continue;
      }
      if (spec.components.kind === 'percent') {
        yearTotals.push({
          from: start,
          to: end,
          percent: value,
          ...(figure.denominator != null && figure.numerator != null
            ? { numerator: figure.numerator, denominator: figure.denominator }
            : {}),
        });
        met.push(`${start} to ${end} = ${value}%`);
      } else if (spec.components.kind === 'count') {
        countTotals.push({ from: start, to: end, total: value });
        met.push(`${start} to ${end} = ${value}`);
      }
    }
    if (met.length > 0 || paperWins.length > 0) {
      notes.push(
        `${spec.code} meets Sandwell's DfE figures ${met.length > 0 ? met.join(', ') : '(none in its months)'}` +
          (paperWins.length > 0
            ? `; the papers' own figures are kept where they differ (${paperWins.join('; ')})`
            : '') +
          '.',
      );
    }
    return { ...spec, points, yearTotals, countTotals };
  });
  return { specs: anchored, notes };
}
