import { formatMonth, type MonitoredItem, THEMES, type Theme } from '@kpi/shared';
import type { ReactNode } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { IllustrativeBanner } from '../../../components/IllustrativeBanner';
import { THEME_LABELS } from '../../../components/kpiLabels';
import { LoadingState } from '../../../components/LoadingState';
import { TextField } from '../../../components/TextField';
import { useUrlState } from '../../../components/useUrlState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { useIndicatorList } from '../api/getIndicatorList';
import { MonitoredList } from '../components/MonitoredList';
import '../indicators.css';

/** Case- and accent-insensitive words, so "s47" finds "Section 47" by its code and "re-referral" its title. */
function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export function matchesSearch(item: MonitoredItem, query: string): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalise(
    [item.code, item.title, item.shortTitle ?? '', THEME_LABELS[item.theme], item.commentary?.body ?? ''].join(' '),
  );
  return words.every((word) => haystack.includes(word));
}

function parseTheme(value: string | null): Theme | null {
  return THEMES.find((t) => t === value) ?? null;
}

/**
 * Every indicator the council tracks, contract KPI or monitored: its latest figure and period,
 * direction of travel, and where it stands against the statistical neighbours, region and
 * England, by theme and searchable (the search lives in the address, so a link keeps it).
 */
export default function IndicatorsPage() {
  useDocumentTitle('Indicators');
  const { organisation } = useCurrentUser();
  const [searchParams, update] = useUrlState();
  const query = searchParams.get('q') ?? '';
  const theme = parseTheme(searchParams.get('theme'));
  const list = useIndicatorList();

  let body: ReactNode;
  if (list.isPending) body = <LoadingState>Loading the indicators…</LoadingState>;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else {
    const shown = list.data.indicators.filter(
      (item) => (theme === null || item.theme === theme) && matchesSearch(item, query),
    );
    const illustrative = shown.filter((item) => item.illustrative).length;
    body = (
      <>
        <p className="lead">
          {list.data.asOf
            ? `Each indicator's latest figure up to ${formatMonth(list.data.asOf)}, with where it stands against the statistical-neighbour average, the region and England.`
            : 'No figures have been loaded yet.'}
        </p>
        {illustrative > 0 && (
          <IllustrativeBanner>
            <p>
              {illustrative} of the {shown.length} indicators shown have an illustrative latest figure.
            </p>
          </IllustrativeBanner>
        )}
        <search className="filter-bar no-print">
          <div className="indicator-search">
            <TextField
              id="indicator-search"
              label="Search indicators"
              hint="By name, code or words the papers used, for example “section 47” or “vacancy”."
              value={query}
              onChange={(value) => update({ q: value }, { replace: true })}
              spellCheck={false}
            />
          </div>
          <div className="form-group form-group--inline">
            <label className="label" htmlFor="indicator-theme">
              Theme
            </label>
            <select
              className="select"
              id="indicator-theme"
              value={theme ?? ''}
              onChange={(event) => update({ theme: event.target.value || null })}
            >
              <option value="">All themes</option>
              {THEMES.map((t) => (
                <option key={t} value={t}>
                  {THEME_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
        </search>
        <p role="status" className="result-count">
          Showing {shown.length} of {list.data.indicators.length} indicators.
        </p>
        {shown.length === 0 ? (
          <EmptyState title="No indicator matches">
            <p>Try fewer or different words, or another theme.</p>
          </EmptyState>
        ) : (
          <MonitoredList items={shown} headingLevel={2} idPrefix="indicators" />
        )}
      </>
    );
  }

  return (
    <>
      {organisation && <p className="caption">{organisation.name}</p>}
      <h1>Indicators</h1>
      {body}
    </>
  );
}
