import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The page's state lives in the address, so a link opens the same view and Back undoes a change.
 * `update` sets (or, with null/undefined, removes) some parameters and keeps the rest; each change
 * is a new history entry unless `replace` is asked for.
 */
export function useUrlState() {
  const [searchParams, setSearchParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null | undefined>, { replace = false } = {}) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace, preventScrollReset: true },
      );
    },
    [setSearchParams],
  );
  return [searchParams, update] as const;
}
