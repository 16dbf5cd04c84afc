import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After a client-side page change, move focus to the main content, as a full page load would
 * reset it, so keyboard and screen reader users start at the new page rather than the old link.
 * Redirects before the user has done anything (such as "/" → "/sign-in" on arrival) leave focus
 * alone, so the skip link is still the first thing Tab reaches.
 */
export function FocusMainOnNavigate() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  const interacted = useRef(false);

  useEffect(() => {
    const mark = () => {
      interacted.current = true;
    };
    document.addEventListener('keydown', mark, { capture: true, once: true });
    document.addEventListener('pointerdown', mark, { capture: true, once: true });
    return () => {
      document.removeEventListener('keydown', mark, { capture: true });
      document.removeEventListener('pointerdown', mark, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (interacted.current) document.getElementById('main-content')?.focus();
  }, [pathname]);

  return null;
}
