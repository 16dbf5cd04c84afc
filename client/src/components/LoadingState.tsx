import type { ReactNode } from 'react';

/** A polite live region, so screen reader users hear that something is on its way. */
export function LoadingState({ children }: { children: ReactNode }) {
  return (
    <p className="loading" role="status">
      {children}
    </p>
  );
}
