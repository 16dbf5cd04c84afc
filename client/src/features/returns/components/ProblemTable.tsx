import { formatMonth, type ReturnProblem } from '@kpi/shared';
import { ProblemTable as SharedProblemTable } from '../../../components/ProblemTable';
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
 * Every problem of one severity: where it is (and which KPI and month) and what to do. Each row
 * is a target of the error summary.
 */
export function ProblemTable({ problems, label }: { problems: readonly ReturnProblem[]; label: string }) {
  return (
    <SharedProblemTable
      problems={problems}
      label={label}
      caption={`${label}, in the order they appear in the file`}
      captionHidden
      whatHeading="What to do"
      rowId={(problem, index) => problemRowId(problem.severity, index)}
      where={(problem) => {
        const what = about(problem);
        return (
          <>
            {problemLocation(problem)}
            {what && <CellNote>{what}</CellNote>}
          </>
        );
      }}
    />
  );
}
