import { formatUkDateTime } from '@kpi/shared';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useCurrentUser } from '../../auth';
import { indicatorPath } from '../../indicators';
import { useBenchmarkSources, useSnModels } from '../api/benchmarkApi';
import { NeighbourTable } from '../components/NeighbourTable';
import { DFE_IMPORT_PATH, POPULATIONS_PATH, SN_MODELS_PATH } from '../paths';
import { KIND_WORDS, plural } from '../words';

function CurrentModel() {
  const models = useSnModels();
  if (models.isPending) return <LoadingState>Loading the statistical-neighbour models…</LoadingState>;
  if (models.isError) return <ErrorState error={models.error} onRetry={() => void models.refetch()} />;
  const inUse = models.data.models.find((m) => m.inUse);
  if (!inUse) {
    return (
      <EmptyState title="No statistical-neighbour model is chosen">
        <p>
          Without one there is no neighbour average on the KPI pages.{' '}
          <Link to={SN_MODELS_PATH}>Import DfE’s list and choose a model</Link>.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <p>
        The organisation benchmarks against <strong>{inUse.name}</strong> (published {inUse.publishedOn}
        {inUse.sourceFile ? `, from ${inUse.sourceFile}` : ''}).{' '}
        <Link to={SN_MODELS_PATH}>Models and neighbour lists</Link>
      </p>
      {inUse.organisationNeighbours.length === 0 ? (
        <p className="inset">This model has no neighbour list for the organisation yet: import DfE’s file for it.</p>
      ) : (
        <NeighbourTable
          neighbours={inUse.organisationNeighbours}
          caption={`Neighbours in ${inUse.name}, closest first`}
        />
      )}
    </>
  );
}

function Sources() {
  const sources = useBenchmarkSources();
  if (sources.isPending) return <LoadingState>Loading the imported files…</LoadingState>;
  if (sources.isError) return <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />;
  const { populationYears, measureKpis } = sources.data;
  const kpisOf = (measure: string) => measureKpis.find((m) => m.measureCode === measure)?.kpis ?? [];
  return (
    <>
      <section className="section" aria-labelledby="populations-heading">
        <h2 id="populations-heading">Populations aged 0 to 17</h2>
        {populationYears.length === 0 ? (
          <p className="inset">
            No ONS populations are loaded, so no rate per 10,000 can be computed from a count.{' '}
            <Link to={POPULATIONS_PATH}>Import the ONS estimates</Link>.
          </p>
        ) : (
          <p>
            Mid-year estimates for {populationYears[0]!.year} to {populationYears.at(-1)!.year} (
            {plural(populationYears.length, 'year')}; {plural(Math.max(...populationYears.map((y) => y.areas)), 'area')}{' '}
            in the fullest year). <Link to={POPULATIONS_PATH}>Import populations</Link>
          </p>
        )}
      </section>
      <section className="section" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Imported files</h2>
        {sources.data.sources.length === 0 ? (
          <EmptyState title="No benchmark file has been imported here yet">
            <p>
              <Link to={DFE_IMPORT_PATH}>Import a DfE release file</Link> to add comparators.
            </p>
          </EmptyState>
        ) : (
          <ScrollableTable label="Imported files">
            <table className="table table--compact">
              <caption className="table__caption">Every benchmark import, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Release and file</th>
                  <th scope="col">Measures and KPIs</th>
                  <th scope="col">Figures</th>
                  <th scope="col">Imported</th>
                </tr>
              </thead>
              <tbody>
                {sources.data.sources.map((s) => (
                  <tr key={`${s.uploadId}|${s.importedAt}`}>
                    <th scope="row">
                      {s.sourceRelease}
                      <span className="cell-note">
                        {KIND_WORDS[s.kind]}: {s.fileName}
                      </span>
                    </th>
                    <td>
                      <ul className="plain-list">
                        {s.measures.map((m) => (
                          <li key={m}>
                            <span className="reference">{m}</span>
                            {kpisOf(m).map((k) => (
                              <span key={k.code}>
                                {' '}
                                → <Link to={indicatorPath(k.code)}>{k.code}</Link>
                              </span>
                            ))}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {s.rows.toLocaleString('en-GB')}
                      <span className="cell-note">
                        {s.counts.inserted} new, {s.counts.changed} changed, {s.counts.unchanged} unchanged
                      </span>
                    </td>
                    <td>
                      {formatUkDateTime(s.importedAt)}
                      <span className="cell-note">by {s.importedBy?.displayName ?? 'a removed user'}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>
    </>
  );
}

/** `/benchmarks`: what benchmark data is loaded, the neighbour model, and where to import more. */
export default function BenchmarksPage() {
  const { organisation } = useCurrentUser();
  useDocumentTitle('Benchmark data');
  return (
    <>
      {organisation && <p className="caption">{organisation.name}</p>}
      <h1>Benchmark data</h1>
      <div className="two-thirds">
        <p className="lead">
          Every KPI is set against its statistical neighbours, its region and England, from DfE’s published figures.
        </p>
        <ul className="list">
          <li>
            <Link to={DFE_IMPORT_PATH}>Import a DfE release file</Link>
          </li>
          <li>
            <Link to={POPULATIONS_PATH}>Import ONS populations (for rates per 10,000)</Link>
          </li>
          <li>
            <Link to={SN_MODELS_PATH}>Statistical-neighbour models</Link>
          </li>
        </ul>
      </div>
      <section className="section" aria-labelledby="model-heading">
        <h2 id="model-heading">Statistical neighbours</h2>
        <CurrentModel />
      </section>
      <Sources />
    </>
  );
}
