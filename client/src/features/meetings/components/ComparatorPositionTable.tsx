import { COMPARATOR_LINES, type ComparatorLine, type MeetingBriefing } from '@kpi/shared';
import { Link } from 'react-router';
import { LINE_SHORT_LABELS } from '../../../components/kpiLabels';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { indicatorPath } from '../../indicators/paths';

type Position = MeetingBriefing['comparatorPosition'][number]['lines'][number]['position'];

const POSITION_WORDS: Record<Position, string> = {
  better: 'Better',
  worse: 'Worse',
  same: 'Same',
  not_comparable: 'Not comparable',
};

/** The column heading for a line: the region's own name when the briefing gives it. */
function lineHeading(briefing: MeetingBriefing, line: ComparatorLine): string {
  if (line !== 'region') return LINE_SHORT_LABELS[line];
  const label = briefing.comparatorPosition.flatMap((row) => row.lines).find((l) => l.line === 'region')?.label;
  return label ?? LINE_SHORT_LABELS.region;
}

/** Where each KPI stands against its statistical neighbours, the region and England. */
export function ComparatorPositionTable({ briefing, councilName }: { briefing: MeetingBriefing; councilName: string }) {
  const rows = briefing.comparatorPosition;
  return (
    <section className="section briefing-section" aria-labelledby="comparator-position-heading">
      <h2 id="comparator-position-heading" className="heading-m">
        How {councilName} compares
      </h2>
      {rows.length === 0 ? (
        <p>None of the KPIs has published comparator figures.</p>
      ) : (
        <>
          <p>
            Each comparator is the latest published figure up to the end of the period; “Better” or “Worse” says how
            {` ${councilName}`}’s figure compares, allowing for which way is better for the KPI.
          </p>
          <ScrollableTable label="Comparator position">
            <table className="table table--briefing">
              <caption className="visually-hidden">How {councilName} compares with its comparators</caption>
              <thead>
                <tr>
                  <th scope="col">KPI</th>
                  <th scope="col">{councilName}</th>
                  {COMPARATOR_LINES.map((line) => (
                    <th scope="col" key={line}>
                      {lineHeading(briefing, line)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      <Link to={indicatorPath(row.code, { to: briefing.month })}>
                        <span className="kpi-card__code">{row.code}</span> {row.title}
                      </Link>
                    </th>
                    <td>{row.displayValue}</td>
                    {COMPARATOR_LINES.map((line) => {
                      const cell = row.lines.find((l) => l.line === line);
                      return (
                        <td key={line}>
                          {cell ? (
                            <>
                              <span className="cell-value">
                                {cell.displayValue} <span className="secondary-text">({cell.timePeriod})</span>
                              </span>
                              <strong className={`position position--${cell.position}`}>
                                {POSITION_WORDS[cell.position]}
                              </strong>
                            </>
                          ) : (
                            <span className="secondary-text">No figure</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        </>
      )}
    </section>
  );
}
