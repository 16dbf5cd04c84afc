import { AUDIT_READER_ROLES, type Role } from '@kpi/shared';
import { lazy, type ReactNode, Suspense } from 'react';
import { LoadingState } from '../components/LoadingState';
import { LazyIndicatorPage } from '../features/indicators';
import { MeetingBriefingPage } from '../features/meetings/routes/MeetingBriefingPage';
import { MeetingsPage } from '../features/meetings/routes/MeetingsPage';
import { HomePage } from '../features/overview/routes/HomePage';
import { REGION_PATH } from '../features/regional';
import { ScorecardPage } from '../features/scorecard/routes/ScorecardPage';

const IndicatorsPage = lazy(() => import('../features/indicators/routes/IndicatorsPage'));
// Monthly returns are for a few officers: their screens load only when one is opened.
const ReturnsStartPage = lazy(() => import('../features/returns/routes/ReturnsStartPage'));
const ReturnUploadPage = lazy(() => import('../features/returns/routes/ReturnUploadPage'));
const ReturnHistoryPage = lazy(() => import('../features/returns/routes/ReturnHistoryPage'));
// Exports: the board pack form, and the pack's print page that the server's Chromium draws.
const BoardPackPage = lazy(() => import('../features/exports/routes/BoardPackPage'));
const PrintBoardPackPage = lazy(() => import('../features/exports/routes/PrintBoardPackPage'));
const ExceptionReportPage = lazy(() => import('../features/commentary/routes/ExceptionReportPage'));
// Benchmark data: imports by a few officers, loaded only when opened.
const BenchmarksPage = lazy(() => import('../features/benchmarks/routes/BenchmarksPage'));
const DfeImportPage = lazy(() => import('../features/benchmarks/routes/DfeImportPage'));
const PopulationsPage = lazy(() => import('../features/benchmarks/routes/PopulationsPage'));
const SnModelsPage = lazy(() => import('../features/benchmarks/routes/SnModelsPage'));
/** Who may import benchmark data; the server refuses everyone else. Choosing the model is admin-only. */
export const BENCHMARK_ROLES = ['analyst', 'commissioner', 'admin'] as const satisfies readonly Role[];

function benchmarkPage(page: ReactNode) {
  return (
    <div className="benchmarks-page">
      <Suspense fallback={<LoadingState>Loading benchmark data…</LoadingState>}>{page}</Suspense>
    </div>
  );
}
// The regional view: DfE's figures for every council in the region, with its chart.
const RegionPage = lazy(() => import('../features/regional/routes/RegionPage'));
// Account administration and the password form: rarely opened, and they carry the password list.
const UsersPage = lazy(() => import('../features/users/routes/UsersPage'));
const GroupsPage = lazy(() => import('../features/groups/routes/GroupsPage'));
const NewUserPage = lazy(() => import('../features/users/routes/NewUserPage'));
const AddExistingPersonPage = lazy(() => import('../features/users/routes/AddExistingPersonPage'));
const UserPage = lazy(() => import('../features/users/routes/UserPage'));
const ChangePasswordPage = lazy(() => import('../features/auth/routes/ChangePasswordPage'));
/** Who may manage accounts; the server refuses everyone else on /api/users. */
export const USER_ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];
// The contract's configuration: for the few who change it.
const ContractPage = lazy(() => import('../features/contract/routes/ContractPage'));
const IndicatorLibraryPage = lazy(() => import('../features/contract/routes/IndicatorLibraryPage'));
const IndicatorFormPage = lazy(() => import('../features/contract/routes/IndicatorFormPage'));
const ProposeSetPage = lazy(() => import('../features/contract/routes/ProposeSetPage'));
const ProposeBandsPage = lazy(() => import('../features/contract/routes/ProposeBandsPage'));
const ReliefEventPage = lazy(() => import('../features/contract/routes/ReliefEventPage'));
const NewMeetingPage = lazy(() => import('../features/contract/routes/NewMeetingPage'));
const SchedulePage = lazy(() => import('../features/contract/routes/SchedulePage'));
const SetupPage = lazy(() => import('../features/contract/routes/SetupPage'));
const AddCouncilPage = lazy(() => import('../features/contract/routes/AddCouncilPage'));
/** Who may change the contract; the server refuses everyone else, and a second person approves rating changes. */
export const CONTRACT_ROLES = ['commissioner', 'admin'] as const satisfies readonly Role[];
// The record of changes: read by the few who administer the council's people or its contract.
const RecordOfChangesPage = lazy(() => import('../features/audit/routes/RecordOfChangesPage'));
/**
 * Who may read the record of changes: those who administer the council's people
 * (USER_ADMIN_ROLES) or its contract (CONTRACT_ROLES); the server refuses everyone else on /api/audit.
 */
export const AUDIT_ROLES: readonly Role[] = AUDIT_READER_ROLES;
/** Where the header's "Change your password" link goes. */
export const CHANGE_PASSWORD_PATH = '/account/password';

/** Who is offered the board pack in the navigation; the API lets any signed-in person export. */
export const BOARD_PACK_ROLES = ['analyst', 'commissioner', 'admin'] as const satisfies readonly Role[];

/** Who may upload and load monthly returns; the server refuses everyone else on /api/returns. */
export const RETURN_ROLES = ['commissioner', 'analyst', 'admin'] as const satisfies readonly Role[];

