import { ScrollableTable } from '../../../components/ScrollableTable';
import type { FieldError } from '../../../lib/apiClient';
import { problemWhere } from '../problems';

/** The server's problems with a file or mapping: where each is (row and column) and what is wrong. */
export function ProblemList({
  problems,
  label,
  measureOf,
}: {
  problems: readonly FieldError[];
  label: string;
  measureOf?: (index: number) => string | undefined;
}) {
  if (problems.length === 0) return null;
  return (
    <ScrollableTable label={label}>
      <table className="table table--problems">
        <caption className="table__caption">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">What is wrong</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; their order is the server's.
            <tr key={index}>
              <th scope="row" className="cell-where">
                {problemWhere(problem.path, measureOf)}
              </th>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
