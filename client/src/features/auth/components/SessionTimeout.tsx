import { useState } from 'react';
import { useLogout } from '../api/logout';
import { useSessionTimeout } from '../useSessionTimeout';
import { SessionTimeoutDialog } from './SessionTimeoutDialog';

/** The time-out warning for every signed-in page; renders nothing until the warning is due. */
export function SessionTimeout() {
  const { warning, staySignedIn } = useSessionTimeout();
  const logout = useLogout();
  const [staying, setStaying] = useState(false);
  if (!warning) return null;
  const stay = () => {
    if (staying) return;
    setStaying(true);
    void staySignedIn().finally(() => setStaying(false));
  };
  return (
    <SessionTimeoutDialog
      warning={warning}
      onStay={stay}
      onSignOut={() => !logout.isPending && logout.mutate()}
      busy={staying}
    />
  );
}
