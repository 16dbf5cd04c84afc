import type { ReturnUploadResponse } from '@kpi/shared';
import '../returns.css';

/**
 * What loading the file would do, counted as a reader sees it: new figures, figures whose value
 * changes, figures confirmed (the same value, now from a return) and figures that stay as they
 * are; ratings that change are counted apart so they stand out. An upload counted before the split
 * shows its changed figures as one number, as it always did.
 */
export function PreviewCounts({ data }: { data: ReturnUploadResponse }) {
  const { counts } = data;
  const split = counts.valueChanged !== undefined && counts.confirmed !== undefined;
  const items: [string, number, string][] = [
    ['new', counts.new, counts.new === 1 ? 'new figure' : 'new figures'],
    split
      ? ['changed', counts.valueChanged!, counts.valueChanged === 1 ? 'changed value' : 'changed values']
      : ['changed', counts.changed, counts.changed === 1 ? 'changed figure' : 'changed figures'],
  ];
  if (split) {
    items.push(['confirmed', counts.confirmed!, counts.confirmed === 1 ? 'figure confirmed' : 'figures confirmed']);
  }
  items.push(['unchanged', counts.unchanged, counts.unchanged === 1 ? 'figure unchanged' : 'figures unchanged']);
  if (counts.ratingChanged) {
    items.push(['rating', counts.ratingChanged, counts.ratingChanged === 1 ? 'rating changes' : 'ratings change']);
  }
  items.push(['warnings', counts.warnings, counts.warnings === 1 ? 'warning' : 'warnings']);
  return (
    <ul className="return-counts" aria-label="What loading the file would do">
      {items.map(([key, n, words]) => (
        <li key={key} className={`return-counts__item return-counts__item--${key}`}>
          <span className="return-counts__number">{n.toLocaleString('en-GB')}</span> {words}
        </li>
      ))}
      {counts.comments > 0 && (
        <li className="return-counts__item">
          <span className="return-counts__number">{counts.comments.toLocaleString('en-GB')}</span>{' '}
          {counts.comments === 1 ? 'comment to save' : 'comments to save'}
        </li>
      )}
    </ul>
  );
}
