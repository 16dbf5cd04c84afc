import { formatMonth, type SeriesResponse } from '@kpi/shared';
import { CommentaryText } from '../../commentary';
import '../indicators.css';

/** The agreed commentary for each month in the range, newest first. */
export function CommentaryList({ series }: { series: SeriesResponse }) {
  const entries = [...series.commentary].sort((a, b) => b.month.localeCompare(a.month));
  return (
    <section className="section" aria-labelledby="commentary-heading">
      <h2 id="commentary-heading">Agreed commentary</h2>
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
              <CommentaryText text={entry.body} />
              {entry.author && <p className="secondary-text">By {entry.author}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
