import {
  COMMENTARY_MAX_CHARS,
  COMMENTARY_STATE_LABELS,
  type CommentaryVersion,
  formatMonth,
  type KpiMonthCommentary,
} from '@kpi/shared';
import { useState } from 'react';
import { LoadingState } from '../../../components/LoadingState';
import { MonthSelect } from '../../../components/MonthSelect';
import { isApiError } from '../../../lib/apiClient';
import { type CommentaryStepRequest, useCommentaryStep, useKpiCommentary } from '../api/commentaryApi';
import { CommentaryText } from './CommentaryText';
import { InlineProblem } from './InlineProblem';
import '../commentary.css';

const when = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(
    new Date(iso),
  );

function VersionMeta({ version }: { version: CommentaryVersion }) {
  return (
    <p className="secondary-text">
      <strong className="tag tag--state">{COMMENTARY_STATE_LABELS[version.state]}</strong> {version.by ?? 'Unknown'},{' '}
      {when(version.at)}
      {version.source === 'return' && <> · from the monthly return {version.uploadFileName ?? ''}</>}
    </p>
  );
}

/**
 * One month's commentary for a KPI: the agreed text for everyone; for the Trust and commissioners,
 * the latest version, the form to write, submit, agree or send back, and every version.
 */
export function CommentaryReview({ code, months }: { code: string; months: readonly string[] }) {
  const [month, setMonth] = useState(months.at(-1) ?? '');
  // Text typed but not yet saved, by month: looking at another month must not throw it away.
  const [unsaved, setUnsaved] = useState<Readonly<Record<string, string>>>({});
  const query = useKpiCommentary(code, month);
  const keep = (forMonth: string) => (text: string | null) =>
    setUnsaved((current) => {
      const { [forMonth]: _dropped, ...rest } = current;
      return text === null ? rest : { ...rest, [forMonth]: text };
    });
  return (
    <section className="section commentary-review" aria-labelledby="review-heading">
      <h2 id="review-heading">Commentary by month</h2>
      <MonthSelect
        id="commentary-month"
        label="Month"
        months={[...months].reverse()}
        value={month}
        onChange={setMonth}
      />
      {query.isPending ? (
        <LoadingState>Loading the commentary…</LoadingState>
      ) : query.isError ? (
        isApiError(query.error) && query.error.status === 404 ? (
          <p>{query.error.detail}</p>
        ) : (
          <InlineProblem error={query.error} />
        )
      ) : (
        <MonthCommentary key={month} data={query.data} unsaved={unsaved[month]} onUnsaved={keep(month)} />
      )}
    </section>
  );
}

