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

/** A KPI's direction of travel: against the month before and the same month a year before. */
export function DirectionOfTravelList({
  item,
}: {
  item: {
    direction: Pick<ScorecardItem['direction'], 'previousMonth' | 'sameMonthLastYear'>;
    unit: Unit;
    precision: number;
  };
}) {
  return (
    <dl className="direction-list">
      <DirectionOfTravel comparison={item.direction.previousMonth} unit={item.unit} precision={item.precision} />
      <DirectionOfTravel comparison={item.direction.sameMonthLastYear} unit={item.unit} precision={item.precision} />
    </dl>
  );
}
