import { type RefObject, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** What a form passes to the page it goes to on success: the words of its confirmation. */
export type NoticeState = { done?: string };

/**
 * The confirmation a form passed in the history state ("PI16 is saved."), shown once: it is kept
 * here and taken out of the history entry at once, so reloading the page (or coming back to it)
 * does not say again that something was just done. Each new notice takes the focus, so a screen
 * reader reads it out.
 */
export function useNavigationNotice(): { notice: string | null; noticeRef: RefObject<HTMLDivElement | null> } {
  const location = useLocation();
  const navigate = useNavigate();
  const passed = (location.state as NoticeState | null)?.done;
  const [notice, setNotice] = useState<{ words: string; key: string } | null>(
    typeof passed === 'string' ? { words: passed, key: location.key } : null,
  );
  const noticeRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once for every navigation that brings a notice.
  useEffect(() => {
    if (typeof passed !== 'string') return;
    setNotice((shown) => (shown?.key === location.key ? shown : { words: passed, key: location.key }));
    navigate(
      { pathname: location.pathname, search: location.search, hash: location.hash },
      { replace: true, state: null },
    );
  }, [location.key]);

  // A new notice (a new navigation's, even with the same words) takes the focus.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  return { notice: notice?.words ?? null, noticeRef };
}

/** The confirmation after a form, as a status message that takes the focus; nothing when there is none. */
export function NavigationNotice() {
  const { notice, noticeRef } = useNavigationNotice();
  if (!notice) return null;
  return (
    <div className="notification" role="status" tabIndex={-1} ref={noticeRef}>
      <p>{notice}</p>
    </div>
  );
}
