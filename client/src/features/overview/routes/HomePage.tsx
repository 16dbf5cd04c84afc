import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { useOverview } from '../api/getOverview';
import { DataHeld } from '../components/DataHeld';
import { KpiSets } from '../components/KpiSets';
import { NoOrganisation } from '../components/NoOrganisation';
import { OrganisationSummary } from '../components/OrganisationSummary';
import { RoleIntro } from '../components/RoleIntro';
import '../overview.css';

function OverviewSections() {
  const overview = useOverview();
  if (overview.isPending) return <LoadingState>Loading the overview…</LoadingState>;
  if (overview.isError) {
    // 404 is the server's honest "nothing set up yet", not a fault.
    if (isApiError(overview.error) && overview.error.status === 404) return <NoOrganisation />;
    return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const { organisation, kpiSets } = overview.data;
  return (
    <>
      <OrganisationSummary organisation={organisation} />
      <KpiSets kpiSets={kpiSets} />
      <DataHeld overview={overview.data} organisationName={organisation.name} />
    </>
  );
}

export function HomePage() {
  useDocumentTitle('Home');
  const { user, organisation } = useCurrentUser();

  return (
    <>
      {organisation && <p className="caption">{organisation.name}</p>}
      <h1>Children's services performance</h1>
      <div className="start-panel">
        <p>
          <Link to="/scorecard" className="button button--start">
            View the KPI scorecard
          </Link>
        </p>
        <p>
          See which KPIs are red and for how long, what changed since last month, and how the council compares with its
          statistical neighbours, the region and England. Before a board meeting, read the{' '}
          <Link to="/meetings">meeting briefings</Link>.
        </p>
        <p>
          <Link to="/indicators">Every indicator</Link>: contacts, referrals, assessments, section 47 enquiries, child
          protection and children in need plans, children in care, and the workforce, each with its latest figure
          against the statistical neighbours, the region and England.
        </p>
      </div>
      <RoleIntro role={user.role} />
      <OverviewSections />
    </>
  );
}
