import {
  FIRST_SUPPORTED_YEAR,
  formatFinancialYear,
  formatMonth,
  lastSupportedYear,
  type ScorecardResponse,
  THEMES,
} from '@kpi/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Checkbox } from '../../../components/Checkbox';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { IllustrativeBanner } from '../../../components/IllustrativeBanner';
import { STATUS_WORDS, THEME_LABELS } from '../../../components/kpiLabels';
import { LoadingState } from '../../../components/LoadingState';
import { PreReleaseBanner } from '../../../components/PreReleaseBanner';
import { type Choice, RadioGroup } from '../../../components/RadioGroup';
import { StatusCounts } from '../../../components/StatusCounts';
import { ToggleButtons } from '../../../components/ToggleButtons';
import '../compactScorecardPage.css';
import { useUrlState } from '../../../components/useUrlState';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { DataDownloads, dataExportPaths } from '../../exports';
import { MonitoredList } from '../../indicators';
import { useScorecard } from '../api/getScorecard';
import { comparisonTestsSummary, nextSort, parseSort, type SortOrder, sortParam } from '../compactModel';
import { CompactScorecard } from '../components/CompactScorecard';
import { comparedFigureWords } from '../components/CompactScorecardCells';
import { IllustrativeSetNote } from '../components/IllustrativeSetNote';
import { KpiCard } from '../components/KpiCard';
import { MonthPicker } from '../components/MonthPicker';
import {
  filterItems,
  parseMonthParam,
  parseStatusFilter,
  parseView,
  type ScorecardView,
  type StatusFilter,
} from '../scorecardParams';

const FILTER_WORDS: Record<StatusFilter, string> = {
  all: 'all KPIs',
  red: 'red KPIs only',
  'red-amber': 'red and amber KPIs',
};

const VIEW_CHOICES: Choice<ScorecardView>[] = [
  { value: 'compact', label: 'Table' },
  { value: 'cards', label: 'Detail' },
];

type Layout = {
  view: ScorecardView;
  order: SortOrder;
  grouped: boolean;
  /** Every cell's detail shown in words under it (for keyboard and touch, which have no hover). */
  details: boolean;
  onView: (view: ScorecardView) => void;
  onSort: (order: SortOrder) => void;
  onGrouped: (grouped: boolean) => void;
  onDetails: (details: boolean) => void;
};

