import { formatDate, type MeetingDto, meetingSchema } from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError } from '../../../lib/apiClient';

/**
 * Publishes a held meeting's figures to every viewer and locks its months (commissioners and
 * administrators; the server refuses anyone else and audits it).
 */
export function PublishMeetingButton({ meeting }: { meeting: MeetingDto }) {
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: () => apiFetch(`/api/meetings/${meeting.id}/publish`, meetingSchema, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        aria-busy={publish.isPending}
        onClick={() => publish.mutate()}
      >
        Publish<span className="visually-hidden"> the meeting of {formatDate(meeting.heldOn)}</span>
      </button>
      {publish.isError && (
        <p className="error-message" role="alert">
          {isApiError(publish.error)
            ? (publish.error.detail ?? publish.error.title)
            : 'Sorry, it could not be published.'}
        </p>
      )}
    </>
  );
}
