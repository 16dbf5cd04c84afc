import type { Polarity, SuppressionSymbol } from '../contracts/enums';
import { comparisonJudgement } from './comparison';
import { roundToPrecision } from './rounding';

/**
 * Where a council stands among the councils of its region on one DfE measure (the "tartan rug"
 * regional alliances publish): its quintile among the councils with a figure, and better, worse
 * or similar against the regional figure by the one comparison rule (`comparison.ts`), which
 * stays higher/lower ("not rated: no polarity") for a measure where neither direction is better.
 *
 * Quintiles are by value, 1 the lowest fifth and 5 the highest, whatever the polarity, so a
 * quintile always means the same thing; the better/worse verdict carries the polarity. A council's
 * quintile is ceil(5 × rank ÷ n) over the n councils with a figure (suppressed or missing figures
 * are left out, never counted as zero), its rank 1 for the lowest; tied figures (equal at the
 * published precision) share the mean of their ranks, so they always share a quintile. Fewer than
 * five councils with a figure cannot fill five fifths: nobody is given a quintile then.
 */

export const MIN_COUNCILS_FOR_QUINTILES = 5;

export type Quintile = 1 | 2 | 3 | 4 | 5;

/** Against the regional figure: the comparison rule's verdict, or not compared (no figure either side). */
export type RegionalJudgement = 'better' | 'worse' | 'similar' | 'higher' | 'lower' | 'not_compared';

export interface RegionalFigure {
  value: number | null;
  symbol: SuppressionSymbol | null;
}

function usable(figure: RegionalFigure): number | null {
  return figure.symbol === null && figure.value !== null && Number.isFinite(figure.value) ? figure.value : null;
}

/**
 * Each figure's quintile among those with a value, in the order given; null for a figure without
 * a value, and for everyone when fewer than five have one.
 */
export function quintiles(figures: readonly RegionalFigure[], precision: number): Array<Quintile | null> {
  const values = figures.map((f) => {
    const v = usable(f);
    return v === null ? null : roundToPrecision(v, precision);
  });
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = present.length;
  if (n < MIN_COUNCILS_FOR_QUINTILES) return values.map(() => null);
  return values.map((v) => {
    if (v === null) return null;
    const first = present.indexOf(v) + 1;
    const last = present.lastIndexOf(v) + 1;
    const rank = (first + last) / 2;
    return Math.min(5, Math.max(1, Math.ceil((5 * rank) / n))) as Quintile;
  });
}

/** The council's figure against the regional figure, by the one comparison rule. */
export function againstRegion(
  council: RegionalFigure,
  region: RegionalFigure,
  polarity: Polarity,
  precision: number,
): RegionalJudgement {
  return comparisonJudgement(usable(council), usable(region), polarity, precision);
}

const QUINTILE_WORDS: Record<Quintile, string> = {
  1: 'lowest fifth',
  2: 'second-lowest fifth',
  3: 'middle fifth',
  4: 'second-highest fifth',
  5: 'highest fifth',
};

/** "Quintile 5 of 5 (highest fifth of the region's figures)". */
export function quintileWords(quintile: Quintile | null, councilsWithFigure: number): string {
  if (quintile === null) {
    return councilsWithFigure < MIN_COUNCILS_FOR_QUINTILES
      ? `Not ranked: only ${councilsWithFigure} ${councilsWithFigure === 1 ? 'council has' : 'councils have'} a figure`
      : 'Not ranked: no figure';
  }
  return `Quintile ${quintile} of 5 (${QUINTILE_WORDS[quintile]} of the region’s figures)`;
}

export const NOT_RATED_NO_POLARITY = 'not rated: no polarity';

/** "Better than the region", "Higher than the region (not rated: no polarity)", "Not compared: no figure". */
export function judgementWords(judgement: RegionalJudgement, against = 'the region'): string {
  switch (judgement) {
    case 'better':
      return `Better than ${against}`;
    case 'worse':
      return `Worse than ${against}`;
    case 'similar':
      return `Similar to ${against}`;
    case 'higher':
      return `Higher than ${against} (${NOT_RATED_NO_POLARITY})`;
    case 'lower':
      return `Lower than ${against} (${NOT_RATED_NO_POLARITY})`;
    case 'not_compared':
      return 'Not compared: no figure';
  }
}

export interface RegionalExceptionFinding {
  /** council − region, as a percentage of the regional figure, to 1 dp (positive: above it). */
  percentFromRegion: number;
  judgement: Exclude<RegionalJudgement, 'similar' | 'not_compared'>;
}

/**
 * A council more than `thresholdPercent` from the regional figure (|council − region| ÷ |region|
 * × 100, figures as published), better or worse by polarity, or higher or lower where the measure
 * has none; null when it is within the threshold, either figure is missing or suppressed, or the
 * regional figure is zero (no percentage of nothing). Exactly at the threshold is not an exception.
 */
export function regionalException(
  council: RegionalFigure,
  region: RegionalFigure,
  polarity: Polarity,
  precision: number,
  thresholdPercent: number,
): RegionalExceptionFinding | null {
  const c = usable(council);
  const r = usable(region);
  if (c === null || r === null) return null;
  const councilShown = roundToPrecision(c, precision);
  const regionShown = roundToPrecision(r, precision);
  if (regionShown === 0) return null;
  const percent = ((councilShown - regionShown) / Math.abs(regionShown)) * 100;
  // Compare in hundredths of a percent so 24 against 20 at 20% is exactly "at", not float noise above it.
  if (Math.round(Math.abs(percent) * 100) <= Math.round(thresholdPercent * 100)) return null;
  const higher = percent > 0;
  const judgement =
    polarity === 'none'
      ? higher
        ? 'higher'
        : 'lower'
      : higher === (polarity === 'higher_is_better')
        ? 'better'
        : 'worse';
  return { percentFromRegion: roundToPrecision(percent, 1), judgement };
}
