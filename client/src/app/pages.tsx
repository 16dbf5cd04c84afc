import type { Role } from '@kpi/shared';
import { lazy, type ReactNode, Suspense } from 'react';
import { LoadingState } from '../components/LoadingState';
import { MeetingBriefingPage } from '../features/meetings/routes/MeetingBriefingPage';
import { MeetingsPage } from '../features/meetings/routes/MeetingsPage';
import { HomePage } from '../features/overview/routes/HomePage';
import { ScorecardPage } from '../features/scorecard/routes/ScorecardPage';

// The KPI page carries the charting library; it is loaded only when a KPI is opened.
const IndicatorPage = lazy(() => import('../features/indicators/routes/IndicatorPage'));

/** A signed-in page: its route and, when `navLabel` is set, its entry in the primary navigation. */
export type AppPage = {
  path: string;
  element: ReactNode;
  navLabel?: string;
  /** Who may open the page; everyone signed in when omitted. */
  roles?: readonly Role[];
};

/**
 * The single list of pages behind sign-in. Routes and navigation are both built from it, so a
 * new screen (upload, scorecard…) is one entry here and never appears before it exists.
 */
export const APP_PAGES: readonly AppPage[] = [
  { path: '/', element: <HomePage />, navLabel: 'Home' },
  { path: '/scorecard', element: <ScorecardPage />, navLabel: 'Scorecard' },
  {
    path: '/indicators/:code',
    element: (
      <Suspense fallback={<LoadingState>Loading the KPI page…</LoadingState>}>
        <IndicatorPage />
      </Suspense>
    ),
  },
  { path: '/meetings', element: <MeetingsPage />, navLabel: 'Meetings' },
  { path: '/meetings/:id', element: <MeetingBriefingPage /> },
];

export function canOpen(page: AppPage, role: Role): boolean {
  return !page.roles || page.roles.includes(role);
}

export function navigationFor(role: Role): { path: string; label: string }[] {
  return APP_PAGES.flatMap((page) =>
    page.navLabel && canOpen(page, role) ? [{ path: page.path, label: page.navLabel }] : [],
  );
}
