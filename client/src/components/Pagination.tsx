/** A page number, or a gap between page numbers (shown as an ellipsis). */
export type PageItem = number | 'gap';

/**
 * The page numbers GOV.UK pagination shows: the first, the last, the current one and its
 * neighbours, with a gap wherever numbers are left out (1 … 4 5 6 … 72). A gap never stands for
 * a single page: that page is shown instead.
 */
export function pageItems(current: number, count: number): PageItem[] {
  const numbers = [...new Set([1, current - 1, current, current + 1, count])]
    .filter((n) => n >= 1 && n <= count)
    .sort((a, b) => a - b);
  const items: PageItem[] = [];
  for (const [index, n] of numbers.entries()) {
    const previous = numbers[index - 1];
    if (previous !== undefined && n - previous === 2) items.push(previous + 1);
    else if (previous !== undefined && n - previous > 2) items.push('gap');
    items.push(n);
  }
  return items;
}

/**
 * GOV.UK pagination for a list shown a page at a time in this page (no navigation, so buttons):
 * Previous, the page numbers ("Page 3", the current one marked `aria-current="page"`), Next.
 * Named by `label`, so several lists on one page each have their own navigation landmark.
 */
export function Pagination({
  label,
  page,
  pageCount,
  onPage,
}: {
  label: string;
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 && (
        <div className="pagination__prev">
          <button type="button" className="pagination__link" onClick={() => onPage(page - 1)}>
            <span className="pagination__arrow" aria-hidden="true">
              ←{'\u00a0'}
            </span>
            Previous <span className="visually-hidden">page</span>
          </button>
        </div>
      )}
      <ul className="pagination__list">
        {pageItems(page, pageCount).map((item, index) =>
          item === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no identity but its place.
            <li key={`gap-${index}`} className="pagination__item pagination__item--gap">
              ⋯
            </li>
          ) : (
            <li key={item} className={`pagination__item${item === page ? ' pagination__item--current' : ''}`}>
              <button
                type="button"
                className="pagination__link"
                aria-label={`Page ${item}`}
                aria-current={item === page ? 'page' : undefined}
                onClick={() => onPage(item)}
              >
                {item}
              </button>
            </li>
          ),
        )}
      </ul>
      {page < pageCount && (
        <div className="pagination__next">
          <button type="button" className="pagination__link" onClick={() => onPage(page + 1)}>
            Next <span className="visually-hidden">page</span>
            <span className="pagination__arrow" aria-hidden="true">
              {'\u00a0'}→
            </span>
          </button>
        </div>
      )}
    </nav>
  );
}
