import { formatValue, type SuppressionSymbol, type Unit } from '@kpi/shared';

/** Wording shared by the upload messages. */

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** `3 new figures, 2 changed figures and 1 comment`, leaving out a zero part. */
export function changeWords(created: number, changed: number, comments = 0): string {
  const parts = [
    created > 0 ? plural(created, 'new figure') : null,
    changed > 0 ? plural(changed, 'changed figure') : null,
    comments > 0 ? plural(comments, 'comment') : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return 'no new or changed figures';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** A figure as the dashboard shows it, in its KPI's unit and precision. */
export function display(
  kpi: { unit: Unit; precision: number },
  value: number | null,
  symbol: SuppressionSymbol | null,
) {
  return formatValue(value, kpi.unit, kpi.precision, symbol);
}
