import type { Operator, RagStatus, SuppressionSymbol, Unit } from '../contracts/enums';
import { formatThresholdValue, formatValue, symbolMeaning } from './format';
import { assertDate, monthToDate } from './periods';
import { assertPrecision, roundToPrecision } from './rounding';

/**
 * Red / amber / green against the contract's bands.
 *
 * Green when the target condition holds, red when the failure condition holds, amber otherwise.
 * The contract's operators are strict (`> 75`, `< 65`), so 75.0 is amber (not on target) and
 * 65.0 is amber (not failing). The value is compared after rounding to the KPI's display precision
 * (decimal-correct, half away from zero), so a figure shown as "75.0%" is always rated as 75.0.
 * A missing or suppressed figure, or a month with no threshold in force, is `no_data`, never a
 * colour. Every result carries a one-sentence plain-English reason.
 */

export interface ThresholdVersion {
  /** First day the version applies, YYYY-MM-DD. */
  effectiveFrom: string;
  /** Last day the version applies, YYYY-MM-DD, inclusive; null while still in force. */
  effectiveTo: string | null;
  targetOperator: Operator;
  targetValue: number;
  failureOperator: Operator;
  failureValue: number;
}

/** Whether `value <operator> threshold` holds. */
export function meetsCondition(value: number, operator: Operator, threshold: number): boolean {
  switch (operator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

function isUpward(operator: Operator): boolean {
  return operator === '>' || operator === '>=';
}

function isStrict(operator: Operator): boolean {
  return operator === '>' || operator === '<';
}

/** Which way a threshold points: a `>` / `>=` target means higher is better. */
export function thresholdDirection(threshold: ThresholdVersion): 'higher_is_better' | 'lower_is_better' {
  return isUpward(threshold.targetOperator) ? 'higher_is_better' : 'lower_is_better';
}

/**
 * What is wrong with a threshold version, in words; empty when it is usable. A usable version has
 * finite numbers, a target and failure that point opposite ways (`>` with `<`, or `<` with `>`),
 * and no value that could be both on target and in failure.
 */
export function thresholdProblems(threshold: ThresholdVersion): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(threshold.targetValue)) problems.push('the target value is not a number');
  if (!Number.isFinite(threshold.failureValue)) problems.push('the failure value is not a number');
  if (isUpward(threshold.targetOperator) === isUpward(threshold.failureOperator)) {
    problems.push(
      `the target (${threshold.targetOperator} ${threshold.targetValue}) and failure (${threshold.failureOperator} ${threshold.failureValue}) point the same way`,
    );
  } else if (problems.length === 0) {
    const up = isUpward(threshold.targetOperator);
    const t = threshold.targetValue;
    const f = threshold.failureValue;
    const bothInclusive = !isStrict(threshold.targetOperator) && !isStrict(threshold.failureOperator);
    const overlap = up ? f > t || (f === t && bothInclusive) : f < t || (f === t && bothInclusive);
    if (overlap) {
      problems.push(
        `a value can be both on target (${threshold.targetOperator} ${t}) and in failure (${threshold.failureOperator} ${f})`,
      );
    }
  }
  if (threshold.effectiveTo !== null && threshold.effectiveTo < threshold.effectiveFrom) {
    problems.push(`it ends (${threshold.effectiveTo}) before it starts (${threshold.effectiveFrom})`);
  }
  return problems;
}

/** Anything in force over a range of days, both ends inclusive (bands, KPI sets). */
export interface DatedRange {
  effectiveFrom: string;
  effectiveTo: string | null;
}

/**
 * What is in force for a month: the one whose effective range (both ends inclusive) covers the
 * month's first day. A range ending 2021-09-30 covers September 2021; one starting 2021-10-01
 * covers October. If ranges overlap (a data error), the one that started most recently wins. The
 * input array is never reordered.
 */
export function inForceFor<T extends DatedRange>(ranges: readonly T[], month: string): T | null {
  const day = monthToDate(month);
  let best: T | null = null;
  for (const range of ranges) {
    assertDate(range.effectiveFrom, 'effectiveFrom');
    if (range.effectiveTo !== null) assertDate(range.effectiveTo, 'effectiveTo');
    const covers = range.effectiveFrom <= day && (range.effectiveTo === null || day <= range.effectiveTo);
    if (covers && (best === null || range.effectiveFrom > best.effectiveFrom)) best = range;
  }
  return best;
}

/** The threshold version in force for a month (`inForceFor`). */
export function thresholdInForce(versions: readonly ThresholdVersion[], month: string): ThresholdVersion | null {
  return inForceFor(versions, month);
}

function conditionInWords(operator: Operator, value: number, unit: Unit): string {
  const text = formatThresholdValue(value, unit);
  switch (operator) {
    case '>':
      return `more than ${text}`;
    case '>=':
      return `${text} or more`;
    case '<':
      return `less than ${text}`;
    case '<=':
      return `${text} or less`;
  }
}

