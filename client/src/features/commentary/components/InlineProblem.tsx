import { ProblemMessage, problemHeading } from '../../../components/ProblemMessage';
import { isApiError } from '../../../lib/apiClient';

/** A failed save or load inside a section: what went wrong, without a page-level heading. */
export function InlineProblem({ error }: { error: Error }) {
  return (
    <div className="inline-problem" role="alert">
      <p>
        <strong>{isApiError(error) ? problemHeading(error) : 'Something went wrong'}</strong>
      </p>
      {isApiError(error) ? <ProblemMessage error={error} /> : <p>Try again.</p>}
    </div>
  );
}
