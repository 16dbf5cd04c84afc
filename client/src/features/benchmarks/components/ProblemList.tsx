import { ProblemTable } from '../../../components/ProblemTable';
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
    <ProblemTable
      problems={problems}
      label={label}
      caption={label}
      whatHeading="What is wrong"
      where={(problem) => problemWhere(problem.path, measureOf)}
    />
  );
}
