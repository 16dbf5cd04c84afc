import {
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  type ActionStatus,
  formatDate,
  formatMonth,
  type KpiAction,
} from '@kpi/shared';
import { useState } from 'react';
import { LoadingState } from '../../../components/LoadingState';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { TextField } from '../../../components/TextField';
import { useCurrentUser } from '../../auth';
import { useKpiActions, useSaveAction } from '../api/commentaryApi';
import { InlineProblem } from './InlineProblem';
import '../commentary.css';

/** Status in words, with "Late" spelled out when past due and not done (never colour alone). */
export function ActionStatusText({ action }: { action: KpiAction }) {
  return (
    <>
      {ACTION_STATUS_LABELS[action.status]}
      {action.late && action.status !== 'late' && (
        <>
          {' '}
          <strong className="tag tag--late">Late: past due</strong>
        </>
      )}
      {action.late && action.status === 'late' && <strong className="tag tag--late"> past due</strong>}
    </>
  );
}

function StatusChanger({ code, action }: { code: string; action: KpiAction }) {
  const save = useSaveAction(code);
  const id = `action-${action.id}-status`;
  return (
    <div className="form-group form-group--inline">
      <label className="visually-hidden" htmlFor={id}>
        Status of “{action.description.slice(0, 60)}”
      </label>
      <select
        className="select"
        id={id}
        value={action.status}
        disabled={save.isPending}
        onChange={(event) => save.mutate({ id: action.id, body: { status: event.target.value as ActionStatus } })}
      >
        {ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {ACTION_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      {save.isError && <InlineProblem error={save.error} />}
    </div>
  );
}

/** A KPI's actions, open and closed, and (for the Trust and commissioners) a form to add one. */
export function ActionsPanel({ code, month }: { code: string; month: string }) {
  const { user } = useCurrentUser();
  const query = useKpiActions(code);
  const canEdit = user.role !== 'viewer';
  return (
    <section className="section" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      {query.isPending ? (
        <LoadingState>Loading the actions…</LoadingState>
      ) : query.isError ? (
        <InlineProblem error={query.error} />
      ) : query.data.actions.length === 0 ? (
        <p>There are no actions recorded for {code}.</p>
      ) : (
        <ScrollableTable label={`Actions for ${code}`}>
          <table className="table">
            <caption className="visually-hidden">Actions for {code}, open and closed</caption>
            <thead>
              <tr>
                <th scope="col">What will be done</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Responds to</th>
                {canEdit && <th scope="col">Change status</th>}
              </tr>
            </thead>
            <tbody>
              {query.data.actions.map((action) => (
                <tr key={action.id}>
                  <td className="wrap-anywhere">{action.description}</td>
                  <td className="wrap-anywhere">{action.owner}</td>
                  <td>{formatDate(action.dueOn)}</td>
                  <td>
                    <ActionStatusText action={action} />
                  </td>
                  <td>{action.months.map((m) => formatMonth(m)).join(', ')}</td>
                  {canEdit && (
                    <td>
                      <StatusChanger code={code} action={action} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
      {canEdit && month && <NewAction code={code} month={month} />}
    </section>
  );
}

function NewAction({ code, month }: { code: string; month: string }) {
  const save = useSaveAction(code);
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const complete = description.trim() !== '' && owner.trim() !== '' && /^\d{4}-\d{2}-\d{2}$/.test(dueOn);
  return (
    <form
      className="commentary-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!complete) return;
        save.mutate(
          { id: null, body: { description, owner, dueOn, status: 'open', months: [month] } },
          {
            onSuccess: () => {
              setDescription('');
              setOwner('');
              setDueOn('');
            },
          },
        );
      }}
    >
      <h3>Add an action for {formatMonth(month)}</h3>
      <TextField id="action-description" label="What will be done" value={description} onChange={setDescription} />
      <TextField id="action-owner" label="Owner" hint="A named role or person" value={owner} onChange={setOwner} />
      <div className="form-group">
        <label className="label" htmlFor="action-due">
          Due date
        </label>
        <input
          className="input input--date"
          id="action-due"
          type="date"
          value={dueOn}
          onChange={(e) => setDueOn(e.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={!complete || save.isPending}>
        Add action
      </button>
      <div aria-live="polite">
        {save.isSuccess && <p className="notice">Action added.</p>}
        {save.isError && <InlineProblem error={save.error} />}
      </div>
    </form>
  );
}
