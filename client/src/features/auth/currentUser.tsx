import type { MeResponse } from '@kpi/shared';
import { createContext, type ReactNode, useContext } from 'react';

const CurrentUserContext = createContext<MeResponse | null>(null);

/** Given by `RequireAuth` to the pages behind it, which therefore always have a user. */
export function CurrentUserProvider({ me, children }: { me: MeResponse; children: ReactNode }) {
  return <CurrentUserContext.Provider value={me}>{children}</CurrentUserContext.Provider>;
}

/** The signed-in user, for components rendered inside `RequireAuth`. */
export function useCurrentUser(): MeResponse {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser is only for pages behind RequireAuth');
  return me;
}
