import { type SessionStatus, sessionStatusSchema } from '@kpi/shared';
import { apiFetch } from '../../../lib/apiClient';

/** When the session times out. The server does not count this request as activity. */
export function getSessionStatus(): Promise<SessionStatus> {
  return apiFetch('/api/auth/session', sessionStatusSchema);
}

/** "Stay signed in": restarts the idle limit. */
export function extendSession(): Promise<SessionStatus> {
  return apiFetch('/api/auth/session/extend', sessionStatusSchema, { method: 'POST' });
}