function MonthCommentary({
  data,
  unsaved,
  onUnsaved,
}: {
  data: KpiMonthCommentary;
  /** What was typed for this month and not saved, kept while another month was looked at. */
  unsaved: string | undefined;
  onUnsaved: (text: string | null) => void;
}) {
  const { latest, agreed } = data;
  const step = useCommentaryStep(data.code, data.month);
  const saved = latest && latest.state !== 'agreed' ? latest.body : (agreed?.body ?? '');
  const [text, setText] = useState(unsaved ?? saved);
  const edit = (value: string) => {
    setText(value);
    onUnsaved(value === saved ? null : value);
  };
  const [reason, setReason] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const basedOn = latest?.id ?? null;
  const send = (request: CommentaryStepRequest, what: string) => {
    setAsked(what);
    step.mutate(request, { onSuccess: () => onUnsaved(null) });
  };
  const tooLong = text.length > COMMENTARY_MAX_CHARS;
  const canWrite = data.may.save || data.may.submit;

  return (
    <>
      <h3>Agreed commentary for {formatMonth(data.month)}</h3>
      {agreed ? (
        <div className="commentary-agreed">
          <CommentaryText text={agreed.body} />
          <VersionMeta version={agreed} />
        </div>
      ) : (
        <p>There is no agreed commentary for {formatMonth(data.month)}.</p>
      )}
      {latest && latest.state !== 'agreed' && (
        <div className="commentary-latest">
          <h3>Latest version: {COMMENTARY_STATE_LABELS[latest.state].toLowerCase()}</h3>
          {latest.state === 'returned' && latest.reason && (
            <p className="commentary-reason">
              <strong>Sent back because:</strong> {latest.reason}
            </p>
          )}
          <CommentaryText text={latest.body} />
          <VersionMeta version={latest} />
        </div>
      )}
      <div aria-live="polite">
        {step.isSuccess && asked && <p className="notice">{asked}</p>}
        {step.isError && <InlineProblem error={step.error} />}
      </div>
      {canWrite && (
        <form className="commentary-form" onSubmit={(event) => event.preventDefault()} noValidate>
          <div className={tooLong ? 'form-group form-group--error' : 'form-group'}>
            <label className="label" htmlFor="commentary-text">
              Write the commentary for {formatMonth(data.month)}
            </label>
            <p className="hint" id="commentary-text-hint">
              Plain text. Leave a blank line between paragraphs; start a line with “- ” for a list. At most{' '}
              {COMMENTARY_MAX_CHARS.toLocaleString('en-GB')} characters ({text.length.toLocaleString('en-GB')} now).
            </p>
            {tooLong && (
              <p className="error-message" id="commentary-text-error">
                <span className="visually-hidden">Error:</span> The commentary is{' '}
                {(text.length - COMMENTARY_MAX_CHARS).toLocaleString('en-GB')} characters too long; nothing is cut.
              </p>
            )}
            <textarea
              className="textarea"
              id="commentary-text"
              rows={8}
              value={text}
              aria-describedby={[
                'commentary-text-hint',
                tooLong && 'commentary-text-error',
                unsaved !== undefined && 'commentary-text-unsaved',
              ]
                .filter(Boolean)
                .join(' ')}
              onChange={(event) => edit(event.target.value)}
            />
            {unsaved !== undefined && (
              <p className="hint" id="commentary-text-unsaved">
                Not saved yet.
              </p>
            )}
          </div>
          <div className="button-group">
            {data.may.save && (
              <button
                type="button"
                className="button button--secondary"
                disabled={step.isPending || tooLong || text.trim() === ''}
                onClick={() => send({ step: 'draft', body: { body: text, basedOn } }, 'Draft saved.')}
              >
                Save draft
              </button>
            )}
            {data.may.submit && (
              <button
                type="button"
                className="button"
                disabled={step.isPending || tooLong || text.trim() === ''}
                onClick={() =>
                  send(
                    {
                      step: 'submit',
                      body: text === latest?.body && latest.state !== 'agreed' ? { basedOn } : { body: text, basedOn },
                    },
                    'Submitted for a commissioner to agree.',
                  )
                }
              >
                Submit for agreement
              </button>
            )}
          </div>
        </form>
      )}
      {(data.may.agree || data.may.sendBack) && latest && (
        <form className="commentary-form" onSubmit={(event) => event.preventDefault()} noValidate>
          <h3>Review the submitted commentary</h3>
          {data.agreeRefusal && <p className="hint">{data.agreeRefusal}</p>}
          {data.may.agree && (
            <button
              type="button"
              className="button"
              disabled={step.isPending}
              onClick={() => send({ step: 'agree', body: { basedOn: latest.id } }, 'Agreed: everyone now sees it.')}
            >
              Agree
            </button>
          )}
          {data.may.sendBack && (
            <>
              <div className="form-group">
                <label className="label" htmlFor="send-back-reason">
                  Reason for sending it back
                </label>
                <textarea
                  className="textarea"
                  id="send-back-reason"
                  rows={3}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              </div>
              <button
                type="button"
                className="button button--warning"
                disabled={step.isPending || reason.trim() === ''}
                onClick={() =>
                  send({ step: 'send-back', body: { basedOn: latest.id, reason } }, 'Sent back to the Trust.')
                }
              >
                Send back
              </button>
            </>
          )}
        </form>
      )}
      {data.historyShown && data.history.length > 0 && (
        <details className="commentary-history">
          <summary>
            Every version for {formatMonth(data.month)} ({data.history.length})
          </summary>
          <ol className="commentary-history__list">
            {[...data.history].reverse().map((version) => (
              <li key={version.id}>
                <VersionMeta version={version} />
                {version.reason && (
                  <p>
                    <strong>Why:</strong> {version.reason}
                  </p>
                )}
                <CommentaryText text={version.body} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}
