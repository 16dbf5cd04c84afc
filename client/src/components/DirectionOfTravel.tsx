import { formatMonth, formatValue, type ScorecardItem, type Unit } from '@kpi/shared';

type Comparison = ScorecardItem['direction']['previousMonth'];

/** ↑ when the figure went up, ↓ down, → no change; the word says whether that is better or worse. */
function arrowFor(difference: number | null): string {
  if (difference === null) return '';
  if (difference > 0) return '↑';
  if (difference < 0) return '↓';
  return '→';
}

/**
 * One direction-of-travel comparison: "Compared with February 2021 ↑ Improving (was 70.1%)".
 * The arrow shows which way the number moved; the word, which is what counts, is always there.
 */
export function DirectionOfTravel({
  comparison,
  unit,
  precision,
}: {
  comparison: Comparison;
  unit: Unit;
  precision: number;
}) {
  const arrow = arrowFor(comparison.difference);
  return (
    <div className="direction">
      <dt className="direction__when">Compared with {formatMonth(comparison.month)}</dt>
      <dd className={`direction__what direction--${comparison.direction}`}>
        {arrow && (
          <span className="direction__arrow" aria-hidden="true">
            {arrow}
          </span>
        )}
        <strong>{comparison.label}</strong>
        {comparison.comparisonValue !== null && (
          <span className="secondary-text"> (was {formatValue(comparison.comparisonValue, unit, precision)})</span>
        )}
        {comparison.direction === 'not_available' && <span className="secondary-text"> (no figure to compare)</span>}
      </dd>
    </div>
  );
}
