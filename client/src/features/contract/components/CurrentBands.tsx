import { dateToMonth, formatMonth, type IndicatorBands } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';

/**
 * A KPI's bands as they stand, version by version, and the first month new bands may start:
 * months a published meeting has covered keep the bands they were reported with, later months
 * may be given new bands or have mistyped ones corrected.
 */
export function CurrentBands({ bands }: { bands: IndicatorBands }) {
  return (
    <div className="current-bands" aria-live="polite">
      <p id="changeable-from">
        {bands.changeableFrom
          ? `New or corrected bands for ${bands.indicatorCode} can start from ${formatMonth(bands.changeableFrom)} at the earliest: a published meeting has covered the months before.`
          : `No meeting has been published yet: bands for ${bands.indicatorCode} can start from any month, and bands from that month on are replaced.`}
      </p>
      {bands.bands.length === 0 ? (
        <p>{bands.indicatorCode} has no bands yet.</p>
      ) : (
        <ScrollableTable label={`Current bands for ${bands.indicatorCode}`}>
          <table className="table">
            <caption className="caption caption--left">Current bands for {bands.indicatorCode}</caption>
            <thead>
              <tr>
                <th scope="col">Months</th>
                <th scope="col">Target</th>
                <th scope="col">Failure</th>
              </tr>
            </thead>
            <tbody>
              {bands.bands.map((band) => (
                <tr key={band.effectiveFrom}>
                  <th scope="row">
                    {formatMonth(dateToMonth(band.effectiveFrom))}
                    {band.effectiveTo ? ` to ${formatMonth(dateToMonth(band.effectiveTo))}` : ' onwards'}
                  </th>
                  <td>{band.target}</td>
                  <td>{band.failure}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </div>
  );
}
