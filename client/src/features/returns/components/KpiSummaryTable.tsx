import { formatMonth } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';
import type { KpiFigures } from '../figuresByKpi';
import '../returns.css';

const count = (n: number) => n.toLocaleString('en-GB');

/**
 * Each KPI in a large file: how many of its figures are new, changed and unchanged, and the first
 * and last month given. What a person checks a backfill by: every KPI there, each with the months
 * expected, before looking at any one figure.
 */
export function KpiSummaryTable({ kpis, caption }: { kpis: readonly KpiFigures[]; caption: string }) {
  const total = (kind: 'new' | 'changed' | 'unchanged' | 'figures') => kpis.reduce((sum, kpi) => sum + kpi[kind], 0);
  // YYYY-MM strings sort in time order
  const first = kpis.map((kpi) => kpi.firstMonth).sort()[0];
  const last = kpis
    .map((kpi) => kpi.lastMonth)
    .sort()
    .at(-1);
  return (
    <ScrollableTable label={caption}>
      <table className="table table--compact table--kpi-summary">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col">Title</th>
            <th scope="col" className="numeric">
              New
            </th>
            <th scope="col" className="numeric">
              Changed
            </th>
            <th scope="col" className="numeric">
              Unchanged
            </th>
            <th scope="col">First month</th>
            <th scope="col">Last month</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((kpi) => (
            <tr key={kpi.code}>
              <th scope="row">{kpi.code}</th>
              <td>{kpi.title}</td>
              <td className="numeric">{count(kpi.new)}</td>
              <td className="numeric">{count(kpi.changed)}</td>
              <td className="numeric">{count(kpi.unchanged)}</td>
              <td className="cell-month">{formatMonth(kpi.firstMonth)}</td>
              <td className="cell-month">{formatMonth(kpi.lastMonth)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              All {count(kpis.length)} KPIs ({count(total('figures'))} figures)
            </th>
            <td className="numeric">{count(total('new'))}</td>
            <td className="numeric">{count(total('changed'))}</td>
            <td className="numeric">{count(total('unchanged'))}</td>
            <td className="cell-month">{first && formatMonth(first)}</td>
            <td className="cell-month">{last && formatMonth(last)}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollableTable>
  );
}
