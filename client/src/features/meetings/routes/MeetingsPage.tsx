import { formatDate, formatMonth, type MeetingDto } from '@kpi/shared';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { NavigationNotice } from '../../../components/NavigationNotice';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { useMeetings } from '../api/getMeetings';
import { PublishMeetingButton } from '../components/PublishMeetingButton';
import { monthsCovered } from '../meetingWords';
import { meetingPath } from '../paths';

/**
 * "Locked: published 3 March 2025": the date is when the meeting was published (which locked its
 * months), said in words, not left in brackets for the reader to guess what it is.
 */
export function meetingStatusWords(meeting: Pick<MeetingDto, 'locked' | 'publishedAt'>): string {
  const publishedOn = meeting.publishedAt ? formatDate(meeting.publishedAt.slice(0, 10)) : null;
  if (meeting.locked) return publishedOn ? `Locked: published ${publishedOn}` : 'Locked';
  return publishedOn ? `Published ${publishedOn}` : 'Draft';
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
                {meetingStatusWords(meeting)}
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
      <NavigationNotice />
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
