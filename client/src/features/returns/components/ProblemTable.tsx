import { formatMonth, type ReturnProblem } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { problemLocation } from '../words';
import { CellNote } from './CellNote';

/** The id of a problem's row, so the error summary can link to it. */
export function problemRowId(severity: ReturnProblem['severity'], index: number): string {
  return `${severity}-${index + 1}`;
}

function about(problem: ReturnProblem): string | null {
  const parts = [problem.kpiCode, problem.month && formatMonth(problem.month)].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * Every problem of one severity: where it is (and which KPI and month) and what to do. Two
 * columns, so the message stays readable on a phone. Each row is a target of the error summary.
 */
export function ProblemTable({ problems, label }: { problems: readonly ReturnProblem[]; label: string }) {
  return (
    <ScrollableTable label={label}>
      <table className="table table--problems">
        <caption className="visually-hidden">{label}, in the order they appear in the file</caption>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">What to do</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => {
            const what = about(problem);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; their order is the file's and never changes.
              <tr key={index}>
                <th scope="row" id={problemRowId(problem.severity, index)} tabIndex={-1} className="cell-where">
                  {problemLocation(problem)}
                  {what && <CellNote>{what}</CellNote>}
                </th>
                <td>{problem.message}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
