import type { ReactNode } from 'react';
import { ScrollableTable } from './ScrollableTable';

/**
 * The problems the server found with a file (a return, a benchmark file or its mapping): where each
 * is and what is wrong. Two columns, so the message stays readable on a phone. `rowId` makes each
 * row a target of the error summary's links.
 */
export function ProblemTable<Problem extends { message: string }>({
  problems,
  label,
  caption,
  captionHidden = false,
  whatHeading,
  where,
  rowId,
}: {
  problems: readonly Problem[];
  /** Names the scrolling region. */
  label: string;
  caption: string;
  /** A caption only screen readers hear (the heading above says it already). */
  captionHidden?: boolean;
  whatHeading: string;
  where: (problem: Problem, index: number) => ReactNode;
  rowId?: (problem: Problem, index: number) => string;
}) {
  return (
    <ScrollableTable label={label}>
      <table className="table table--problems">
        <caption className={captionHidden ? 'visually-hidden' : 'table__caption'}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">{whatHeading}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; their order is the file's (the server's) and never changes.
            <tr key={index}>
              <th scope="row" id={rowId?.(problem, index)} tabIndex={rowId ? -1 : undefined} className="cell-where">
                {where(problem, index)}
              </th>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