function Scorecard({
  data,
  filter,
  onFilter,
  onMonth,
  updating,
  layout,
}: {
  data: ScorecardResponse;
  filter: StatusFilter;
  onFilter: (filter: StatusFilter) => void;
  onMonth: (month: string) => void;
  updating: boolean;
  layout: Layout;
}) {
  const compact = layout.view === 'compact';
  const shown = filterItems(data.items, filter);
  const persistentFailures = data.items.filter((item) => item.streak.persistentFailure).length;
  const illustrative = data.items.filter((item) => item.illustrative);
  const choices: Choice<StatusFilter>[] = [
    { value: 'all', label: `All KPIs (${data.items.length})` },
    { value: 'red', label: `Red only (${data.counts.red})` },
    { value: 'red-amber', label: `Red and amber (${data.counts.red + data.counts.amber})` },
  ];

  return (
    <div className={compact ? 'scorecard scorecard--compact' : 'scorecard'}>
      <p className="lead scorecard__lead">
        {formatMonth(data.month)}, financial year {formatFinancialYear(data.financialYear)}.
        {data.kpiSet && (
          <>
            {' '}
            KPI set: {data.kpiSet.name}. A KPI red for more than {data.kpiSet.persistentFailureMonths} months that carry
            a consequence is a persistent failure.
          </>
        )}
      </p>
      {data.noSetNote && (
        <div className="inset" role="note">
          <p>{data.noSetNote}</p>
        </div>
      )}
      {data.kpiSet?.illustrativeNote && (
        <IllustrativeSetNote setName={data.kpiSet.name} note={data.kpiSet.illustrativeNote} compact={compact} />
      )}
      {!data.publication.published && data.publication.note && <PreReleaseBanner notes={[data.publication.note]} />}
      {illustrative.length > 0 && compact && (
        <p className="illustrative-note">
          <strong className="tag tag--illustrative">Illustrative data</strong>{' '}
          {illustrative.length === data.items.length
            ? 'Every KPI in this table includes'
            : `${illustrative.length} of the ${data.items.length} KPIs (marked “illus.”) include`}{' '}
          figures generated to demonstrate the dashboard: not real performance data, not to be quoted.
        </p>
      )}
      {illustrative.length > 0 && !compact && (
        <IllustrativeBanner>
          <p>
            {illustrative.length === data.items.length
              ? 'Every KPI on this scorecard includes illustrative figures.'
              : `${illustrative.length} of the ${data.items.length} KPIs on this scorecard include illustrative figures.`}
          </p>
        </IllustrativeBanner>
      )}
      <div className="scorecard__tools no-print">
        {data.availableMonths && (
          <MonthPicker
            key={data.month}
            month={data.month}
            available={data.availableMonths}
            periods={data.periods}
            onChoose={onMonth}
            showSummary={!compact}
          />
        )}
        {data.items.length > 0 && (
          <ToggleButtons
            label="Show the scorecard as"
            choices={VIEW_CHOICES}
            value={layout.view}
            onChange={layout.onView}
          />
        )}
      </div>
      {updating && <LoadingState>Loading the scorecard…</LoadingState>}
      {data.items.length === 0 ? (
        data.kpiSet && (
          <EmptyState title={`No KPIs to show for ${formatMonth(data.month)}`}>
            <p>The KPI set {data.kpiSet.name} has no KPIs in it.</p>
          </EmptyState>
        )
      ) : (
        <div aria-busy={updating}>
          <div className="scorecard__summary">
            <StatusCounts counts={data.counts} persistentFailures={persistentFailures} compact={compact} />
            <DataDownloads
              what={`the scorecard for ${formatMonth(data.month)}`}
              paths={dataExportPaths.scorecard(data.month)}
            />
          </div>
          <div className="filter-bar no-print">
            <RadioGroup legend="Show" name="status" choices={choices} value={filter} onChange={onFilter} inline />
            {compact && (
              <Checkbox
                className="filter-bar__group"
                id="group-by-theme"
                label="Group by theme"
                checked={layout.grouped}
                onChange={layout.onGrouped}
              />
            )}
            {compact && (
              <Checkbox
                className="filter-bar__group"
                id="show-details"
                label="Show the details in words"
                checked={layout.details}
                onChange={layout.onDetails}
              />
            )}
            {/* In the table view the radios already say how many KPIs each choice shows: the count stays
                for screen readers (a status, read out when the filter changes), and its room goes to
                "Show the details in words", so the bar stays one line at 1280 px. */}
            <p role="status" className={compact ? 'result-count visually-hidden' : 'result-count'}>
              Showing {shown.length} of {data.items.length} KPIs ({FILTER_WORDS[filter]}).
            </p>
          </div>
          {shown.length === 0 ? (
            <EmptyState title={`No ${filter === 'red' ? 'red' : 'red or amber'} KPIs in ${formatMonth(data.month)}`}>
              <p>Every KPI is {filter === 'red' ? 'amber, green or without data' : 'green or without data'}.</p>
            </EmptyState>
          ) : compact ? (
            <>
              <CompactScorecard
                items={shown}
                month={data.month}
                order={layout.order}
                grouped={layout.grouped}
                detailsShown={layout.details}
                allIllustrative={illustrative.length === data.items.length}
                onSort={(key) => layout.onSort(nextSort(layout.order, key))}
              />
              {comparedExample(shown) && (
                <p className="secondary-text compact__compared-note">
                  “{comparedExample(shown)}” under a comparator: the council’s own DfE figure for that year, on which
                  better, worse or similar was decided (not the month’s figure).
                </p>
              )}
              {comparisonTestsSummary(shown) && (
                <p className="secondary-text compact__comparison-tests no-print">{comparisonTestsSummary(shown)}</p>
              )}
            </>
          ) : (
            THEMES.map((theme) => {
              const items = shown.filter((item) => item.theme === theme);
              if (items.length === 0) return null;
              const headingId = `theme-${theme}`;
              return (
                <section key={theme} className="section theme" aria-labelledby={headingId}>
                  <h2 id={headingId} className="theme__heading">
                    {THEME_LABELS[theme]}{' '}
                    <span className="secondary-text theme__summary">
                      {items.length} KPI{items.length === 1 ? '' : 's'}
                      {items.some((i) => i.current.status === 'red') &&
                        `, ${items.filter((i) => i.current.status === 'red').length} ${STATUS_WORDS.red.toLowerCase()}`}
                    </span>
                  </h2>
                  <ul className="kpi-list">
                    {items.map((item) => (
                      <li key={item.code} className="kpi-list__item">
                        <KpiCard item={item} month={data.month} />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })
          )}
        </div>
      )}
      <MonitoredSection month={data.month} items={data.monitored} />
    </div>
  );
}

/** The first comparator cell's second figure (the council figure its verdict used), for the note under the table. */
function comparedExample(items: ScorecardResponse['items']): string | null {
  for (const item of items) {
    for (const comparator of item.comparators) {
      const words = comparedFigureWords(item, comparator);
      if (words) return words;
    }
  }
  return null;
}

/** Indicators watched beside the contract KPIs: no bands, but comparators and direction of travel. */
function MonitoredSection({ month, items }: { month: string; items: ScorecardResponse['monitored'] }) {
  return (
    <section className="section scorecard__monitored" aria-labelledby="monitored-heading">
      <h2 id="monitored-heading">Monitored indicators</h2>
      {items.length === 0 ? (
        <p>No monitored indicator has a figure in the 12 months to {formatMonth(month)}.</p>
      ) : (
        <>
          <p>
            Measures the council watches without contract bands, so they are not rated red, amber or green: each shows
            its latest figure up to {formatMonth(month)}, its direction of travel and where it stands against the
            statistical neighbours, the region and England. <Link to="/indicators">Every indicator</Link>.
          </p>
          <MonitoredList items={items} idPrefix="monitored" />
        </>
      )}
    </section>
  );
}

export function ScorecardPage() {
  const { organisation } = useCurrentUser();
  const [searchParams, update] = useUrlState();
  const { month, invalid, outOfRange } = parseMonthParam(searchParams.get('month'));
  const filter = parseStatusFilter(searchParams.get('status'));
  const layout: Layout = {
    view: parseView(searchParams.get('view')),
    order: parseSort(searchParams.get('sort')),
    grouped: searchParams.get('group') !== 'none',
    details: searchParams.get('details') === 'words',
    onView: (view) => update({ view: view === 'compact' ? null : view }),
    onSort: (order) => update({ sort: sortParam(order) }, { replace: true }),
    onGrouped: (grouped) => update({ group: grouped ? null : 'none' }, { replace: true }),
    onDetails: (details) => update({ details: details ? 'words' : null }, { replace: true }),
  };
  const scorecard = useScorecard(month);
  // The heading names the month on screen; while another month loads, that is still the previous one.
  // A new council's scorecard is an answer with nothing in it (never a 404 the console reports).
  const noFiguresNote = scorecard.data?.noFiguresNote;
  const shownMonth = noFiguresNote ? undefined : scorecard.data?.month;
  useDocumentTitle(shownMonth ? `Scorecard for ${formatMonth(shownMonth)}` : 'Scorecard', {
    hasErrors: scorecard.isError && !(isApiError(scorecard.error) && [403, 404].includes(scorecard.error.status)),
  });

  let body: ReactNode;
  // Only the compact table is wider than the reading column, and the heading moves out with it: over
  // a loading, empty or error panel it would stand out to the left of the text it heads.
  let showsScorecard = false;
  if (scorecard.isPending) body = <LoadingState>Loading the scorecard…</LoadingState>;
  else if (scorecard.isError) {
    body =
      isApiError(scorecard.error) && scorecard.error.status === 404 ? (
        <EmptyState title="There are no KPI figures yet">
          <p>{scorecard.error.detail ?? 'No performance figures have been loaded.'}</p>
        </EmptyState>
      ) : isApiError(scorecard.error) && scorecard.error.status === 403 && month ? (
        // A month not yet published to this reader: an answer, not a failure to retry.
        <EmptyState title={`${formatMonth(month)} is not published yet`}>
          <p>{scorecard.error.detail}</p>
          <p>
            <Link to="/scorecard">The latest published scorecard</Link>
          </p>
        </EmptyState>
      ) : (
        <ErrorState error={scorecard.error} onRetry={() => void scorecard.refetch()} />
      );
  } else if (noFiguresNote) {
    body = (
      <EmptyState title="There are no KPI figures yet">
        <p>{noFiguresNote}</p>
      </EmptyState>
    );
  } else {
    showsScorecard = true;
    body = (
      <Scorecard
        data={scorecard.data}
        filter={filter}
        onFilter={(next) => update({ status: next === 'all' ? null : next })}
        onMonth={(next) => update({ month: next })}
        updating={scorecard.isPlaceholderData && scorecard.isFetching}
        layout={layout}
      />
    );
  }

  return (
    <>
      {/* The compact view leaves out the caption (the header names the organisation) to fit one screen. */}
      {organisation && layout.view !== 'compact' && <p className="caption">{organisation.name}</p>}
      <h1 className={layout.view === 'compact' && showsScorecard ? 'heading-compact' : undefined}>
        {shownMonth ? `Scorecard for ${formatMonth(shownMonth)}` : 'Scorecard'}
      </h1>
      {invalid && (
        <p className="inset">
          {outOfRange
            ? `There are no figures for ${formatMonth(outOfRange)}: the dashboard covers January ${FIRST_SUPPORTED_YEAR} to December ${lastSupportedYear()}. The latest month is shown instead.`
            : 'The address asked for a month the dashboard does not recognise, so the latest month is shown instead.'}
        </p>
      )}
      {body}
    </>
  );
}
