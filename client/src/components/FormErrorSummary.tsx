import type { FormErrors } from '../lib/formErrors';
import { ErrorSummary } from './ErrorSummary';
import { ProblemMessage, problemHeading } from './ProblemMessage';

/** The GOV.UK error summary for a form, or the service problem when the form was not the issue. */
export function FormErrorSummary<F extends string>({
  errors,
  focusKey,
}: {
  errors: FormErrors<F> | null;
  focusKey: number;
}) {
  if (!errors) return null;
  if (errors.serviceError) {
    return (
      <ErrorSummary title={problemHeading(errors.serviceError)} items={[]} focusKey={focusKey}>
        <ProblemMessage error={errors.serviceError} />
      </ErrorSummary>
    );
  }
  return errors.summary.length > 0 ? <ErrorSummary items={errors.summary} focusKey={focusKey} /> : null;
}
