import { formatDate, formatMonth, type MeetingDto } from '@kpi/shared';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { useMeetings } from '../api/getMeetings';
import { PublishMeetingButton } from '../components/PublishMeetingButton';
import { meetingPath } from '../paths';

function monthsCovered(meeting: MeetingDto): string {
  return meeting.monthsFrom === meeting.monthsTo
    ? formatMonth(meeting.monthsFrom)
    : `${formatMonth(meeting.monthsFrom)} to ${formatMonth(meeting.monthsTo)}`;
}

function MeetingTable({ meetings, canPublish }: { meetings: readonly MeetingDto[]; canPublish: boolean }) {
  const newestFirst = [...meetings].sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  return (
    <ScrollableTable label="Board meetings">
      <table className="table table--stack-narrow">
        <caption className="visually-hidden">Board meetings, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Meeting</th>
            <th scope="col">Board</th>
            <th scope="col">Figures reported</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((meeting) => (
            <tr key={meeting.id}>
              <th scope="row">
                <Link to={meetingPath(meeting.id)}>Briefing for {formatDate(meeting.heldOn)}</Link>
              </th>
              <td data-label="Board">{meeting.board}</td>
              <td data-label="Figures reported">{monthsCovered(meeting)}</td>
              <td data-label="Status">
                {meeting.locked ? 'Locked' : meeting.publishedAt ? 'Published' : 'Draft'}
                {meeting.publishedAt && (
                  <span className="secondary-text"> ({formatDate(meeting.publishedAt.slice(0, 10))})</span>
                )}
                {canPublish && !meeting.publishedAt && (
                  <>
                    {' '}
                    <PublishMeetingButton meeting={meeting} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

export function MeetingsPage() {
  const meetings = useMeetings();
  const { user } = useCurrentUser();
  const canPublish = user.role === 'commissioner' || user.role === 'admin';
  const notSetUp = isApiError(meetings.error) && meetings.error.status === 404;
  useDocumentTitle('Board meetings', { hasErrors: meetings.isError && !notSetUp });
  return (
    <>
      <h1>Board meetings</h1>
      <p className="lead">
        Choose a meeting to see what changed since the meeting before: KPIs that turned red or recovered, persistent
        failures, the largest movements and how the council compares.
      </p>
      {meetings.isPending ? (
        <LoadingState>Loading the meetings…</LoadingState>
      ) : meetings.isError ? (
        notSetUp ? (
          <EmptyState title="No meetings yet">
            <p>{isApiError(meetings.error) ? meetings.error.detail : null}</p>
          </EmptyState>
        ) : (
          <ErrorState error={meetings.error} onRetry={() => void meetings.refetch()} />
        )
      ) : meetings.data.meetings.length === 0 ? (
        <EmptyState title="No meetings yet">
          <p>No board meetings have been recorded yet.</p>
        </EmptyState>
      ) : (
        <MeetingTable meetings={meetings.data.meetings} canPublish={canPublish} />
      )}
    </>
  );
}
