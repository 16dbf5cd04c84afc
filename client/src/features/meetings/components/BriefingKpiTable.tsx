import type { BriefingKpi, MeetingBriefing } from '@kpi/shared';
import { formatMonth } from '@kpi/shared';
import { Link } from 'react-router';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { StatusTag } from '../../../components/StatusTag';
import { IllustrativeTag, PersistentFailureTag } from '../../../components/Tags';
import { indicatorPath } from '../../indicators';
import '../meetings.css';

type BriefingKpiTableProps = {
  id: string;
  title: string;
  /** Said instead of the table when no KPI is in the list. */
  empty: string;
  kpis: readonly BriefingKpi[];
  briefing: MeetingBriefing;
};

/**
 * One list of the briefing (turned red, recovered…): each KPI now and then, its movement (in its own
 * unit: '−14.7 percentage points') and direction, and its streak.
 */
export function BriefingKpiTable({ id, title, empty, kpis, briefing }: BriefingKpiTableProps) {
  const now = formatMonth(briefing.month);
  const before = formatMonth(briefing.comparedWithMonth);
  return (
    <section className="section briefing-section" aria-labelledby={id}>
      <h2 id={id} className="heading-m">
        {title} <span className="secondary-text">({kpis.length})</span>
      </h2>
      {kpis.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ScrollableTable label={title}>
          <table className="table table--briefing">
            <caption className="visually-hidden">
              {title}: {now} compared with {before}
            </caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col">{now}</th>
                <th scope="col">{before}</th>
                <th scope="col">Change</th>
                <th scope="col">Signal or noise</th>
                <th scope="col">How long</th>
                <th scope="col">Trust commentary</th>
              </tr>
            </thead>
            <tbody>
              {kpis.map((kpi) => (
                <tr key={kpi.code}>
                  <th scope="row">
                    <Link to={indicatorPath(kpi.code, { to: briefing.month })}>
                      <span className="kpi-card__code">{kpi.code}</span> {kpi.title}
                    </Link>
                    {(kpi.persistentFailure || kpi.illustrative) && (
                      <span className="cell-tags">
                        {kpi.persistentFailure && <PersistentFailureTag />}
                        {kpi.illustrative && <IllustrativeTag />}
                      </span>
                    )}
                  </th>
                  <td>
                    <span className="cell-value">{kpi.displayValue}</span>
                    <StatusTag status={kpi.status} />
                  </td>
                  <td>
                    <span className="cell-value">{kpi.previousDisplayValue}</span>
                    <StatusTag status={kpi.previousStatus} />
                  </td>
                  <td>
                    {kpi.differenceDisplay && <span className="cell-value">{kpi.differenceDisplay}</span>}
                    {/* 'No change' is said once, not twice. */}
                    {kpi.directionLabel !== kpi.differenceDisplay && kpi.directionLabel}
                    {kpi.failureDistance && <span className="cell-note secondary-text">Now {kpi.failureDistance}</span>}
                  </td>
                  <td>{kpi.signal.words}</td>
                  <td>{kpi.streakReason}</td>
                  <td>{kpi.commentary ?? <span className="secondary-text">None</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </section>
  );
}
