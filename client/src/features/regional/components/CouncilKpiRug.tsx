import { formatMonth, type RegionalKpiExceptionsResponse, type RegionalKpiRugResponse } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { StatusTag } from '../../../components/StatusTag';
import { IllustrativeTag } from '../../../components/Tags';
import { JUDGEMENT_MARKS, JudgementMark } from './positionMarks';

type Cell = RegionalKpiRugResponse['rows'][number]['cells'][number];

function RugCell({ cell }: { cell: Cell }) {
  if (!cell.visible || cell.displayValue === null) {
    return <td className="regional-kpi-rug__empty">{cell.notice ?? 'No figure'}</td>;
  }
  return (
    <td>
      <span className="regional-cell__value">
        {cell.displayValue}
        {cell.unpublished && <span className="regional-kpis__pre"> (pre-release)</span>}
      </span>
      {cell.rating && <StatusTag status={cell.rating} />}
      {cell.ratingReason && <span className="visually-hidden"> {cell.ratingReason}</span>}
      {cell.againstGroup && (
        <span className="regional-cell__position">
          <JudgementMark judgement={cell.againstGroup} />
          <span className="visually-hidden">
            {' '}
            ({JUDGEMENT_MARKS[cell.againstGroup].meaning.replace('regional figure', 'group average')})
          </span>
        </span>
      )}
      {cell.illustrative && <IllustrativeTag />}
    </td>
  );
}

/**
 * The councils the person may read × every contract KPI they hold: each figure, its rating against
 * that council's own bands (icon and word) and against the group average (shape and word). A month
 * the council has not published, where this person may not see it, says "Not yet published".
 */
export function CouncilKpiRug({ rug }: { rug: RegionalKpiRugResponse }) {
  return (
    <ScrollableTable label="Councils’ own KPIs by council">
      <table className="table regional-rug regional-kpi-rug">
        <caption className="table__caption">
          {/* within the screen's width, and kept in view while the table scrolls sideways */}
          <span className="regional-kpi-rug__caption">
            {rug.group.name}: each council’s own contract KPIs,{' '}
            {rug.month ? formatMonth(rug.month) : 'each KPI’s latest month with figures'}, rated against that council’s
            bands and compared with the group average
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Council</th>
            {rug.columns.map((column) => (
              <th scope="col" key={column.code} className="regional-rug__measure">
                {column.code}
                <span className="regional-rug__period">{column.title}</span>
                <span className="regional-rug__period secondary-text">
                  {column.month ? formatMonth(column.month, 'short') : 'No month'} · average{' '}
                  {column.groupAverage.displayValue}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rug.rows.map((row) => (
            <tr key={row.areaCode}>
              <th scope="row">{row.name}</th>
              {row.cells.map((cell) => (
                <RugCell key={cell.code} cell={cell} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

/** The councils' figures more than the threshold from their KPI's group average. */
export function CouncilKpiExceptions({ found }: { found: RegionalKpiExceptionsResponse }) {
  if (found.exceptions.length === 0) {
    return <p className="inset">No council’s figure is more than {found.threshold}% from its KPI’s group average.</p>;
  }
  return (
    <>
      <p>
        {found.exceptions.length} {found.exceptions.length === 1 ? 'figure is' : 'figures are'} more than{' '}
        {found.threshold}% from the group average.
      </p>
      <ul className="list regional-exceptions__list">
        {found.exceptions.map((e) => (
          <li key={`${e.areaCode}-${e.code}`}>
            <JudgementMark judgement={e.judgement} /> {e.sentence}
            {e.unpublished && <span className="regional-kpis__pre"> (pre-release)</span>}
            {e.illustrative && (
              <>
                {' '}
                <IllustrativeTag />
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
