import { isApiError } from '../lib/apiClient';
import { ProblemMessage, problemHeading } from './ProblemMessage';

type ErrorStateProps = {
  error: unknown;
  /** Offered as a "Try again" button when given. */
  onRetry?: () => void;
  headingLevel?: 'h1' | 'h2';
};

/** Explains a failed request, with the request id to quote to support. */
export function ErrorState({ error, onRetry, headingLevel: Heading = 'h2' }: ErrorStateProps) {
  return (
    <div className="error-panel" role="alert">
      {isApiError(error) ? (
        <>
          <Heading className="error-panel__title">{problemHeading(error)}</Heading>
          <ProblemMessage error={error} />
        </>
      ) : (
        <>
          <Heading className="error-panel__title">Sorry, something went wrong</Heading>
          <p>Try again later.</p>
        </>
      )}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
