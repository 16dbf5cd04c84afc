import { formatValue, type SuppressionSymbol, type Unit } from '@kpi/shared';

/** Wording shared by the upload messages. */

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** What loading saves, counted as a reader sees it; `valueChanged` and `confirmed` split `changed`. */
export interface ChangeCounts {
  created: number;
  changed: number;
  /** Absent on uploads counted before the split: `changed` is then said as it is. */
  valueChanged?: number | undefined;
  confirmed?: number | undefined;
  comments?: number;
}

/**
 * `3 new figures, 2 changed values, 11 figures confirmed (same value, now from a return) and
 * 1 comment`, leaving out a zero part.
 */
export function changeWords({ created, changed, valueChanged, confirmed, comments = 0 }: ChangeCounts): string {
  const split = valueChanged !== undefined && confirmed !== undefined;
  const parts = [
    created > 0 ? plural(created, 'new figure') : null,
    split && valueChanged > 0 ? plural(valueChanged, 'changed value') : null,
    split && confirmed > 0 ? `${plural(confirmed, 'figure')} confirmed (same value, now from a return)` : null,
    !split && changed > 0 ? plural(changed, 'changed figure') : null,
    comments > 0 ? plural(comments, 'comment') : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return 'no new or changed figures';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** ` 1 figure changes rating.`, or nothing when none does; `tense` for after loading. */
export function ratingWords(ratingChanged: number | undefined, tense: 'would' | 'did'): string {
  if (!ratingChanged) return '';
  const verb = tense === 'did' ? 'changed' : ratingChanged === 1 ? 'changes' : 'change';
  return ` ${plural(ratingChanged, 'figure')} ${verb} rating.`;
}

/** A figure as the dashboard shows it, in its KPI's unit and precision. */
export function display(
  kpi: { unit: Unit; precision: number },
  value: number | null,
  symbol: SuppressionSymbol | null,
) {
  return formatValue(value, kpi.unit, kpi.precision, symbol);
}
