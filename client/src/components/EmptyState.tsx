import type { ReactNode } from 'react';

/** Says plainly that there is nothing to show, and why when known. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2 className="empty-state__title">{title}</h2>
      {children}
    </div>
  );
}
