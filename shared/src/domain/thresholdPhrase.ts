import type { Operator, Polarity, Unit } from '../contracts/enums';
import { type ThresholdVersion, thresholdDirection, thresholdProblems } from './rag';

/**
 * The contract's bands in its own words: `Target > 85%`, `Failure < 75%`, `Target < 65 per 10,000`,
 * `Target <= 12 days`. Commissioners copy these lines from the schedule, so the product reads them
 * as written instead of asking for an operator and a number in separate boxes, and prints them back
 * the same way. Operators are kept exactly (strict `>` is not `>=`): the contract's bands hinge on it.
 */

export type BandLabel = 'target' | 'tolerance' | 'failure';

export interface BandPhrase {
  label: BandLabel;
  operator: Operator;
  value: number;
  /** The unit the phrase names (`%`, `per 10,000`, `days`, `£`); null when it names none. */
  unit: Unit | null;
}

export type PhraseResult = { ok: true; phrase: BandPhrase } | { ok: false; problem: string };

const OPERATOR_WORDS: Record<string, Operator> = {
  '>=': '>=',
  '≥': '>=',
  '<=': '<=',
  '≤': '<=',
  '>': '>',
  '<': '<',
};

// Label, operator, optional £, a number (thousands separated correctly or not at all), then an
// optional unit. Anything else on the line is refused rather than guessed at.
const PHRASE =
  /^(target|tolerance|failure)\s*:?\s*(>=|<=|≥|≤|>|<)\s*(£)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(%|per\s+10,?000|per\s+10k|days?)?$/i;

function unitOfSuffix(suffix: string | undefined): Unit | null {
  if (!suffix) return null;
  const s = suffix.toLowerCase();
  if (s === '%') return 'percent';
  if (s.startsWith('per')) return 'rate_per_10k';
  return 'days';
}

const LABEL_FIRST = /^(target|tolerance|failure)\b/i;

/**
 * A band phrase as the contract prints it, with its word: "< 40 per 10,000" typed in the Target
 * box is kept as "Target < 40 per 10,000", so the stored text says which band it is wherever it
 * is shown or downloaded.
 */
export function withBandLabel(text: string, label: BandLabel): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '' || LABEL_FIRST.test(trimmed)) return trimmed;
  return `${label[0]!.toUpperCase()}${label.slice(1)} ${trimmed}`;
}

/**
 * Reads one band phrase; every refusal says what was expected and quotes what was typed. `implied`
 * is the band a labelled box or column stands for: there the word itself may be left out
 * ("< 40 per 10,000" in the Target box is the target), as people do once a box is labelled.
 */
export function parseBandPhrase(text: string, implied?: BandLabel): PhraseResult {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '')
    return { ok: false, problem: 'is empty: write the band as the contract does, e.g. "Target > 85%"' };
  const labelled = implied && !LABEL_FIRST.test(trimmed) ? `${implied} ${trimmed}` : trimmed;
  const match = PHRASE.exec(labelled);
  if (!match) {
    if (!LABEL_FIRST.test(labelled))
      return { ok: false, problem: `"${trimmed}" must start with Target, Tolerance or Failure` };
    if (!/(>=|<=|≥|≤|>|<)/.test(trimmed))
      return { ok: false, problem: `"${trimmed}" has no comparison: use >, >=, < or <=` };
    if (/(>|<)\s*-/.test(trimmed)) return { ok: false, problem: `"${trimmed}" has a negative number` };
    return {
      ok: false,
      problem: `"${trimmed}" is not a band: write it as "Target > 85%", "Failure < 75%" or "Target <= 12 days"`,
    };
  }
  const [, label, op, pound, numberText, suffix] = match;
  const value = Number(numberText!.replace(/,/g, ''));
  const suffixUnit = unitOfSuffix(suffix);
  if (pound && suffixUnit) return { ok: false, problem: `"${trimmed}" names two units (£ and ${suffix})` };
  return {
    ok: true,
    phrase: {
      label: label!.toLowerCase() as BandLabel,
      operator: OPERATOR_WORDS[op!]!,
      value,
      unit: pound ? 'money' : suffixUnit,
    },
  };
}

function numberText(value: number): string {
  // Plain digits with no grouping, as many decimals as the value has: round-trips exactly.
  return String(value);
}

/** A band as the contract would print it: `Target > 85%`. */
export function bandPhrase(label: BandLabel, operator: Operator, value: number, unit: Unit): string {
  const name = label.charAt(0).toUpperCase() + label.slice(1);
  const n = numberText(value);
  switch (unit) {
    case 'percent':
      return `${name} ${operator} ${n}%`;
    case 'rate_per_10k':
      return `${name} ${operator} ${n} per 10,000`;
    case 'days':
      return `${name} ${operator} ${n} days`;
    case 'money':
      return `${name} ${operator} £${n}`;
    default:
      return `${name} ${operator} ${n}`;
  }
}

export type BandsResult =
  | { ok: true; bands: Pick<ThresholdVersion, 'targetOperator' | 'targetValue' | 'failureOperator' | 'failureValue'> }
  | { ok: false; problems: { field: 'target' | 'failure'; message: string }[] };

