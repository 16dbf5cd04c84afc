import { formatDate, type MeetingDto, meetingSchema } from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { apiFetch, isApiError } from '../../../lib/apiClient';
import { meetingPath } from '../paths';

/**
 * Publishes a held meeting's figures to every viewer and locks its months (commissioners and
 * administrators; the server refuses anyone else and audits it). When a flagged KPI has no agreed
 * commentary the server asks for a confirmation first (409 `commentary_missing`): the person is
 * told so, pointed to the exception report, and may publish anyway, which the server records.
 */
export function PublishMeetingButton({ meeting }: { meeting: MeetingDto }) {
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: (confirmMissingCommentary: boolean) =>
      apiFetch(`/api/meetings/${meeting.id}/publish`, meetingSchema, {
        method: 'POST',
        body: { confirmMissingCommentary },
      }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const needsConfirmation = isApiError(publish.error) && publish.error.code === 'commentary_missing';
  const when = formatDate(meeting.heldOn);
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        aria-busy={publish.isPending}
        onClick={() => publish.mutate(false)}
      >
        Publish<span className="visually-hidden"> the meeting of {when}</span>
      </button>
      {publish.isError && (
        <div role="alert">
          <p className="error-message">
            {isApiError(publish.error)
              ? (publish.error.detail ?? publish.error.title)
              : 'Sorry, it could not be published.'}
          </p>
          {needsConfirmation && (
            <p>
              <Link to={`${meetingPath(meeting.id)}/exceptions`}>See the exception report</Link>{' '}
              <button
                type="button"
                className="button button--warning"
                aria-busy={publish.isPending}
                onClick={() => publish.mutate(true)}
              >
                Publish anyway<span className="visually-hidden"> the meeting of {when}</span> (this is recorded)
              </button>
            </p>
          )}
        </div>
      )}
    </>
  );
}
