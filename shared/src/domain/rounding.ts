/**
 * Decimal-correct rounding shared by the RAG rating and every formatter, so the colour of a
 * figure always agrees with the figure shown next to it.
 *
 * A JavaScript number such as 1.005 is stored as 1.00499999999999989…, so `Math.round(1.005 * 100)`
 * gives 100, not 101. We round the number's shortest round-trip decimal representation instead
 * (the digits `String(x)` prints, i.e. what a person typed or saw), working on the digit string, so
 * 1.005 → 1.01, 74.95 → 75.0 and 2.675 → 2.68. Ties go away from zero (−1.005 → −1.01), which is
 * the usual convention in published statistics and Intl.NumberFormat's default (`halfExpand`).
 */

/** The largest number of decimal places the domain will round to. */
export const MAX_PRECISION = 15;

export function assertPrecision(precision: number): void {
  if (!Number.isInteger(precision) || precision < 0 || precision > MAX_PRECISION) {
    throw new RangeError(`Precision must be a whole number from 0 to ${MAX_PRECISION}; got ${precision}`);
  }
}

/**
 * Round `value` to `precision` decimal places, half away from zero, on its decimal digits.
 * Never returns −0.
 */
export function roundToPrecision(value: number, precision: number): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot round a value that is not a finite number: ${value}`);
  }
  assertPrecision(precision);
  if (value === 0) return 0;
  const negative = value < 0;
  // Shortest round-trip form, e.g. "1.005e+0", "7.496e+1", "1e-7".
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  // |value| = digits × 10^(exponent − (digits.length − 1)); we want |value| × 10^precision.
  const shift = exponent - (digits.length - 1) + precision;
  if (shift >= 0) return value; // already has no more than `precision` decimals
  const keepLength = digits.length + shift; // digits left of the rounding point
  const kept = keepLength > 0 ? digits.slice(0, keepLength) : '0';
  const nextDigit = keepLength >= 0 ? Number(digits.charAt(keepLength)) : 0;
  const scaled = BigInt(kept) + (nextDigit >= 5 ? 1n : 0n);
  if (scaled === 0n) return 0;
  const magnitude = Number(`${scaled}e-${precision}`);
  return negative ? -magnitude : magnitude;
}

/** The smallest difference visible at `precision` decimal places (1 at 0 dp, 0.1 at 1 dp …). */
export function precisionStep(precision: number): number {
  assertPrecision(precision);
  return Number(`1e-${precision}`);
}

/**
 * Removes binary floating-point noise from a computed figure (a sum, mean or quotient) by
 * keeping 15 significant digits: 0.1 + 0.2 → 0.3, (3 × 0.05) / 3 → 0.05. Without this, a mean
 * that is exactly 54.45 in decimal can come out as 54.449999… and display as 54.4.
 */
export function withoutFloatNoise(value: number): number {
  if (!Number.isFinite(value)) return value;
  const cleaned = Number(value.toPrecision(15));
  return cleaned === 0 ? 0 : cleaned;
}