function unitName(unit: Unit): string {
  switch (unit) {
    case 'percent':
      return 'a percentage';
    case 'rate_per_10k':
      return 'a rate per 10,000';
    case 'days':
      return 'a number of days';
    case 'money':
      return 'an amount of money';
    case 'count':
      return 'a count';
    case 'average':
      return 'an average';
  }
}

/**
 * A target phrase and a failure phrase for an indicator in `unit`, checked together: each is its own
 * band (the word may be left out, as the box is labelled; another band's word is refused), name no unit other than the indicator's, and the two must point opposite ways with
 * no value both on target and in failure (the same rules the rating applies). Every problem at once.
 */
export function parseBands(target: string, failure: string, unit: Unit, polarity?: Polarity): BandsResult {
  const problems: { field: 'target' | 'failure'; message: string }[] = [];
  const read = (field: 'target' | 'failure', text: string): BandPhrase | null => {
    const result = parseBandPhrase(text, field);
    if (!result.ok) {
      problems.push({ field, message: `The ${field} ${result.problem}.` });
      return null;
    }
    const { phrase } = result;
    if (phrase.label !== field) {
      problems.push({ field, message: `The ${field} must start with "${field === 'target' ? 'Target' : 'Failure'}".` });
      return null;
    }
    if (phrase.unit !== null && phrase.unit !== unit) {
      problems.push({
        field,
        message: `The ${field} names ${unitName(phrase.unit)}, but the KPI is ${unitName(unit)}.`,
      });
      return null;
    }
    return phrase;
  };
  const t = read('target', target);
  const f = read('failure', failure);
  if (!t || !f) return { ok: false, problems };
  const bands = {
    targetOperator: t.operator,
    targetValue: t.value,
    failureOperator: f.operator,
    failureValue: f.value,
  };
  const version = { ...bands, effectiveFrom: '2000-01-01', effectiveTo: null };
  for (const problem of thresholdProblems(version)) {
    problems.push({ field: 'failure', message: `These bands do not work: ${problem}.` });
  }
  // Bands that point against the KPI's better direction would rate a figure green while its
  // direction of travel says worsening (a KPI better when lower with "Target > 10").
  if (problems.length === 0 && polarity && polarity !== 'none' && thresholdDirection(version) !== polarity) {
    const better = polarity === 'higher_is_better' ? 'higher' : 'lower';
    problems.push({
      field: 'target',
      message: `The KPI is better when ${better}, but this target (${target.trim()}) is met by ${better === 'higher' ? 'lower' : 'higher'} figures. Write the target and failure the other way round, or change which way is better for the KPI first.`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, bands };
}

export type ToleranceResult = { ok: true; tolerance: string } | { ok: false; message: string };

/**
 * A contract's printed tolerance checked against its target and failure bands. Amber (tolerance)
 * is everything between target and failure, so the tolerance points the target's way and starts
 * where failure ends: with `Target > 85%` and `Failure < 75%` it is `Tolerance > 75%` or
 * `Tolerance >= 75%` (the papers print either at the shared boundary). Anything else contradicts
 * the bands the product rates with, and is refused rather than dropped.
 */
export function checkTolerance(
  text: string,
  bands: Extract<BandsResult, { ok: true }>['bands'],
  unit: Unit,
): ToleranceResult {
  const read = parseBandPhrase(text, 'tolerance');
  if (!read.ok) return { ok: false, message: `The tolerance ${read.problem}.` };
  const { phrase } = read;
  if (phrase.label !== 'tolerance') return { ok: false, message: 'The tolerance must start with "Tolerance".' };
  if (phrase.unit !== null && phrase.unit !== unit) {
    return { ok: false, message: `The tolerance names ${unitName(phrase.unit)}, but the KPI is ${unitName(unit)}.` };
  }
  const upward = (op: Operator) => op === '>' || op === '>=';
  const expected = bandPhrase('tolerance', upward(bands.targetOperator) ? '>=' : '<=', bands.failureValue, unit);
  if (upward(phrase.operator) !== upward(bands.targetOperator) || phrase.value !== bands.failureValue) {
    const target = bandPhrase('target', bands.targetOperator, bands.targetValue, unit);
    const failure = bandPhrase('failure', bands.failureOperator, bands.failureValue, unit);
    return {
      ok: false,
      message: `The tolerance (${text.trim()}) contradicts the bands ${target} and ${failure}: amber is everything between them, so the tolerance is "${expected}". Correct the tolerance, the target or the failure, or leave the tolerance empty.`,
    };
  }
  return { ok: true, tolerance: bandPhrase('tolerance', phrase.operator, phrase.value, unit) };
}

const AMBER_FROM: Record<Operator, Operator> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

/**
 * The tolerance (amber) as the contract prints it, from the bands: it starts where failure ends and
 * points the target's way. `Failure < 75%` gives `Tolerance >= 75%`; `Failure <= 75%` gives
 * `Tolerance > 75%`. `checkTolerance` accepts exactly what this writes.
 */
export function tolerancePhrase(bands: { failureOperator: Operator; failureValue: number }, unit: Unit): string {
  return bandPhrase('tolerance', AMBER_FROM[bands.failureOperator], bands.failureValue, unit);
}
