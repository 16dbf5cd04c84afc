import type { RagStatus, SuppressionSymbol, Unit } from '../contracts/enums';
import type { ReturnChangeKind, ReturnFigureEffect } from '../contracts/returns';
import { ragStatus, type ThresholdVersion, thresholdInForce } from './rag';
import { roundToPrecision } from './rounding';

/**
 * What loading one figure of a monthly return means to a reader. The validation decides what is
 * written (`change`); a reader wants to know whether the figure on the scorecard moves. Replacing
 * an illustrative 53.1 with an uploaded 53.1 writes a figure but changes nothing a reader sees: it
 * is `confirmed`, not a change. Figures are compared at the KPI's display precision (53.1 and
 * 53.10000001 are the same figure), and rated with the scorecard's own rule (`ragStatus`) and the
 * bands in force for the month, so a rating change here is one the scorecard will show.
 */

export interface EffectFigure {
  value: number | null;
  symbol: SuppressionSymbol | null;
}

export interface FigureEffectInput {
  /** What loading writes, as the validation classified it. */
  change: ReturnChangeKind;
  /** The figure held; null when nothing is held. */
  old: EffectFigure | null;
  new: EffectFigure;
  unit: Unit;
  precision: number;
  /** YYYY-MM. */
  month: string;
  /** The indicator's threshold versions; the one in force for the month rates both figures. */
  thresholds: readonly ThresholdVersion[];
}

export interface FigureEffectResult {
  effect: ReturnFigureEffect;
  rating: { before: RagStatus | null; after: RagStatus; changed: boolean };
}

/** The same figure as a reader sees it: the same symbol, or values equal at the KPI's precision. */
export function sameAtPrecision(a: EffectFigure, b: EffectFigure, precision: number): boolean {
  if (a.symbol !== b.symbol) return false;
  if (a.value === null || b.value === null) return a.value === b.value;
  return roundToPrecision(a.value, precision) === roundToPrecision(b.value, precision);
}

function isHeld(figure: EffectFigure | null): figure is EffectFigure {
  return figure !== null && (figure.value !== null || figure.symbol !== null);
}

export function figureEffect(input: FigureEffectInput): FigureEffectResult {
  const threshold = thresholdInForce(input.thresholds, input.month);
  const rate = (figure: EffectFigure) =>
    ragStatus({ ...figure, unit: input.unit, precision: input.precision, threshold }).status;
  const held = isHeld(input.old) ? input.old : null;
  const before = held ? rate(held) : null;
  const after = rate(input.new);
  let effect: ReturnFigureEffect;
  if (input.change === 'new' || held === null) effect = input.change === 'unchanged' ? 'unchanged' : 'new';
  else if (input.change === 'unchanged') effect = 'unchanged';
  else effect = sameAtPrecision(held, input.new, input.precision) ? 'confirmed' : 'value_changed';
  return { effect, rating: { before, after, changed: before !== null && before !== after } };
}
