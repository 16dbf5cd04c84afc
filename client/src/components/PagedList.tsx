import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Pagination } from './Pagination';

/**
 * Rows a long table shows at once. A ten-year backfill (7,200 figures) in one table took the
 * browser about 2.3 s to show and made a page of 65,000 elements; 100 rows show in a few tens
 * of milliseconds (bench/preview.ts) and a normal monthly return (about 60 figures) still fits
 * on one page, so it looks as it always has.
 */
export const PAGE_SIZE = 100;

/**
 * A long list shown a page at a time: "Showing 101 to 200 of 7,200 new figures", the rows
 * `render` draws for the page, then GOV.UK pagination. A list that fits on one page is just
 * `render(items)`, with nothing around it. Changing the page moves focus to the "Showing" line,
 * at the top of the new rows, so a screen reader says which rows are now shown. Key it by
 * anything that replaces the list (a filter) to start again at page 1.
 */
export function PagedList<T>({
  items,
  noun,
  render,
  pageSize = PAGE_SIZE,
}: {
  items: readonly T[];
  /** What the items are, in the plural: "new figures". Names the pagination: "Pages of new figures". */
  noun: string;
  render: (shown: readonly T[]) => ReactNode;
  pageSize?: number;
}) {
  const [chosenPage, setChosenPage] = useState(1);
  const status = useRef<HTMLParagraphElement>(null);
  const focusStatus = useRef(false);
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(chosenPage, pageCount);

  // After the render that shows the chosen page (the flag is set only by choosing one).
  useEffect(() => {
    if (!focusStatus.current) return;
    focusStatus.current = false;
    // Scrolled to explicitly: focus alone leaves a tall table where it was when its bottom is in view.
    status.current?.scrollIntoView?.({ block: 'start' });
    status.current?.focus({ preventScroll: true });
  });

  if (items.length <= pageSize) return <>{render(items)}</>;

  const first = (page - 1) * pageSize;
  const shown = items.slice(first, first + pageSize);
  return (
    <>
      <p className="paged-status" ref={status} tabIndex={-1}>
        Showing <strong>{(first + 1).toLocaleString('en-GB')}</strong> to{' '}
        <strong>{(first + shown.length).toLocaleString('en-GB')}</strong> of{' '}
        <strong>{items.length.toLocaleString('en-GB')}</strong> {noun}
      </p>
      {render(shown)}
      <Pagination
        label={`Pages of ${noun}`}
        page={page}
        pageCount={pageCount}
        onPage={(next) => {
          if (next === page) return;
          focusStatus.current = true;
          setChosenPage(next);
        }}
      />
    </>
  );
}
