import type { SessionStatus } from '@kpi/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../lib/apiClient';
import { extendSession, getSessionStatus } from './api/sessionStatus';
import { markSignedOut } from './session';

/** How long before the end the warning appears (GOV.UK and WCAG 2.2.1 suggest at least 20 seconds; two minutes gives time to read it). */
export const TIMEOUT_WARNING_MS = 2 * 60_000;
/** After a network failure, ask again this much later rather than signing anyone out. */
const RETRY_MS = 30_000;

export type SessionTimeoutWarning = {
  /** When the session ends, on this browser's clock. */
  endsAt: number;
  /** Idle: "Stay signed in" can extend it. Absolute: the limit since sign-in, which nothing extends. */
  limit: 'idle' | 'absolute';
  /** The configured limits, for the words of the warning. */
  idleMinutes: number;
  absoluteHours: number;
};

/** The earlier of the two limits, moved onto the browser's clock (which may differ from the server's). */
function endOf(status: SessionStatus, receivedAt: number): SessionTimeoutWarning {
  const offset = Date.parse(status.serverTime) - receivedAt;
  const idle = Date.parse(status.idleExpiresAt) - offset;
  const absolute = Date.parse(status.absoluteExpiresAt) - offset;
  const limits = { idleMinutes: status.idleMinutes, absoluteHours: status.absoluteHours };
  return idle <= absolute
    ? { endsAt: idle, limit: 'idle', ...limits }
    : { endsAt: absolute, limit: 'absolute', ...limits };
}

/**
 * Watches the session's time limits. Nothing is polled while there is plenty of time: the status
 * is asked for again only when the warning is due (by then other pages' requests may have moved
 * the idle limit on) and when the session is due to end. At the end the user is signed out here
 * and taken to sign in, then back to the page they were on.
 */
export function useSessionTimeout() {
  const queryClient = useQueryClient();
  const [warning, setWarning] = useState<SessionTimeoutWarning | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const active = useRef(true);

  const later = useCallback((ms: number, action: () => void) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(action, Math.max(0, ms));
  }, []);

  const follow = useCallback(
    async (request: () => Promise<SessionStatus>) => {
      let status: SessionStatus;
      try {
        status = await request();
      } catch (error) {
        if (!active.current) return;
        if (isApiError(error) && error.status === 401) {
          setWarning(null);
          markSignedOut(queryClient, 'timed-out');
          return;
        }
        later(RETRY_MS, () => void follow(getSessionStatus));
        return;
      }
      if (!active.current) return;
      const end = endOf(status, Date.now());
      const left = end.endsAt - Date.now();
      const check = () => void follow(getSessionStatus);
      if (left > TIMEOUT_WARNING_MS) {
        setWarning(null);
        later(left - TIMEOUT_WARNING_MS, check);
      } else {
        setWarning(end);
        // Just after the end, the server confirms it (401) or shows the session was used meanwhile.
        later(left + 1_000, check);
      }
    },
    [queryClient, later],
  );

  useEffect(() => {
    active.current = true;
    void follow(getSessionStatus);
    return () => {
      active.current = false;
      clearTimeout(timer.current);
    };
  }, [follow]);

  const staySignedIn = useCallback(() => follow(extendSession), [follow]);
  return { warning, staySignedIn };
}
