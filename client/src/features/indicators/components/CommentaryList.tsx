import { formatMonth, type SeriesResponse } from '@kpi/shared';

/** The Trust's commentary for each month in the range, newest first. */
export function CommentaryList({ series }: { series: SeriesResponse }) {
  const entries = [...series.commentary].sort((a, b) => b.month.localeCompare(a.month));
  return (
    <section className="section" aria-labelledby="commentary-heading">
      <h2 id="commentary-heading">Commentary</h2>
      {entries.length === 0 ? (
        <p>
          There is no commentary for {series.indicator.code} between {formatMonth(series.from)} and{' '}
          {formatMonth(series.to)}.
        </p>
      ) : (
        <ol className="commentary-list">
          {entries.map((entry) => (
            <li key={`${entry.month}-${entry.updatedAt}`} className="commentary-list__item">
              <h3 className="commentary-list__month">{formatMonth(entry.month)}</h3>
              {entry.body
                .split(/\n{2,}/)
                .filter((paragraph) => paragraph.trim() !== '')
                .map((paragraph) => (
                  <p key={paragraph.slice(0, 40)}>{paragraph}</p>
                ))}
              {entry.author && <p className="secondary-text">By {entry.author}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
