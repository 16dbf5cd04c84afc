import type { SuppressionSymbol, Unit } from '@kpi/shared';
import { figureText, shortMeaning } from '../words';

/** A figure, or its suppression symbol followed by what the symbol means (never colour alone). */
export function Figure({
  figure,
  unit,
  precision,
}: {
  figure: { value: number | null; symbol: SuppressionSymbol | null } | null;
  unit: Unit;
  precision: number;
}) {
  if (figure?.symbol) {
    return (
      <>
        <span className="reference">{figure.symbol}</span>{' '}
        <span className="secondary-text">({shortMeaning(figure.symbol)})</span>
      </>
    );
  }
  return <>{figureText(figure, unit, precision)}</>;
}
