import {
  COMPARATOR_LINES,
  type ComparatorLine,
  formatMonth,
  formatValue,
  LOW_RELIABILITY_THRESHOLD,
  type SeriesResponse,
  symbolMeaning,
} from '@kpi/shared';
import type { ChartModel } from '../../../components/charts/chartModel';
import { thresholdFor } from '../../../components/charts/thresholds';
import { comparisonWords } from '../../../components/comparisonWords';
import { PROVENANCE_WORDS } from '../../../components/kpiLabels';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { StatusTag } from '../../../components/StatusTag';
import { ratingLabel } from '../../../components/streakWords';
import { IllustrativeTag, RevisedTag } from '../../../components/Tags';
import '../indicators.css';

/** The chart's figures as a table: every month, its rating, target, source and comparators. */
export function SeriesTable({
  series,
  model,
  shownLines,
  councilName,
  caption,
}: {
  series: SeriesResponse;
  model: ChartModel;
  shownLines: readonly ComparatorLine[];
  councilName: string;
  caption: string;
}) {
  const lines = COMPARATOR_LINES.filter((line) => shownLines.includes(line));
  const labels = new Map(series.comparators.map((line) => [line.line, line.label]));
  // The interval column appears where the API gives any month an interval (a numerator and denominator).
  const hasIntervals = series.points.some((p) => p.interval);
  const { unit, precision } = series.indicator;
  return (
    <ScrollableTable label={`${caption} (table)`}>
      <table className="table table--series">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="numeric">
              {councilName}
            </th>
            {hasIntervals && (
              <th scope="col" className="numeric">
                95% confidence interval
              </th>
            )}
            <th scope="col">Rating</th>
            <th scope="col">Target</th>
            <th scope="col">Source</th>
            {lines.map((line) => (
              <th scope="col" className="numeric" key={line}>
                {labels.get(line) ?? line}
              </th>
            ))}
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row) => {
            const { point } = row;
            const threshold = thresholdFor(series.indicator.thresholds, row.month);
            const notes = [
              point.symbol ? symbolMeaning(point.symbol) : null,
              point.carriesConsequence ? null : point.consequenceReason,
              point.aggregationNote,
              point.sourceNote,
            ].filter((note): note is string => Boolean(note));
            return (
              <tr key={row.month}>
                <th scope="row">{formatMonth(row.month)}</th>
                <td className="numeric">
                  {point.displayValue}
                  {point.interval?.lowReliability && (
                    <>
                      {' '}
                      <abbr
                        className="low-reliability"
                        title={`Low reliability: based on fewer than ${LOW_RELIABILITY_THRESHOLD} cases`}
                      >
                        [u]
                      </abbr>
                    </>
                  )}
                  {point.revised && (
                    <>
                      {' '}
                      <RevisedTag />
                    </>
                  )}
                </td>
                {hasIntervals && (
                  <td className="numeric">
                    {point.interval ? (
                      `${formatValue(point.interval.level95.lower, unit, precision)}–${formatValue(point.interval.level95.upper, unit, precision)}`
                    ) : (
                      <>
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">No interval</span>
                      </>
                    )}
                  </td>
                )}
                <td>
                  <StatusTag status={point.status} label={ratingLabel(point)} />
                </td>
                <td>{threshold ? threshold.words.target : 'None in force'}</td>
                <td>
                  {point.provenance === 'illustrative' ? (
                    <IllustrativeTag />
                  ) : point.provenance ? (
                    PROVENANCE_WORDS[point.provenance]
                  ) : (
                    <span className="secondary-text">None</span>
                  )}
                </td>
                {lines.map((line) => {
                  const comparator = row.comparators[line];
                  return (
                    <td className="numeric" key={line}>
                      {comparator ? (
                        <>
                          {comparator.displayValue} <span className="secondary-text">({comparator.timePeriod})</span>
                          {comparator.comparison && (
                            <span className="comparator-list__note">{comparisonWords(comparator.comparison)}</span>
                          )}
                          {comparator.notes.map((note) => (
                            <span className="comparator-list__note secondary-text" key={note}>
                              {note}
                            </span>
                          ))}
                        </>
                      ) : (
                        <>
                          <span aria-hidden="true">–</span>
                          <span className="visually-hidden">No figure</span>
                        </>
                      )}
                    </td>
                  );
                })}
                <td className="table__notes">
                  {notes.length === 0
                    ? null
                    : notes.map((note) => (
                        <p key={note} className="table__note">
                          {note}
                        </p>
                      ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
