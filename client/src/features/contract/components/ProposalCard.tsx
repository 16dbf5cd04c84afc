import {
  dateToMonth,
  formatDate,
  formatMonth,
  graceTrimsInWords,
  type KpiSetChange,
  type Proposal,
  type ThresholdChange,
} from '@kpi/shared';
import { useId, useState } from 'react';
import { ProblemMessage } from '../../../components/ProblemMessage';
import { isApiError } from '../../../lib/apiClient';
import { useDecideProposal } from '../api/contract';
import '../contract.css';
import { ReratingTable } from './ReratingTable';

const ROLE_NAMES = { admin: 'an administrator', commissioner: 'a commissioner' } as const;

function isSetChange(change: Proposal['change']): change is KpiSetChange {
  return 'indicatorCodes' in change;
}

function SetChangeDetails({ change }: { change: KpiSetChange }) {
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt className="summary-list__key">Months</dt>
        <dd className="summary-list__value">
          From {formatMonth(dateToMonth(change.effectiveFrom))}
          {change.effectiveTo ? ` to ${formatMonth(dateToMonth(change.effectiveTo))}` : ', open-ended'}
        </dd>
      </div>
      {change.ends.length > 0 && (
        <div className="summary-list__row">
          <dt className="summary-list__key">Sets it ends</dt>
          <dd className="summary-list__value">
            {change.ends
              .map((e) => `${e.name} (${e.code}) will end in ${formatMonth(dateToMonth(e.effectiveTo))}`)
              .join('; ')}
            , the month before this set starts: only one set rates a month.
            {change.ends.some((e) => e.graceTrimmed.length > 0) &&
              ` ${change.ends.map((e) => graceTrimsInWords(e.code, e.graceTrimmed)).join(' ')} Grace is granted by a set, so it ends with the set.`}
          </dd>
        </div>
      )}
      <div className="summary-list__row">
        <dt className="summary-list__key">KPIs, in order</dt>
        <dd className="summary-list__value">{change.indicatorCodes.join(', ') || 'None'}</dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">Grace periods</dt>
        <dd className="summary-list__value">
          {change.grace.length === 0
            ? 'None'
            : change.grace
                .map(
                  (g) =>
                    `${g.indicatorCode}: ${formatMonth(dateToMonth(g.startsOn))} to ${formatMonth(dateToMonth(g.endsOn))}`,
                )
                .join('; ')}
        </dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">Persistent failure</dt>
        <dd className="summary-list__value">More than {change.persistentFailureMonths} months in failure</dd>
      </div>
    </dl>
  );
}

function BandsDetails({ change }: { change: ThresholdChange }) {
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt className="summary-list__key">From</dt>
        <dd className="summary-list__value">
          {formatMonth(dateToMonth(change.effectiveFrom))} (earlier months keep the bands they were rated with)
        </dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">As the contract words it</dt>
        <dd className="summary-list__value">
          {change.target}; {change.failure}
        </dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">In words</dt>
        <dd className="summary-list__value">{change.summary}</dd>
      </div>
    </dl>
  );
}

/** One proposed change: what it does, who proposed it and why, and the decision (by someone else). */
export function ProposalCard({
  proposal,
  onDecided,
}: {
  proposal: Proposal;
  /** Told what was done once a decision is recorded. */
  onDecided?: (words: string) => void;
}) {
  const decide = useDecideProposal();
  const [note, setNote] = useState('');
  // The decided proposal leaves the list with the buttons pressed: the page says what was done, in a
  // notice that takes the focus (it would otherwise fall to the page's start, unannounced). Awaited,
  // not a mutate callback: the refetch that moves the proposal unmounts this card first.
  const decideAs = (verb: 'approve' | 'reject') =>
    decide.mutateAsync({ id: proposal.id, verb, note }).then(
      () =>
        onDecided?.(
          `${verb === 'approve' ? 'Approved and applied' : 'Rejected'}: ${proposal.title.replace(/\.+$/, '')}.`,
        ),
      // shown by the card from the mutation's state
      () => undefined,
    );
  const noteId = useId();
  const waitingFor = proposal.proposedByRole === 'admin' ? ROLE_NAMES.commissioner : ROLE_NAMES.admin;
  return (
    <article className="proposal" aria-labelledby={`${noteId}-title`}>
      <h3 className="heading-s" id={`${noteId}-title`}>
        {proposal.title}
      </h3>
      <p className="hint">
        Proposed by {proposal.proposedBy} ({ROLE_NAMES[proposal.proposedByRole as 'admin' | 'commissioner']}) on{' '}
        {formatDate(proposal.proposedAt.slice(0, 10))}. Reason: {proposal.reason}
      </p>
      {isSetChange(proposal.change) ? (
        <SetChangeDetails change={proposal.change} />
      ) : (
        <BandsDetails change={proposal.change} />
      )}
      {proposal.rerating && (
        <ReratingTable indicatorCode={(proposal.change as ThresholdChange).indicatorCode} months={proposal.rerating} />
      )}
      {proposal.status === 'pending' && !proposal.canDecide && (
        <p>
          <strong className="tag tag--grey">Waiting</strong> for {waitingFor} other than {proposal.proposedBy} to
          approve or reject it.
        </p>
      )}
      {proposal.status !== 'pending' && (
        <p>
          <strong className={proposal.status === 'approved' ? 'tag' : 'tag tag--grey'}>
            {proposal.status === 'approved' ? 'Approved' : 'Rejected'}
          </strong>{' '}
          by {proposal.decidedBy} on {formatDate((proposal.decidedAt ?? '').slice(0, 10))}
          {proposal.decisionNote ? `: ${proposal.decisionNote}` : ''}
        </p>
      )}
      {proposal.canDecide && (
        <form
          onSubmit={(event) => event.preventDefault()}
          className="proposal__decision"
          aria-label={`Decide: ${proposal.title}`}
        >
          {decide.isError && (
            <div className="error-summary" role="alert">
              {isApiError(decide.error) ? (
                <ProblemMessage error={decide.error} />
              ) : (
                <p>Sorry, something went wrong. Try again.</p>
              )}
            </div>
          )}
          <div className="form-group">
            <label className="label" htmlFor={noteId}>
              Note for the record (optional)
            </label>
            <input className="input" id={noteId} value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
          <div className="button-group">
            <button type="button" className="button" aria-busy={decide.isPending} onClick={() => decideAs('approve')}>
              Approve and apply
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-busy={decide.isPending}
              onClick={() => decideAs('reject')}
            >
              Reject
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
