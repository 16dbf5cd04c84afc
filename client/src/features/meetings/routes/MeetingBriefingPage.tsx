import { formatDate, formatMonth, type MeetingBriefing } from '@kpi/shared';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { IllustrativeBanner } from '../../../components/IllustrativeBanner';
import { LoadingState } from '../../../components/LoadingState';
import { StatusCounts } from '../../../components/StatusCounts';
import { StatusTag } from '../../../components/StatusTag';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { DataDownloads, dataExportPaths } from '../../exports';
import { indicatorPath, MonitoredList } from '../../indicators';
import { useMeetingBriefing } from '../api/getMeetingBriefing';
import { BriefingKpiTable } from '../components/BriefingKpiTable';
import { ComparatorPositionTable } from '../components/ComparatorPositionTable';
import { meetingPath } from '../paths';
import '../meetings.css';

const STATUS_ORDER = ['red', 'amber', 'green', 'no_data'] as const;

/** The KPIs in each rating by name, worst first, so the counts above are never the only words. */
function KpisByStatus({ briefing }: { briefing: MeetingBriefing }) {
  return (
    <dl className="status-names">
      {STATUS_ORDER.filter((status) => briefing.byStatus[status]?.length).map((status) => (
        <div key={status} className="status-names__row">
          <dt>
            <StatusTag status={status} />
          </dt>
          <dd>
            {briefing.byStatus[status]!.map((kpi, i) => (
              <span key={kpi.code}>
                {i > 0 && '; '}
                <Link to={indicatorPath(kpi.code, { to: briefing.month })}>
                  <span className="kpi-card__code">{kpi.code}</span> {kpi.title}
                </Link>
              </span>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Briefing({ briefing, councilName }: { briefing: MeetingBriefing; councilName: string }) {
  const { meeting, previousMeeting } = briefing;
  // With nothing rated, zero counts and "no KPI turned red" would read as reassurance: the headline says why instead.
  const rated = briefing.counts.green + briefing.counts.amber + briefing.counts.red;
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
      title: 'Largest movements, worsening first',
      empty: 'No KPI moved enough to list.',
      kpis: briefing.largestMovements,
    },
  ];
  return (
    <>
      <p className="lead briefing__headline">{briefing.headline}</p>
      <p>
        {meeting.board}. Figures for <strong>{formatMonth(briefing.month)}</strong> compared with {comparedWith}.
        {briefing.kpiSet && <> KPI set: {briefing.kpiSet.name}.</>}
      </p>
      {briefing.kpiSet?.illustrativeNote && (
        <div className="set-note" role="note">
          <p>
            <strong>Illustrative configuration. </strong>
            {briefing.kpiSet.illustrativeNote.replace(/^Illustrative configuration\.\s*/, '')}
          </p>
        </div>
      )}
      {briefing.gapNote && (
        <div className="warning-text">
          <span className="warning-text__icon" aria-hidden="true">
            !
          </span>
          <p className="warning-text__text">{briefing.gapNote}</p>
        </div>
      )}
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
        paths={dataExportPaths.briefing(meeting.id)}
      />
      {rated > 0 && (
        <>
          <StatusCounts
            title={`KPIs in ${formatMonth(briefing.month)}`}
            counts={briefing.counts}
            persistentFailures={briefing.persistentFailure.length}
          />
          <KpisByStatus briefing={briefing} />
          {lists.map((list) => (
            <BriefingKpiTable key={list.id} {...list} briefing={briefing} />
          ))}
          <ComparatorPositionTable briefing={briefing} councilName={councilName} />
        </>
      )}
      <section className="section briefing-section" aria-labelledby="briefing-monitored-heading">
        <h2 id="briefing-monitored-heading" className="heading-m">
          Monitored indicators
        </h2>
        {briefing.monitored.length === 0 ? (
          <p>No monitored indicator has a figure in the 12 months to {formatMonth(briefing.month)}.</p>
        ) : (
          <>
            <p>
              Measures watched without contract bands: the latest figure up to {formatMonth(briefing.month)}, its
              direction of travel and where it stands against the statistical neighbours, the region and England.
            </p>
            <MonitoredList items={briefing.monitored} idPrefix="briefing-monitored" />
          </>
        )}
      </section>
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
  // A meeting not yet published, opened by someone who may not read it before then: an answer to
  // give plainly, not a failure to quote to support or to retry.
  const notPublished = isApiError(briefing.error) && briefing.error.status === 403;
  const heading = notFound
    ? 'Meeting not found'
    : notPublished
      ? 'This briefing is not published yet'
      : briefing.data
        ? `Briefing for the meeting on ${formatDate(briefing.data.meeting.heldOn)}`
        : 'Meeting briefing';
  useDocumentTitle(heading, { hasErrors: briefing.isError && !notFound && !notPublished });

  let body: ReactNode;
  if (notFound) {
    body = (
      <p>
        There is no meeting at this address. <Link to="/meetings">Choose a meeting</Link>.
      </p>
    );
  } else if (notPublished) {
    body = (
      <>
        <p>{isApiError(briefing.error) ? briefing.error.detail : null}</p>
        <p>
          Its figures can be read here once the meeting is published. <Link to="/meetings">Choose another meeting</Link>
          .
        </p>
      </>
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