export interface ThresholdWords {
  /** e.g. 'more than 75%' */
  target: string;
  /** e.g. 'less than 65%' */
  failure: string;
  /** One line, e.g. 'Green: more than 75%; red: less than 65%; amber: anything in between (compared as shown, to 1 decimal place).' */
  summary: string;
}

/**
 * A threshold in words. Threshold numbers are shown with the decimals they have (75 → '75%',
 * 18.5 → '18.5'); `precision` is the KPI's display precision, named in the summary because values
 * are compared at that precision.
 */
export function thresholdInWords(threshold: ThresholdVersion, unit: Unit, precision: number): ThresholdWords {
  assertPrecision(precision);
  const target = conditionInWords(threshold.targetOperator, threshold.targetValue, unit);
  const failure = conditionInWords(threshold.failureOperator, threshold.failureValue, unit);
  const places =
    precision === 0 ? 'to the nearest whole number' : `to ${precision} decimal place${precision === 1 ? '' : 's'}`;
  return {
    target,
    failure,
    summary: `Green: ${target}; red: ${failure}; amber: anything in between (compared as shown, ${places}).`,
  };
}

export interface RagInput {
  value: number | null;
  symbol?: SuppressionSymbol | null;
  unit: Unit;
  /** Decimal places the KPI is displayed with; the value is rated at this precision. */
  precision: number;
  threshold: ThresholdVersion | null;
}

export interface RagResult {
  status: RagStatus;
  /** One plain-English sentence explaining the status. */
  reason: string;
  /** The value as displayed ('75.0%', or the symbol 'c'); null when there is no figure. */
  displayValue: string | null;
  /** The number actually compared with the thresholds (the value rounded to `precision`); null when not rated. */
  comparedValue: number | null;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function ragStatus(input: RagInput): RagResult {
  const { value, unit, precision, threshold } = input;
  const symbol = input.symbol ?? null;
  assertPrecision(precision);
  if (symbol !== null) {
    return {
      status: 'no_data',
      reason: `The figure is suppressed (${symbol}, ${lowerFirst(symbolMeaning(symbol))}), so it is not rated.`,
      displayValue: symbol,
      comparedValue: null,
    };
  }
  if (value === null) {
    return {
      status: 'no_data',
      reason: 'No figure was reported for this month.',
      displayValue: null,
      comparedValue: null,
    };
  }
  if (!Number.isFinite(value)) throw new RangeError(`A KPI value must be a finite number; got ${value}`);
  const displayValue = formatValue(value, unit, precision);
  if (threshold === null) {
    return {
      status: 'no_data',
      reason: `No threshold is in force for this month, so ${displayValue} is not rated.`,
      displayValue,
      comparedValue: null,
    };
  }
  const problems = thresholdProblems(threshold);
  if (problems.length > 0) {
    return {
      status: 'no_data',
      reason: `The threshold in force cannot be used (${problems.join('; ')}), so ${displayValue} is not rated.`,
      displayValue,
      comparedValue: null,
    };
  }

  const compared = roundToPrecision(value, precision);
  const words = thresholdInWords(threshold, unit, precision);
  const failureLevel = formatThresholdValue(threshold.failureValue, unit);

  if (meetsCondition(compared, threshold.targetOperator, threshold.targetValue)) {
    return {
      status: 'green',
      reason: `${displayValue} meets the target of ${words.target}.`,
      displayValue,
      comparedValue: compared,
    };
  }
  if (meetsCondition(compared, threshold.failureOperator, threshold.failureValue)) {
    const where = compared === threshold.failureValue ? 'at' : isUpward(threshold.failureOperator) ? 'above' : 'below';
    return {
      status: 'red',
      reason: `${displayValue} is ${where} the failure level of ${failureLevel}, so it is in failure (${words.failure}).`,
      displayValue,
      comparedValue: compared,
    };
  }
  // Amber. At exactly a strict threshold the value is neither below nor above it, so say so plainly.
  // e.g. "74.9% is below the target of more than 75% but above the failure level of 65%."
  //      "75.0% misses the target of more than 75% but is above the failure level of 65%."
  //      "65.0% is below the target of more than 75% but not at the failure level of less than 65%."
  const atTarget = compared === threshold.targetValue;
  const targetClause = atTarget
    ? `misses the target of ${words.target}`
    : `is ${isUpward(threshold.targetOperator) ? 'below' : 'above'} the target of ${words.target}`;
  const failureClause = `${atTarget ? 'is ' : ''}${
    compared === threshold.failureValue
      ? `not at the failure level of ${words.failure}`
      : `${isUpward(threshold.failureOperator) ? 'below' : 'above'} the failure level of ${failureLevel}`
  }`;
  return {
    status: 'amber',
    reason: `${displayValue} ${targetClause} but ${failureClause}.`,
    displayValue,
    comparedValue: compared,
  };
}

/** How good a status is, for comparisons: red 0, amber 1, green 2; `no_data` has no rank (null). */
export function statusRank(status: RagStatus): number | null {
  switch (status) {
    case 'red':
      return 0;
    case 'amber':
      return 1;
    case 'green':
      return 2;
    case 'no_data':
      return null;
  }
}
