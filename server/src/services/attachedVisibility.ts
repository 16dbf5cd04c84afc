import { hiddenMonths, type Publication, type Reader } from './publication';

/**
 * Pre-release control for what is attached to a month (commentary, actions), decided here and
 * only here, by the same rule as the month's figures (services/publication.ts): someone who may
 * not see a month's figures may not see its commentary, nor an action that responds to it.
 */
export function visibleAttached<T>(
  publication: Publication,
  reader: Reader,
  items: readonly T[],
  monthsOf: (item: T) => readonly string[],
): T[] {
  const hidden = hiddenMonths(publication, reader, new Set(items.flatMap(monthsOf)));
  if (hidden.size === 0) return [...items];
  return items.filter((item) => monthsOf(item).every((month) => !hidden.has(month)));
}
