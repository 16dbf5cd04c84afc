import { formatDate, formatMonth, type MeetingBriefing } from '@kpi/shared';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { IllustrativeBanner } from '../../../components/IllustrativeBanner';
import { LoadingState } from '../../../components/LoadingState';
import { StatusCounts } from '../../../components/StatusCounts';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth/currentUser';
import { dataExportPaths } from '../../exports/api/exportsApi';
import { DataDownloads } from '../../exports/components/DataDownloads';
import { useMeetingBriefing } from '../api/getMeetingBriefing';
import { BriefingKpiTable } from '../components/BriefingKpiTable';
import { ComparatorPositionTable } from '../components/ComparatorPositionTable';
import { meetingPath } from '../paths';

function Briefing({ briefing, councilName }: { briefing: MeetingBriefing; councilName: string }) {
  const { meeting, previousMeeting } = briefing;
  const comparedWith = previousMeeting
    ? `${formatMonth(briefing.comparedWithMonth)}, the latest month reported to the previous meeting on ${formatDate(previousMeeting.heldOn)}`
    : `${formatMonth(briefing.comparedWithMonth)}, the month before this meeting's period`;
  const lists = [
    {
      id: 'turned-red',
      title: 'Turned red',
      empty: 'No KPI turned red since the last meeting.',
      kpis: briefing.turnedRed,
    },
    { id: 'recovered', title: 'Recovered from red', empty: 'No KPI recovered from red.', kpis: briefing.recovered },
    {
      id: 'persistent',
      title: 'Persistent failure',
      empty: 'No KPI is a persistent failure.',
      kpis: briefing.persistentFailure,
    },
    {
      id: 'movements',
      title: 'Largest movements',
      empty: 'No KPI moved enough to list.',
      kpis: briefing.largestMovements,
    },
  ];
  return (
    <>
      <p className="lead">
        {meeting.board}. Figures for <strong>{formatMonth(briefing.month)}</strong> compared with {comparedWith}.
      </p>
      {briefing.illustrativeDataShown && <IllustrativeBanner />}
      <p className="no-print">
        <Link to={`${meetingPath(meeting.id)}/exceptions`}>
          Exception report: red, persistent and out-of-line KPIs with their commentary and actions
        </Link>
      </p>
      <p className="no-print">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          Print this briefing
        </button>
      </p>
      <DataDownloads
        what={`the briefing for the meeting on ${formatDate(meeting.heldOn)}`}
        paths={{
          csv: dataExportPaths.briefing(meeting.id, 'csv'),
          xlsx: dataExportPaths.briefing(meeting.id, 'xlsx'),
        }}
      />
      <StatusCounts
        title={`KPIs in ${formatMonth(briefing.month)}`}
        counts={briefing.counts}
        persistentFailures={briefing.persistentFailure.length}
      />
      {lists.map((list) => (
        <BriefingKpiTable key={list.id} {...list} briefing={briefing} />
      ))}
      <ComparatorPositionTable briefing={briefing} councilName={councilName} />
    </>
  );
}

export function MeetingBriefingPage() {
  const { id = '' } = useParams();
  const { organisation } = useCurrentUser();
  const meetingId = /^\d+$/.test(id) ? Number(id) : Number.NaN;
  const valid = Number.isSafeInteger(meetingId) && meetingId > 0;
  const briefing = useMeetingBriefingIfValid(valid ? meetingId : null);
  const notFound = !valid || (isApiError(briefing.error) && briefing.error.status === 404);
  const heading = notFound
    ? 'Meeting not found'
    : briefing.data
      ? `Briefing for the meeting on ${formatDate(briefing.data.meeting.heldOn)}`
      : 'Meeting briefing';
  useDocumentTitle(heading, { hasErrors: briefing.isError && !notFound });

  let body: ReactNode;
  if (notFound) {
    body = (
      <p>
        There is no meeting at this address. <Link to="/meetings">Choose a meeting</Link>.
      </p>
    );
  } else if (briefing.isPending) body = <LoadingState>Loading the briefing…</LoadingState>;
  else if (briefing.isError) body = <ErrorState error={briefing.error} onRetry={() => void briefing.refetch()} />;
  else body = <Briefing briefing={briefing.data} councilName={organisation?.name ?? 'The council'} />;

  return (
    <>
      <p className="no-print">
        <Link to="/meetings" className="back-link">
          All meetings
        </Link>
      </p>
      {organisation && <p className="caption">{organisation.name}</p>}
      <h1>{heading}</h1>
      {body}
    </>
  );
}

/** The briefing query, switched off for an address that cannot be a meeting. */
function useMeetingBriefingIfValid(id: number | null) {
  return useMeetingBriefing(id ?? 0, { enabled: id !== null });
}
