import {
  EXCEPTION_REASON_LABELS,
  type ExceptionItem,
  type ExceptionReport,
  formatDate,
  formatMonth,
  type MeetingDto,
  meetingSchema,
} from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Checkbox } from '../../../components/Checkbox';
import { ErrorState } from '../../../components/ErrorState';
import { IllustrativeBanner } from '../../../components/IllustrativeBanner';
import { LoadingState } from '../../../components/LoadingState';
import { StatusTag } from '../../../components/StatusTag';
import { apiFetch, isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { meetingPath } from '../../meetings';
import { useExceptionReport } from '../api/commentaryApi';
import { ActionStatusText } from '../components/ActionsPanel';
import { CommentaryText } from '../components/CommentaryText';
import { InlineProblem } from '../components/InlineProblem';
import '../commentary.css';

function ExceptionEntry({ item }: { item: ExceptionItem }) {
  const headingId = `exception-${item.code}`;
  return (
    <article className="exception-item" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to={`/indicators/${encodeURIComponent(item.code)}`}>
          {item.code}: {item.title}
        </Link>
      </h2>
      <p>
        <StatusTag status={item.status} /> <strong>{item.displayValue}</strong> in {formatMonth(item.month)}
        {/* The server marks this month's figure by its own provenance, not the KPI's whole series. */}
        {item.illustrative && <> (illustrative)</>}
      </p>
      <h3>Why it is here</h3>
      <ul className="list">
        {item.reasons.map((r) => (
          <li key={r.reason}>
            <strong>{EXCEPTION_REASON_LABELS[r.reason]}:</strong> {r.words}
          </li>
        ))}
      </ul>
      <h3>Agreed commentary</h3>
      {item.commentary ? (
        <div className="commentary-agreed">
          <CommentaryText text={item.commentary.body} />
          <p className="secondary-text">
            {item.commentary.by ? `Agreed; recorded by ${item.commentary.by}` : 'Agreed'}
          </p>
        </div>
      ) : (
        <p>
          <strong className="tag tag--missing">Commentary missing</strong> There is no agreed commentary for{' '}
          {formatMonth(item.month)}.
        </p>
      )}
      <h3>Open actions</h3>
      {item.openActions.length === 0 ? (
        <p>No open actions.</p>
      ) : (
        <ul className="list">
          {item.openActions.map((action) => (
            <li key={action.id} className="wrap-anywhere">
              {action.description} — owner {action.owner}, due {formatDate(action.dueOn)},{' '}
              <ActionStatusText action={action} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** Publishing the meeting: with commentary missing, the server asks for a confirmation first. */
function PublishMeeting({ report }: { report: ExceptionReport }) {
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const publish = useMutation({
    mutationFn: (confirmMissingCommentary: boolean): Promise<MeetingDto> =>
      apiFetch(`/api/meetings/${report.meetingId}/publish`, meetingSchema, {
        method: 'POST',
        body: { confirmMissingCommentary },
      }),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  if (report.published) return null;
  const needsConfirmation = report.missingCommentary > 0;
  return (
    <section className="section no-print" aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publish this meeting's figures</h2>
      <p>Publishing makes the figures, commentary and actions for these months visible to every viewer.</p>
      {needsConfirmation && (
        <Checkbox
          className="form-group"
          id="confirm-missing"
          checked={confirm}
          onChange={setConfirm}
          label={`Publish although ${report.missingCommentary} ${report.missingCommentary === 1 ? 'KPI has' : 'KPIs have'} no agreed commentary (this is recorded)`}
        />
      )}
      <button
        type="button"
        className="button"
        disabled={publish.isPending || (needsConfirmation && !confirm)}
        onClick={() => publish.mutate(confirm)}
      >
        Publish
      </button>
      <div aria-live="polite">
        {publish.isSuccess && <p className="notice">Published.</p>}
        {publish.isError && <InlineProblem error={publish.error} />}
      </div>
    </section>
  );
}

export function ExceptionReportPage() {
  const { id = '' } = useParams();
  const { user } = useCurrentUser();
  const meetingId = /^\d+$/.test(id) ? Number(id) : 0;
  const query = useExceptionReport(meetingId);
  const heading = query.data
    ? `Exception report for the meeting on ${formatDate(query.data.heldOn)}`
    : 'Exception report';
  useDocumentTitle(heading, { hasErrors: query.isError });

  let body: ReactNode;
  if (query.isPending) body = <LoadingState>Loading the exception report…</LoadingState>;
  else if (query.isError)
    body =
      isApiError(query.error) && query.error.status === 404 ? (
        <p>
          There is no meeting at this address. <Link to="/meetings">Choose a meeting</Link>.
        </p>
      ) : (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      );
  else {
    const report = query.data;
    body = (
      <>
        <p className="lead">
          {report.board}. Every KPI in {formatMonth(report.month)} that is{' '}
          {report.criteria.map((c) => EXCEPTION_REASON_LABELS[c].toLowerCase()).join(', or ')}.
        </p>
        {report.items.some((i) => i.illustrative) && <IllustrativeBanner />}
        <p>
          {report.items.length} {report.items.length === 1 ? 'KPI' : 'KPIs'};{' '}
          <strong>{report.missingCommentary}</strong> without agreed commentary.
        </p>
        {(user.role === 'commissioner' || user.role === 'admin') && <PublishMeeting report={report} />}
        {report.items.map((item) => (
          <ExceptionEntry key={item.code} item={item} />
        ))}
      </>
    );
  }
  return (
    <>
      <p className="no-print">
        <Link to={meetingPath(meetingId)} className="back-link">
          Back to the briefing
        </Link>
      </p>
      <h1>{heading}</h1>
      {body}
    </>
  );
}

export default ExceptionReportPage;
