import {
  compareMonths,
  FIRST_SUPPORTED_YEAR,
  formatMonth,
  type IndicatorDetail,
  lastSupportedYear,
  monthRange,
  type SeriesResponse,
} from '@kpi/shared';
import { type ReactNode, Suspense, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { AfterFirstPaint } from '../../../components/AfterFirstPaint';
import { buildChartModel } from '../../../components/charts/chartModel';
import { markedPeriods } from '../../../components/charts/figureNotes';
import { thresholdFor } from '../../../components/charts/thresholds';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { IllustrativeBanner } from '../../../components/IllustrativeBanner';
import { THEME_LABELS, VIEW_FIGURE_WORDS } from '../../../components/kpiLabels';
import { LoadingState } from '../../../components/LoadingState';
import { PreReleaseBanner } from '../../../components/PreReleaseBanner';
import { StatusTag } from '../../../components/StatusTag';
import { notRatedWords, ratingLabel } from '../../../components/streakWords';
import { IllustrativeTag, NoConsequenceTag, PersistentFailureTag } from '../../../components/Tags';
import { useUrlState } from '../../../components/useUrlState';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { ActionsPanel, CommentaryReview } from '../../commentary';
import { ChartDownloads, DataDownloads, dataExportPaths } from '../../exports';
import { SpcSection } from '../../spc';
import { useIndicator } from '../api/getIndicator';
import { useIndicatorSeries } from '../api/getIndicatorSeries';
import { CommentaryList } from '../components/CommentaryList';
import { IndicatorAbout } from '../components/IndicatorAbout';
import { SeriesControls } from '../components/SeriesControls';
import { TrendFigure } from '../components/TrendFigure';
import { describeSeries } from '../describeSeries';
import { comparatorsParam, type IndicatorViewState, parseIndicatorParams } from '../seriesParams';
import '../indicators.css';

/**
 * Months to offer for the period: the indicator's own first to last month with a figure, widened
 * to take in the range shown (an address may ask for months outside the data).
 */
function periodMonths(series: SeriesResponse): string[] {
  const earlier = (a: string, b: string) => (compareMonths(a, b) <= 0 ? a : b);
  const later = (a: string, b: string) => (compareMonths(a, b) >= 0 ? a : b);
  const first = series.dataRange ? earlier(series.dataRange.from, series.from) : series.from;
  const last = series.dataRange ? later(series.dataRange.to, series.to) : series.to;
  return monthRange(first, last);
}

function LatestFigure({ series }: { series: SeriesResponse }) {
  const latest = series.points.findLast((p) => p.status !== 'no_data' || p.value !== null) ?? series.points.at(-1);
  if (!latest) return null;
  const threshold = thresholdFor(series.indicator.thresholds, latest.month);
  const { streak } = series;
  // Monitored without bands: never rated, which is not the same as having no figures.
  const notRated = notRatedWords(series.indicator);
  return (
    <div className="latest-figure">
      <p className="latest-figure__label">
        Latest {series.view === 'monthly' ? 'figure' : VIEW_FIGURE_WORDS[series.view].replace(/s$/, '')}
      </p>
      <p className="latest-figure__value">
        <strong className="latest-figure__number">{latest.displayValue}</strong> in {formatMonth(latest.month)}
        {threshold && <> — target {threshold.words.target}</>}
      </p>
      {series.viewMethod && (
        <p className="secondary-text">
          Shows the {series.viewMethod.label.toLowerCase()}
          {latest.aggregate ? ` (${latest.aggregate.words.replace(/^\w/, (c) => c.toLowerCase())})` : ''}.
        </p>
      )}
      <p className="kpi-card__tags">
        <StatusTag status={latest.status} label={ratingLabel(latest)} />
        {streak.persistentFailure && <PersistentFailureTag />}
        {!latest.carriesConsequence && <NoConsequenceTag />}
        {latest.provenance === 'illustrative' && <IllustrativeTag />}
      </p>
      <p className="secondary-text">{latest.reason}</p>
      {!latest.carriesConsequence && latest.consequenceReason && <p>{latest.consequenceReason}</p>}
      <div className="latest-figure__streak">
        <p className="latest-figure__label">Monthly rating to {formatMonth(series.to)}</p>
        {notRated ? (
          <p>
            <strong>Not rated</strong>: {notRated}.
          </p>
        ) : (
          // One sentence, with the months it spans: "On target for 55 reported months (June 2020 to
          // December 2024)". The scorecard's shorter "Green for 55 months" said the same again here.
          <p>{streak.reason}</p>
        )}
      </div>
    </div>
  );
}

function SeriesSection({
  series,
  state,
  months,
  councilName,
  updating,
  update,
}: {
  series: SeriesResponse;
  state: IndicatorViewState;
  months: string[];
  councilName: string;
  updating: boolean;
  update: ReturnType<typeof useUrlState>[1];
}) {
  const model = buildChartModel(series, state.lines);
  const summary = describeSeries(series, state.lines);
  const title = `${series.indicator.code}, ${VIEW_FIGURE_WORDS[series.view]}, ${formatMonth(series.from)} to ${formatMonth(series.to)}`;
  const marked = markedPeriods(series, model);
  const illustrative = series.points.some((p) => p.provenance === 'illustrative');
  const figureRef = useRef<HTMLDivElement>(null);
  const exportRange = { from: series.from, to: series.to, view: series.view };
  const unpublishedNotes = series.points.flatMap((p) =>
    !p.publication.published && p.value !== null && p.publication.note ? [p.publication.note] : [],
  );

  return (
    <>
      {unpublishedNotes.length > 0 && <PreReleaseBanner notes={unpublishedNotes} />}
      {illustrative && <IllustrativeBanner />}
      <LatestFigure series={series} />
      <SeriesControls
        series={series}
        view={state.view}
        lines={state.lines}
        display={state.display}
        months={months}
        onView={(view) => update({ view: view === 'monthly' ? null : view })}
        onLines={(lines) => update({ comparators: comparatorsParam(lines) })}
        onRange={(from, to) => update({ from, to })}
        onDisplay={(display) => update({ display: display === 'chart' ? null : display })}
      />
      {updating && <LoadingState>Loading the figures…</LoadingState>}
      <div aria-busy={updating}>
        <div ref={figureRef}>
          <TrendFigure
            series={series}
            model={model}
            shownLines={state.lines}
            councilName={councilName}
            title={title}
            summary={summary}
            display={state.display}
          />
        </div>
        <ChartDownloads
          series={series}
          councilName={councilName}
          figureRef={figureRef}
          chartShown={state.display === 'chart' && model.hasValues}
        />
        <DataDownloads what={title} paths={dataExportPaths.series(series.indicator.code, exportRange)} />
        {marked.length > 0 && (
          <section className="section" aria-labelledby="marked-heading">
            <h2 id="marked-heading">Marked on the chart</h2>
            <ul className="list">
              {marked.map((item) => (
                <li key={item.key}>
                  {item.text}
                  {item.link && <Link to={item.link.to}>{item.link.text}</Link>}
                  {item.after}
                </li>
              ))}
            </ul>
          </section>
        )}
        {/* below the fold, and as much work again as the trend chart: drawn once that is on screen */}
        <AfterFirstPaint>
          <SpcSection series={series} councilName={councilName} />
        </AfterFirstPaint>
        <CommentaryList series={series} />
        <Suspense fallback={<LoadingState>Loading the commentary and actions…</LoadingState>}>
          <CommentaryReview code={series.indicator.code} months={series.points.map((p) => p.month)} />
          <ActionsPanel code={series.indicator.code} month={series.to} />
        </Suspense>
      </div>
    </>
  );
}

/**
 * Says what the address asked for and is not shown (issues 13, 24): a month outside the years the
 * dashboard covers, or a period the wrong way round, with a link to the latest months.
 */
function IgnoredRangeNotice({
  ignored,
  shown,
  latestHref,
}: {
  ignored: IndicatorViewState['ignored'];
  shown: { from: string; to: string } | undefined;
  latestHref: string;
}) {
  const outside = [ignored.outOfRange.from, ignored.outOfRange.to].filter((m): m is string => Boolean(m));
  if (outside.length === 0 && !ignored.reversed) return null;
  const showing = shown ? `, so the page shows ${formatMonth(shown.from)} to ${formatMonth(shown.to)}` : '';
  return (
    <div className="inset" role="note">
      {outside.length > 0 && (
        <p>
          There are no figures for {outside.map((month) => formatMonth(month)).join(' or ')}: the dashboard covers
          January {FIRST_SUPPORTED_YEAR} to December {lastSupportedYear()}
          {ignored.reversed ? '' : showing}.
        </p>
      )}
      {ignored.reversed && (
        <p>
          The period asked for runs backwards, from {formatMonth(ignored.reversed.from)} to{' '}
          {formatMonth(ignored.reversed.to)}. Its first month was ignored{showing}.
        </p>
      )}
      <p>
        <Link to={latestHref}>Show the latest months</Link>
      </p>
    </div>
  );
}

function headingFor(indicator: IndicatorDetail | undefined, code: string) {
  return indicator ? (indicator.shortTitle ?? indicator.title) : `KPI ${code}`;
}

export function IndicatorPage() {
  const { code = '' } = useParams();
  const { organisation } = useCurrentUser();
  const [searchParams, update] = useUrlState();
  const state = parseIndicatorParams(searchParams);
  const indicatorQuery = useIndicator(code);
  const series = useIndicatorSeries(code, { view: state.view, from: state.from, to: state.to });
  const indicator = indicatorQuery.data ?? series.data?.indicator;
  const notFound = isApiError(indicatorQuery.error) && indicatorQuery.error.status === 404 && !indicatorQuery.data;
  const heading = notFound ? 'KPI not found' : headingFor(indicator, code);
  useDocumentTitle(indicator ? `${indicator.code}: ${heading}` : heading, {
    hasErrors: (series.isError || indicatorQuery.isError) && !notFound,
  });
  const councilName = organisation?.name ?? 'This council';
  const backTo = state.to ? `/scorecard?${new URLSearchParams({ month: state.to })}` : '/scorecard';
  const latestParams = new URLSearchParams(searchParams);
  latestParams.delete('from');
  latestParams.delete('to');
  const latestHref = `/indicators/${encodeURIComponent(code)}${latestParams.size > 0 ? `?${latestParams}` : ''}`;

  if (notFound) {
    return (
      <>
        <h1>KPI not found</h1>
        <p>{isApiError(indicatorQuery.error) ? indicatorQuery.error.detail : null}</p>
        <p>
          <Link to="/scorecard">Go to the scorecard</Link> to find the KPI.
        </p>
      </>
    );
  }

  let seriesBody: ReactNode;
  if (series.isPending) seriesBody = <LoadingState>Loading the figures…</LoadingState>;
  else if (series.isError) {
    seriesBody =
      isApiError(series.error) && series.error.status === 404 ? (
        <EmptyState title="There are no figures for this KPI yet">
          <p>{series.error.detail}</p>
        </EmptyState>
      ) : (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      );
  } else {
    seriesBody = (
      <SeriesSection
        series={series.data}
        state={state}
        months={periodMonths(series.data)}
        councilName={councilName}
        updating={series.isPlaceholderData && series.isFetching}
        update={update}
      />
    );
  }

  return (
    <>
      <p className="no-print">
        <Link to={backTo} className="back-link">
          Back to the scorecard
        </Link>
      </p>
      <p className="caption">{indicator ? `${indicator.code} · ${THEME_LABELS[indicator.theme]}` : code}</p>
      <h1>{heading}</h1>
      {indicator?.shortTitle && <p className="lead">{indicator.title}</p>}
      <IgnoredRangeNotice
        ignored={state.ignored}
        shown={series.data ? { from: series.data.from, to: series.data.to } : undefined}
        latestHref={latestHref}
      />
      {seriesBody}
      {indicatorQuery.isError ? (
        <ErrorState error={indicatorQuery.error} onRetry={() => void indicatorQuery.refetch()} />
      ) : indicatorQuery.data ? (
        <IndicatorAbout indicator={indicatorQuery.data} />
      ) : (
        indicatorQuery.isPending && <LoadingState>Loading the definition…</LoadingState>
      )}
    </>
  );
}

export default IndicatorPage;
