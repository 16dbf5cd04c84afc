import {
  precisionStep,
  RATIO_PART_LIMIT,
  type ReturnProblem,
  ratioScale,
  roundToPrecision,
  UNIT_IN_A_SENTENCE,
  UNIT_MAGNITUDE_LIMIT,
  type Unit,
  unitIsWhole,
  wholeRatioParts,
  withoutFloatNoise,
} from '@kpi/shared';
import { problem, type ReadRow } from './types';
import type { KpiMeta } from './validate';
import { display } from './wording';

/**
 * The checks on one figure against its KPI: a % figure for a KPI that is not a percentage, a
 * percentage outside 0–100, a negative figure (money apart), a figure too large for its unit, and
 * the numerator and denominator (whole, in range, agreeing with the value at the KPI's precision).
 */

export function checkFigure(
  row: ReadRow,
  kpi: KpiMeta,
  problems: ReturnProblem[],
  extra: { kpiCode: string; month: string | null },
) {
  const { value } = row;
  const isPercent = kpi.unit === 'percent';
  if (value.kind === 'number') {
    if (!isPercent && (value.percentSign || value.percentFormat)) {
      problems.push(
        problem(
          'percent_not_applicable',
          value.percentFormat
            ? `The cell is formatted as a percentage (it shows ${value.text}) but ${kpi.code} is ${UNIT_IN_A_SENTENCE[kpi.unit]}, not a percentage. Format the cell as a number and enter the figure itself.`
            : `"${value.text}" has a % sign but ${kpi.code} is ${UNIT_IN_A_SENTENCE[kpi.unit]}, not a percentage. Enter the figure without the % sign.`,
          row.valueAt,
          extra,
        ),
      );
    } else if (isPercent && (value.value < 0 || value.value > 100)) {
      problems.push(
        problem(
          'percent_out_of_range',
          `${kpi.code} is a percentage, so its figure must be between 0 and 100; ${value.text} is not. Enter the percentage itself (72.5 or 72.5% for seventy-two and a half per cent).`,
          row.valueAt,
          extra,
        ),
      );
    } else if (value.value < 0 && kpi.unit !== 'money') {
      problems.push(
        problem(
          'negative_value',
          `${kpi.code} is ${UNIT_IN_A_SENTENCE[kpi.unit]} and cannot be negative (${value.text}). Correct the figure.`,
          row.valueAt,
          extra,
        ),
      );
    } else if (!(Math.abs(value.value) <= UNIT_MAGNITUDE_LIMIT[kpi.unit])) {
      problems.push(
        problem(
          'implausible_value',
          `${value.text} is far larger than ${kpi.code} can be (${UNIT_IN_A_SENTENCE[kpi.unit]}, at most ${UNIT_MAGNITUDE_LIMIT[kpi.unit].toLocaleString('en-GB')}). Check the figure: a slipped decimal point or a pasted cell reference is likely.`,
          row.valueAt,
          extra,
        ),
      );
    } else if (unitIsWhole(kpi.unit) && !Number.isInteger(value.value)) {
      problems.push(
        problem(
          'not_whole_number',
          `${kpi.code} is a count, so its figure is a whole number; ${value.text} is not. Enter the count itself (5, not 5.5).`,
          row.valueAt,
          extra,
        ),
      );
    }
  }

  const { numerator, denominator } = row;
  if (numerator.kind === 'invalid' || denominator.kind === 'invalid') return;
  const hasNumerator = numerator.kind === 'number';
  const hasDenominator = denominator.kind === 'number';
  if (!hasNumerator && !hasDenominator) return;
  const partAt = (hasNumerator ? row.numeratorAt : row.denominatorAt)!;
  const scale = ratioScale(kpi.unit);
  if (scale === null) {
    problems.push(
      problem(
        'ratio_not_applicable',
        `${kpi.code} is a count, so it has no numerator or denominator. Leave the numerator and denominator empty.`,
        partAt,
        extra,
      ),
    );
    return;
  }
  if (value.kind === 'symbol') {
    problems.push(
      problem(
        'ratio_not_applicable',
        `The value is the symbol "${value.symbol}", which means there is no figure, so there can be no numerator or denominator. Leave them empty, or enter the figure.`,
        partAt,
        extra,
      ),
    );
    return;
  }
  if (!hasNumerator || !hasDenominator) {
    problems.push(
      problem(
        'incomplete_ratio',
        `Only the ${hasNumerator ? 'numerator' : 'denominator'} is given. Give both the numerator and the denominator, or neither.`,
        hasNumerator ? (row.denominatorAt ?? partAt) : (row.numeratorAt ?? partAt),
        extra,
      ),
    );
    return;
  }
  const n = (numerator as { value: number }).value;
  const d = (denominator as { value: number }).value;
  const huge = [n, d].findIndex((part) => !(Math.abs(part) <= RATIO_PART_LIMIT));
  if (huge >= 0) {
    problems.push(
      problem(
        'implausible_value',
        `The ${huge === 0 ? 'numerator' : 'denominator'} is far larger than a count of children, cases or staff can be (at most ${RATIO_PART_LIMIT.toLocaleString('en-GB')}). Check the figure.`,
        (huge === 0 ? row.numeratorAt : row.denominatorAt)!,
        extra,
      ),
    );
    return;
  }
  if (n < 0 || d < 0) {
    problems.push(
      problem(
        'negative_value',
        `The ${n < 0 ? 'numerator' : 'denominator'} cannot be negative. Correct it.`,
        (n < 0 ? row.numeratorAt : row.denominatorAt)!,
        extra,
      ),
    );
    return;
  }
  const whole = wholeRatioParts(kpi.unit, d);
  const fraction =
    whole.numerator && !Number.isInteger(n)
      ? 'numerator'
      : whole.denominator && !Number.isInteger(d)
        ? 'denominator'
        : null;
  if (fraction) {
    const part = fraction === 'numerator' ? numerator : denominator;
    problems.push(
      problem(
        'not_whole_number',
        `The ${fraction} "${(part as { text: string }).text}" is not a whole number: for ${kpi.code} it counts children or cases, such as 45 or 1,234. Correct it (a figure from another column may have landed here).`,
        (fraction === 'numerator' ? row.numeratorAt : row.denominatorAt)!,
        extra,
      ),
    );
    return;
  }
  if (d === 0) {
    problems.push(
      problem(
        'zero_denominator',
        'The denominator is 0, so there is no figure to calculate. If nothing was counted, leave the numerator and denominator empty and enter the symbol z (not applicable) as the value.',
        row.denominatorAt!,
        extra,
      ),
    );
    return;
  }
  if (isPercent && n > d) {
    problems.push(
      problem(
        'numerator_above_denominator',
        `The numerator (${n.toLocaleString('en-GB')}) is larger than the denominator (${d.toLocaleString('en-GB')}), which would make the percentage more than 100%. Check the two figures; they may be the wrong way round.`,
        row.numeratorAt!,
        extra,
      ),
    );
    return;
  }
  if (value.kind === 'number' && !(isPercent && (value.value < 0 || value.value > 100))) {
    const computed = withoutFloatNoise((n / d) * scale);
    if (!matchesAtPrecision(value.value, computed, kpi.precision)) {
      problems.push(
        problem(
          'ratio_mismatch',
          `The value ${display(kpi, value.value, null)} does not match the numerator and denominator: ${n.toLocaleString('en-GB')} ÷ ${d.toLocaleString('en-GB')}${scale === 1 ? '' : ` × ${scale.toLocaleString('en-GB')}`} = ${display(kpi, computed, null)}. Correct the value or the numerator and denominator so that they agree (compared at ${kpi.precision} decimal place${kpi.precision === 1 ? '' : 's'}).`,
          row.valueAt,
          extra,
        ),
      );
    }
  }
}

/** Equal when both round to the same figure at the KPI's precision, or differ by at most half a step. */
export function matchesAtPrecision(value: number, computed: number, precision: number): boolean {
  if (roundToPrecision(value, precision) === roundToPrecision(computed, precision)) return true;
  return Math.abs(value - computed) <= precisionStep(precision) / 2 + Number.EPSILON * Math.abs(computed) * 4;
}
