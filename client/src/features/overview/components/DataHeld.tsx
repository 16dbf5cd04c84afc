import type { OverviewResponse } from '@kpi/shared';
import { formatPlainNumber as formatCount, formatMonth } from '@kpi/shared';
import { countsByProvenance, PROVENANCE_LABELS } from '../provenance';

type DataHeldProps = {
  overview: Pick<OverviewResponse, 'latestMonth' | 'observationCounts' | 'comparatorCount'>;
  organisationName: string;
};

export function DataHeld({ overview, organisationName }: DataHeldProps) {
  const rows = countsByProvenance(overview.observationCounts);
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const illustrative = rows.find((row) => row.provenance === 'illustrative')?.count ?? 0;

  return (
    <section className="section" aria-labelledby="data-heading">
      <h2 id="data-heading">Data held</h2>
      {total === 0 ? (
        <p>No performance figures have been loaded yet.</p>
      ) : (
        <>
          {illustrative > 0 && (
            <div className="warning-text">
              <span className="warning-text__icon" aria-hidden="true">
                !
              </span>
              <p className="warning-text__text">
                <span className="visually-hidden">Warning: </span>
                {illustrative === total ? 'All' : `${formatCount(illustrative)} of ${formatCount(total)}`} of the
                performance figures held are illustrative. They were generated to demonstrate the dashboard and are not
                real performance data for {organisationName}.
              </p>
            </div>
          )}
          <p>
            Latest month with data:{' '}
            <strong>{overview.latestMonth ? formatMonth(overview.latestMonth) : 'not known'}</strong>
          </p>
          <table className="table">
            <caption className="table__caption">Performance figures by source</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col" className="numeric">
                  Figures
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.provenance}>
                  <th scope="row">
                    {PROVENANCE_LABELS[row.provenance]}
                    {row.provenance === 'illustrative' && row.count > 0 && (
                      <>
                        {' '}
                        <strong className="tag tag--illustrative">Not real data</strong>
                      </>
                    )}
                  </th>
                  <td className="numeric">{formatCount(row.count)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="numeric">{formatCount(total)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
      <p>
        {overview.comparatorCount > 0
          ? `Comparator figures held (other areas and averages to compare with): ${formatCount(overview.comparatorCount)}.`
          : 'No comparator figures have been loaded yet.'}
      </p>
    </section>
  );
}
