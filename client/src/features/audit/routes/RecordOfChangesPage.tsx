import { AUDIT_KIND_WORDS, type AuditFilterQuery, formatDate } from '@kpi/shared';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { useUrlState } from '../../../components/useUrlState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { auditCsvPath, useAuditEntries } from '../api/auditEntries';
import { AuditFilters, type FilterValues, filterFromParams } from '../components/AuditFilters';
import { AuditTable } from '../components/AuditTable';
import { AUDIT_PATH } from '../paths';
import '../audit.css';

function filterWords(filter: AuditFilterQuery): string | null {
  const parts = [
    filter.kind ? AUDIT_KIND_WORDS[filter.kind].toLowerCase() : null,
    filter.person ? `by ${filter.person}` : null,
    filter.from ? `from ${formatDate(filter.from)}` : null,
    filter.to ? `to ${formatDate(filter.to)}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

function Entries({ filter }: { filter: AuditFilterQuery }) {
  const entries = useAuditEntries(filter);
  const rows = entries.data?.pages.flatMap((page) => page.entries) ?? [];
  const status = useRef<HTMLParagraphElement>(null);
  const moreAsked = useRef(false);
  // After "Load more", focus the count, so a screen reader hears how many are now shown.
  const shownCount = rows.length;
  useEffect(() => {
    if (moreAsked.current && shownCount > 0) {
      moreAsked.current = false;
      status.current?.focus();
    }
  }, [shownCount]);

  if (entries.isPending) return <LoadingState>Loading the record of changes…</LoadingState>;
  if (entries.isError && rows.length === 0)
    return <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />;
  const chosen = filterWords(filter);
  if (rows.length === 0) {
    return (
      <EmptyState title="No changes to show">
        <p>
          {chosen
            ? `Nothing has been recorded ${chosen}. Choose other filters, or clear them.`
            : 'Nothing has been recorded for this council yet.'}
        </p>
      </EmptyState>
    );
  }
  const more = entries.hasNextPage;
  return (
    <>
      <p className="secondary-text" ref={status} tabIndex={-1} role="status">
        Showing the {rows.length.toLocaleString('en-GB')} most recent {rows.length === 1 ? 'change' : 'changes'}
        {chosen ? ` (${chosen})` : ''}
        {more ? '; older changes follow.' : '; that is every one.'}
      </p>
      <AuditTable entries={rows} caption={`Changes recorded${chosen ? ` (${chosen})` : ''}, newest first`} />
      {entries.isError && <ErrorState error={entries.error} onRetry={() => void entries.fetchNextPage()} />}
      {more && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={entries.isFetchingNextPage}
            onClick={() => {
              moreAsked.current = true;
              void entries.fetchNextPage();
            }}
          >
            {entries.isFetchingNextPage ? 'Loading older changes…' : 'Load older changes'}
          </button>
        </p>
      )}
    </>
  );
}

/**
 * `/audit`: the council's record of changes, for those who administer its people or contract.
 * Every change to the contract (KPIs, sets, bands, grace periods, meetings), to returns, imports,
 * people and roles, with who made it and when; the server withholds anything secret.
 */
export default function RecordOfChangesPage() {
  useDocumentTitle('Record of changes');
  const me = useCurrentUser();
  const [params, update] = useUrlState();
  const filter = filterFromParams(params);
  const council = me.user.organisations.find((o) => o.areaCode === me.user.organisationInView)?.name;
  const initial: FilterValues = {
    kind: filter.kind ?? '',
    person: filter.person ?? '',
    from: filter.from ?? '',
    to: filter.to ?? '',
  };
  const filtered = Object.keys(filter).length > 0;
  const key = JSON.stringify(filter);

  return (
    <>
      <h1>Record of changes</h1>
      <p className="lead">
        Every change recorded{council ? ` for ${council}` : ''}: who made it, when, what it touched and what changed,
        newest first. Passwords and other secrets are never shown.
      </p>
      <AuditFilters key={key} initial={initial} onApply={(values) => update({ ...values })} />
      <p>
        {filtered && (
          <>
            <Link to={AUDIT_PATH}>Clear the filters</Link>
            {' · '}
          </>
        )}
        <a href={auditCsvPath(filter)} download>
          Download {filtered ? 'these changes' : 'the record'} as CSV
        </a>
      </p>
      <Entries key={key} filter={filter} />
    </>
  );
}
