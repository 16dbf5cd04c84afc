import { Outlet } from 'react-router';
import { PageShell } from './PageShell';

export function PublicLayout() {
  return (
    <PageShell>
      <Outlet />
    </PageShell>
  );
}