function accountPage(page: ReactNode) {
  return <Suspense fallback={<LoadingState>Loading…</LoadingState>}>{page}</Suspense>;
}

function returnsPage(page: ReactNode) {
  return <Suspense fallback={<LoadingState>Loading monthly returns…</LoadingState>}>{page}</Suspense>;
}

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
    path: '/indicators',
    element: (
      <Suspense fallback={<LoadingState>Loading the indicators…</LoadingState>}>
        <IndicatorsPage />
      </Suspense>
    ),
    navLabel: 'Indicators',
  },
  {
    path: '/indicators/:code',
    element: (
      <Suspense fallback={<LoadingState>Loading the KPI page…</LoadingState>}>
        <LazyIndicatorPage.Component />
      </Suspense>
    ),
  },
  { path: '/meetings', element: <MeetingsPage />, navLabel: 'Meetings' },
  {
    path: REGION_PATH,
    element: (
      <Suspense fallback={<LoadingState>Loading the regional view…</LoadingState>}>
        <RegionPage />
      </Suspense>
    ),
    navLabel: 'Region',
  },
  { path: '/meetings/:id', element: <MeetingBriefingPage /> },
  {
    path: '/meetings/:id/exceptions',
    element: (
      <Suspense fallback={<LoadingState>Loading the exception report…</LoadingState>}>
        <ExceptionReportPage />
      </Suspense>
    ),
  },
  { path: '/returns', element: returnsPage(<ReturnsStartPage />), navLabel: 'Monthly returns', roles: RETURN_ROLES },
  { path: '/returns/uploads/:id', element: returnsPage(<ReturnUploadPage />), roles: RETURN_ROLES },
  { path: '/returns/history', element: returnsPage(<ReturnHistoryPage />), roles: RETURN_ROLES },
  {
    path: '/benchmarks',
    element: benchmarkPage(<BenchmarksPage />),
    navLabel: 'Benchmark data',
    roles: BENCHMARK_ROLES,
  },
  { path: '/benchmarks/dfe', element: benchmarkPage(<DfeImportPage />), roles: BENCHMARK_ROLES },
  { path: '/benchmarks/populations', element: benchmarkPage(<PopulationsPage />), roles: BENCHMARK_ROLES },
  { path: '/benchmarks/sn-models', element: benchmarkPage(<SnModelsPage />), roles: BENCHMARK_ROLES },
  {
    path: '/board-pack',
    element: <Suspense fallback={<LoadingState>Loading the board pack…</LoadingState>}>{<BoardPackPage />}</Suspense>,
    navLabel: 'Board pack',
    roles: BOARD_PACK_ROLES,
  },
  { path: '/contract', element: accountPage(<ContractPage />), navLabel: 'Contract', roles: CONTRACT_ROLES },
  { path: '/contract/indicators', element: accountPage(<IndicatorLibraryPage />), roles: CONTRACT_ROLES },
  { path: '/contract/indicators/new', element: accountPage(<IndicatorFormPage />), roles: CONTRACT_ROLES },
  { path: '/contract/indicators/:code', element: accountPage(<IndicatorFormPage />), roles: CONTRACT_ROLES },
  { path: '/contract/sets/new', element: accountPage(<ProposeSetPage />), roles: CONTRACT_ROLES },
  { path: '/contract/bands/new', element: accountPage(<ProposeBandsPage />), roles: CONTRACT_ROLES },
  { path: '/contract/relief/new', element: accountPage(<ReliefEventPage />), roles: CONTRACT_ROLES },
  { path: '/contract/meetings/new', element: accountPage(<NewMeetingPage />), roles: CONTRACT_ROLES },
  { path: '/contract/schedule', element: accountPage(<SchedulePage />), roles: CONTRACT_ROLES },
  { path: '/setup', element: accountPage(<SetupPage />), navLabel: 'Set-up', roles: USER_ADMIN_ROLES },
  { path: '/setup/councils/new', element: accountPage(<AddCouncilPage />), roles: USER_ADMIN_ROLES },
  { path: '/users', element: accountPage(<UsersPage />), navLabel: 'Users', roles: USER_ADMIN_ROLES },
  { path: '/users/new', element: accountPage(<NewUserPage />), roles: USER_ADMIN_ROLES },
  { path: '/users/existing', element: accountPage(<AddExistingPersonPage />), roles: USER_ADMIN_ROLES },
  { path: '/users/:id', element: accountPage(<UserPage />), roles: USER_ADMIN_ROLES },
  {
    path: '/groups',
    element: accountPage(<GroupsPage />),
    navLabel: 'Groups',
    roles: USER_ADMIN_ROLES,
  },
  { path: '/audit', element: accountPage(<RecordOfChangesPage />), navLabel: 'Record of changes', roles: AUDIT_ROLES },
  { path: CHANGE_PASSWORD_PATH, element: accountPage(<ChangePasswordPage />) },
  { path: '/print/board-pack', element: <Suspense fallback={null}>{<PrintBoardPackPage />}</Suspense> },
];

export function canOpen(page: AppPage, role: Role): boolean {
  return !page.roles || page.roles.includes(role);
}

export function navigationFor(role: Role): { path: string; label: string }[] {
  return APP_PAGES.flatMap((page) =>
    page.navLabel && canOpen(page, role) ? [{ path: page.path, label: page.navLabel }] : [],
  );
}
