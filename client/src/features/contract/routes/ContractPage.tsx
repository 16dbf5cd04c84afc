import { dateToMonth, formatDate, formatMonth } from '@kpi/shared';
import { Link, useNavigate } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { THEME_LABELS } from '../../../components/kpiLabels';
import { LoadingState } from '../../../components/LoadingState';
import { NavigationNotice, type NoticeState } from '../../../components/NavigationNotice';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useKpiSets, useProposals, useReliefEvents } from '../api/contract';
import { ProposalCard } from '../components/ProposalCard';
import {
  CONTRACT_PATH,
  INDICATOR_LIBRARY_PATH,
  NEW_BANDS_PATH,
  NEW_INDICATOR_PATH,
  NEW_MEETING_PATH,
  NEW_RELIEF_PATH,
  NEW_SET_PATH,
  SCHEDULE_PATH,
} from '../paths';
import '../contract.css';

export type ContractLocationState = NoticeState;

function monthsWords(from: string, to: string | null): string {
  return `${formatMonth(dateToMonth(from))} to ${to ? formatMonth(dateToMonth(to)) : 'now (open-ended)'}`;
}

/**
 * The contract as the product holds it: changes waiting for a second person, the KPI sets in force
 * with their grace periods, and relief events; with the ways to change each.
 */
export default function ContractPage() {
  useDocumentTitle('Contract');
  const navigate = useNavigate();
  // A proposal approved or rejected here says so as the notice a form's success brings.
  const onDecided = (words: string) =>
    navigate(CONTRACT_PATH, { replace: true, state: { done: words } satisfies ContractLocationState });
  const sets = useKpiSets();
  const proposals = useProposals();
  const relief = useReliefEvents();
  const pending = proposals.data?.filter((p) => p.status === 'pending') ?? [];
  const decided = proposals.data?.filter((p) => p.status !== 'pending').slice(0, 10) ?? [];

  return (
    <>
      <NavigationNotice />
      <h1>Contract</h1>
      <p>
        The KPIs the contract rates, their bands, grace periods and relief events, and the meetings that receive them. A
        change to a KPI set or to bands is proposed by one person and applied only when a second person approves it: an
        administrator approves a commissioner’s proposal, and a commissioner an administrator’s.
      </p>
      <ul className="link-list">
        <li>
          <Link to={INDICATOR_LIBRARY_PATH}>KPI library</Link> (<Link to={NEW_INDICATOR_PATH}>add an indicator</Link>)
        </li>
        <li>
          <Link to={NEW_SET_PATH}>Propose a KPI set, or a change to one</Link>
        </li>
        <li>
          <Link to={NEW_BANDS_PATH}>Propose new bands for a KPI</Link>
        </li>
        <li>
          <Link to={SCHEDULE_PATH}>Download or upload the contract schedule as a spreadsheet</Link>
        </li>
        <li>
          <Link to={NEW_RELIEF_PATH}>Record a relief event</Link>
        </li>
        <li>
          <Link to={NEW_MEETING_PATH}>Add a meeting</Link>
        </li>
      </ul>

      <h2>Changes waiting for approval</h2>
      {proposals.isPending && <LoadingState>Loading proposed changes…</LoadingState>}
      {proposals.isError && <ErrorState error={proposals.error} onRetry={() => void proposals.refetch()} />}
      {proposals.data && pending.length === 0 && <p>No change is waiting for approval.</p>}
      {pending.map((proposal) => (
        <ProposalCard key={proposal.id} proposal={proposal} onDecided={onDecided} />
      ))}

      <h2>KPI sets</h2>
      {sets.isPending && <LoadingState>Loading KPI sets…</LoadingState>}
      {sets.isError && <ErrorState error={sets.error} onRetry={() => void sets.refetch()} />}
      {sets.data && sets.data.length === 0 && <p>There is no KPI set yet. Propose one to start rating KPIs.</p>}
      {sets.data?.map((set) => (
        <section key={set.code} aria-labelledby={`set-${set.code}`}>
          <h3 className="heading-s" id={`set-${set.code}`}>
            {set.name} ({set.code})
          </h3>
          <p>
            {monthsWords(set.effectiveFrom, set.effectiveTo)}. Persistent failure: more than{' '}
            {set.persistentFailureMonths} months in failure.
          </p>
          <ScrollableTable label={`${set.name}: KPIs`}>
            <table className="table table--stack-narrow">
              <caption className="visually-hidden">KPIs in {set.name}, in order</caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">KPI</th>
                  <th scope="col">Theme</th>
                  <th scope="col">Grace period (reported and rated, no consequence)</th>
                </tr>
              </thead>
              <tbody>
                {set.indicators.map((indicator) => (
                  <tr key={indicator.code}>
                    <td data-label="Order">{indicator.position}</td>
                    <th scope="row">
                      {indicator.code}: {indicator.title}
                    </th>
                    <td data-label="Theme">{THEME_LABELS[indicator.theme]}</td>
                    <td data-label="Grace period">
                      {indicator.grace.length === 0
                        ? 'None'
                        : indicator.grace.map((g) => monthsWords(g.startsOn, g.endsOn)).join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        </section>
      ))}

      <h2>Relief events</h2>
      {relief.data && relief.data.length === 0 && <p>No relief event is recorded.</p>}
      {relief.data && relief.data.length > 0 && (
        <ScrollableTable label="Relief events">
          <table className="table table--stack-narrow">
            <caption className="visually-hidden">Relief events</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Agreed on</th>
                <th scope="col">Months</th>
                <th scope="col">KPIs</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {relief.data.map((event) => (
                <tr key={event.id}>
                  <th scope="row">{event.name}</th>
                  <td data-label="Agreed on">{event.agreedOn ? formatDate(event.agreedOn) : 'Not recorded'}</td>
                  <td data-label="Months">{monthsWords(event.startsOn, event.endsOn)}</td>
                  <td data-label="KPIs">{event.indicatorCodes.join(', ')}</td>
                  <td data-label="Reason">{event.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}

      {decided.length > 0 && (
        <>
          <h2>Recently decided changes</h2>
          {decided.map((proposal) => (
            <ProposalCard key={proposal.id} proposal={proposal} />
          ))}
        </>
      )}
    </>
  );
}
