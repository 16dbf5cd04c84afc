import type { ApiError } from '../lib/apiClient';

/** What to tell the user about a failed request, in GOV.UK's words for service problems. */
export function problemHeading(error: ApiError): string {
  if (error.kind === 'network') return 'Sorry, the service cannot be reached';
  if (error.isServiceProblem) return 'Sorry, there is a problem with the service';
  return error.title;
}

export function ProblemMessage({ error }: { error: ApiError }) {
  return (
    <>
      {error.kind === 'network' ? (
        <p>Check your internet connection, then try again.</p>
      ) : error.isServiceProblem ? (
        <p>Try again later.</p>
      ) : (
        error.detail && <p>{error.detail}</p>
      )}
      {error.requestId && (
        <p>
          If you contact support, give them this reference: <span className="reference">{error.requestId}</span>
        </p>
      )}
    </>
  );
}
