import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { useOverview } from '../../overview';
import { RecentUploads } from '../components/RecentUploads';
import { TemplateForm } from '../components/TemplateForm';
import { UploadErrorSummary, UploadForm, useUploadForm } from '../components/UploadForm';
import { RETURNS_PATH } from '../paths';
import '../returns.css';

function Template() {
  const overview = useOverview();
  if (overview.isPending) return <LoadingState>Loading the KPI sets…</LoadingState>;
  if (overview.isError) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  return <TemplateForm kpiSets={overview.data.kpiSets} />;
}

/** `/returns`: what a return is, the template, the upload form and the latest uploads. */
export default function ReturnsStartPage() {
  const { organisation } = useCurrentUser();
  const form = useUploadForm();
  useDocumentTitle('Monthly returns', { hasErrors: form.error !== null });

  return (
    <>
      <UploadErrorSummary form={form} />
      {organisation && <p className="caption">{organisation.name}</p>}
      <h1>Monthly returns</h1>
      <div className="two-thirds">
        <p className="lead">
          Each month the Trust sends the council its return: a figure for every contract KPI for the month just ended.
          Load it here so the scorecard, the KPI pages and the meeting briefings use it.
        </p>
        <ol className="list step-list">
          <li>Download a template for the months you need, or use the one the Trust sent.</li>
          <li>Upload the completed file. Every figure is checked, and you see exactly what would change.</li>
          <li>Correct any problems, then load the figures. Nothing is saved until you do.</li>
        </ol>
        <p>
          Every figure keeps a history: who set it, when, from which file and why it changed.{' '}
          <Link to={`${RETURNS_PATH}/history`}>Look up the history of a figure</Link>.
        </p>
      </div>

      <section className="section" aria-labelledby="template-heading">
        <h2 id="template-heading">Download a template</h2>
        <div className="two-thirds">
          <p>
            KPIs are rows and months are columns. Leave a cell empty when there is no figure: an empty cell is never
            read as zero.
          </p>
          <Template />
        </div>
      </section>

      <section className="section" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload a return</h2>
        <div className="two-thirds">
          <UploadForm form={form} />
        </div>
      </section>

      <section className="section" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent uploads</h2>
        <RecentUploads />
      </section>
    </>
  );
}
