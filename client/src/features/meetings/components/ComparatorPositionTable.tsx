import { COMPARATOR_LINES, type ComparatorLine, type MeetingBriefing } from '@kpi/shared';
import { Link } from 'react-router';
import { LINE_SHORT_LABELS } from '../../../components/kpiLabels';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { indicatorPath } from '../../indicators';
import '../meetings.css';

type Position = MeetingBriefing['comparatorPosition'][number]['lines'][number]['position'];

const POSITION_WORDS: Record<Position, string> = {
  better: 'Better',
  worse: 'Worse',
  similar: 'Similar',
  higher: 'Higher',
  lower: 'Lower',
  not_comparable: 'Not comparable',
};

/** The council's own DfE figure is the row's council column, not a comparator column. */
const LINES = COMPARATOR_LINES.filter((line) => line !== 'council_official');

/** The column heading for a line: the region's own name when the briefing gives it. */
function lineHeading(briefing: MeetingBriefing, line: ComparatorLine): string {
  if (line !== 'region') return LINE_SHORT_LABELS[line];
  const label = briefing.comparatorPosition.flatMap((row) => row.lines).find((l) => l.line === 'region')?.label;
  return label ?? LINE_SHORT_LABELS.region;
}

/** Every comparator of a row is set against the same council figure, so one test decided them all. */
function testNoteOf(row: MeetingBriefing['comparatorPosition'][number]): string | null {
  return row.lines.find((l) => l.testNote !== null)?.testNote ?? null;
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
            Like with like: where DfE publishes {councilName}’s own figure for the comparators’ year, that official
            figure is compared; otherwise the month’s figure is, and the row says so. “Better” or “Worse” allows for
            which way is better for the KPI; “Higher” or “Lower” is used where neither direction is better. Where the
            council’s figure has a numerator and denominator, “Similar” means its 95% confidence interval reaches the
            comparator’s figure (the Fingertips method); otherwise it means within 5% of the comparator’s figure. Each
            row says which test it used.
          </p>
          <ScrollableTable label="Comparator position">
            <table className="table table--briefing">
              <caption className="visually-hidden">How {councilName} compares with its comparators</caption>
              <thead>
                <tr>
                  <th scope="col">KPI</th>
                  <th scope="col">{councilName}</th>
                  {LINES.map((line) => (
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
                    <td>
                      <span className="cell-value">{row.council.displayValue}</span>
                      <span className="cell-note secondary-text">{row.council.label}</span>
                      {testNoteOf(row) && <span className="cell-note secondary-text">{testNoteOf(row)}</span>}
                    </td>
                    {LINES.map((line) => {
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
                              {cell.notes.map((note) => (
                                <span key={note} className="cell-note secondary-text">
                                  {note}
                                </span>
                              ))}
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
