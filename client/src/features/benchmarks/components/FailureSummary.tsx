import { ErrorSummary } from '../../../components/ErrorSummary';
import { ProblemMessage, problemHeading } from '../../../components/ProblemMessage';
import type { RequestFailure } from '../problems';

/** GOV.UK error summary for a failed request: focused on every new failure (`attempts`). */
export function FailureSummary({
  failure,
  attempts,
  fieldId,
}: {
  failure: RequestFailure | null;
  attempts: number;
  /** The field the failure belongs to, linked from the summary. */
  fieldId?: string;
}) {
  if (!failure) return null;
  if (failure.serviceError) {
    return (
      <ErrorSummary title={problemHeading(failure.serviceError)} items={[]} focusKey={attempts}>
        <ProblemMessage error={failure.serviceError} />
      </ErrorSummary>
    );
  }
  const more = failure.problems.length > 0 ? [{ text: 'Every problem is listed below, with its row and column' }] : [];
  return (
    <ErrorSummary
      items={[fieldId ? { text: failure.text, fieldId } : { text: failure.text }, ...more]}
      focusKey={attempts}
    />
  );
}
