import type { OverviewResponse } from '@kpi/shared';
import { formatPlainNumber as formatCount, formatDate } from '@kpi/shared';

type KpiSet = OverviewResponse['kpiSets'][number];

function period(set: KpiSet): string {
  return set.effectiveTo
    ? `${formatDate(set.effectiveFrom)} to ${formatDate(set.effectiveTo)}`
    : `From ${formatDate(set.effectiveFrom)}`;
}

export function KpiSets({ kpiSets }: { kpiSets: OverviewResponse['kpiSets'] }) {
  return (
    <section className="section" aria-labelledby="kpi-sets-heading">
      <h2 id="kpi-sets-heading">KPI sets in force</h2>
      {kpiSets.length === 0 ? (
        <p>No KPI sets have been set up yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">
            KPI sets, the period each applies to and how many indicators each has
          </caption>
          <thead>
            <tr>
              <th scope="col">KPI set</th>
              <th scope="col">Applies</th>
              <th scope="col" className="numeric">
                Indicators
              </th>
            </tr>
          </thead>
          <tbody>
            {kpiSets.map((set) => (
              <tr key={set.code}>
                <th scope="row">
                  {set.name}
                  <span className="secondary-text"> ({set.code})</span>
                </th>
                <td>{period(set)}</td>
                <td className="numeric">{formatCount(set.indicatorCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
