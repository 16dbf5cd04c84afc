import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways inside its own region on narrow screens, so the page itself
 * never does. The region is focusable and named, so keyboard users can scroll it with the arrow keys.
 */
export function ScrollableTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll it by keyboard.
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
