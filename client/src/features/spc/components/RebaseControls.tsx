import { formatMonth, type SpcDto } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { MonthSelect } from '../../../components/MonthSelect';
import { ProblemMessage } from '../../../components/ProblemMessage';
import { isApiError } from '../../../lib/apiClient';
import { useCreateRebase, useWithdrawRebase } from '../api/rebases';

/**
 * The rebase points of a KPI's SPC chart, with who recorded each and why; commissioners and
 * administrators may add one (a month and a reason) or withdraw one. The server checks the role too.
 */
export function RebaseControls({
  code,
  spc,
  months,
  canRebase,
}: {
  code: string;
  spc: SpcDto;
  months: readonly string[];
  canRebase: boolean;
}) {
  const create = useCreateRebase(code);
  const withdraw = useWithdrawRebase(code);
  const [month, setMonth] = useState(months.at(-1) ?? '');
  const [reason, setReason] = useState('');
  const error = create.error ?? withdraw.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ month, reason }, { onSuccess: () => setReason('') });
  };

  return (
    <section className="section" aria-labelledby="spc-rebases-heading">
      <h3 id="spc-rebases-heading">Where the limits are recalculated</h3>
      {spc.rebases.length === 0 ? (
        <p>The limits are calculated over every month shown: no rebase has been recorded for {code}.</p>
      ) : (
        <ul className="list">
          {spc.rebases.map((r) => (
            <li key={r.id}>
              From <strong>{formatMonth(r.month)}</strong>: {r.reason}{' '}
              <span className="secondary-text">
                (recorded by {r.createdBy ?? 'an unknown user'} on {new Date(r.createdAt).toLocaleDateString('en-GB')})
              </span>
              {canRebase && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-busy={withdraw.isPending}
                    onClick={() => withdraw.mutate(r.id)}
                  >
                    Withdraw<span className="visually-hidden"> the rebase from {formatMonth(r.month)}</span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && isApiError(error) && (
        <div className="error-summary" role="alert">
          <h4 className="error-summary__title">The rebase was not saved</h4>
          <ProblemMessage error={error} />
        </div>
      )}
      {canRebase && months.length > 0 && (
        <form className="spc-rebase-form no-print" onSubmit={submit}>
          <MonthSelect
            id="spc-rebase-month"
            label="Recalculate the limits from"
            months={months}
            value={month}
            onChange={setMonth}
          />
          <div className="form-group">
            <label className="label" htmlFor="spc-rebase-reason">
              Why
            </label>
            <p className="hint" id="spc-rebase-reason-hint">
              For example a new KPI set, a change of definition or a service redesign. Everyone sees the reason, and it
              is kept in the audit log.
            </p>
            <textarea
              className="textarea"
              id="spc-rebase-reason"
              name="reason"
              required
              minLength={5}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-describedby="spc-rebase-reason-hint"
            />
          </div>
          <div>
            <button type="submit" className="button" aria-busy={create.isPending}>
              Recalculate the limits
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
