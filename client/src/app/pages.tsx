import type { Role } from '@kpi/shared';
import type { ReactNode } from 'react';
import { HomePage } from '../features/overview/routes/HomePage';

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
export const APP_PAGES: readonly AppPage[] = [{ path: '/', element: <HomePage />, navLabel: 'Home' }];

export function canOpen(page: AppPage, role: Role): boolean {
  return !page.roles || page.roles.includes(role);
}

export function navigationFor(role: Role): { path: string; label: string }[] {
  return APP_PAGES.flatMap((page) =>
    page.navLabel && canOpen(page, role) ? [{ path: page.path, label: page.navLabel }] : [],
  );
}
