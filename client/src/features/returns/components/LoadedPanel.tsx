import { formatMonth, type ReturnPreviewItem, type ReturnUploadResponse } from '@kpi/shared';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { indicatorPath } from '../../indicators';
import { plural } from '../words';
import '../returns.css';

/** The latest month of each KPI among the items, KPIs in the order they first appear. */
function latestByKpi(items: readonly ReturnPreviewItem[]): { code: string; title: string; month: string }[] {
  const byCode = new Map<string, { code: string; title: string; month: string }>();
  for (const item of items) {
    const seen = byCode.get(item.kpiCode);
    if (!seen) byCode.set(item.kpiCode, { code: item.kpiCode, title: item.kpiTitle, month: item.month });
    else if (item.month > seen.month) seen.month = item.month;
  }
  return [...byCode.values()];
}

/** The latest month among every figure in the file. */
export function latestMonthOf(data: ReturnUploadResponse): string | null {
  const months = [...data.preview.newValues, ...data.preview.changedValues, ...data.preview.unchangedValues].map(
    (item) => item.month,
  );
  // YYYY-MM strings sort in time order.
  return months.sort().at(-1) ?? null;
}

/**
 * GOV.UK confirmation panel for a loaded upload, then where to see the figures: the scorecard for
 * the file's latest month and each KPI whose figures were written.
 */
export function LoadedPanel({ data, focus }: { data: ReturnUploadResponse; focus: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  const commit = data.commit;
  const written = data.upload.outcome === 'committed';
  const latest = latestMonthOf(data);
  const kpis = latestByKpi([...data.preview.changedValues, ...data.preview.newValues]);

  return (
    <>
      <div className="panel panel--confirmation">
        <h1 className="panel__title" ref={heading} tabIndex={-1}>
          {written ? 'Figures loaded' : 'Nothing changed'}
        </h1>
        <div className="panel__body">
          {commit ? (
            <>
              <strong>{commit.created}</strong> new, <strong>{commit.valueChanged ?? commit.changed}</strong> changed
              {/* confirmed: the same value written again, now from this return (counted since the split) */}
              {(commit.confirmed ?? 0) > 0 && (
                <>
                  , <strong>{commit.confirmed}</strong> confirmed
                </>
              )}
              {(commit.ratingChanged ?? 0) > 0 && (
                <>
                  , <strong>{commit.ratingChanged}</strong> {commit.ratingChanged === 1 ? 'rating' : 'ratings'} changed
                </>
              )}
              {commit.commentsSaved > 0 && (
                <>
                  , <strong>{commit.commentsSaved}</strong> {commit.commentsSaved === 1 ? 'comment' : 'comments'}
                </>
              )}
            </>
          ) : (
            'The upload has been recorded'
          )}
        </div>
      </div>
      <p className="lead">{data.message}</p>
      <h2 className="heading-m">See the figures</h2>
      <ul className="list">
        {latest && (
          <li>
            <Link to={`/scorecard?${new URLSearchParams({ month: latest })}`}>
              The scorecard for {formatMonth(latest)}
            </Link>
          </li>
        )}
        <li>
          <Link to="/returns">Upload another return</Link>
        </li>
      </ul>
      {written && kpis.length > 0 && (
        <section className="section" aria-labelledby="loaded-kpis-heading">
          <h2 id="loaded-kpis-heading" className="heading-m">
            KPIs with new or changed figures ({kpis.length})
          </h2>
          <ul className="list loaded-kpis">
            {kpis.map((kpi) => (
              <li key={kpi.code}>
                <Link to={indicatorPath(kpi.code, { to: kpi.month })}>
                  <strong>{kpi.code}</strong> {kpi.title}
                </Link>
                <span className="secondary-text"> (to {formatMonth(kpi.month)})</span>
              </li>
            ))}
          </ul>
          {commit && commit.created + commit.changed === 0 && (
            <p>{plural(commit.commentsSaved, 'comment')} saved; no figure changed.</p>
          )}
        </section>
      )}
    </>
  );
}
