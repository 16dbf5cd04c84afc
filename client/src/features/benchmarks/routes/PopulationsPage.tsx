import type { PopulationImportResponse } from '@kpi/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { TextField } from '../../../components/TextField';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useImportPopulations } from '../api/benchmarkApi';
import { csvFileProblem } from '../benchmarkFile';
import { CsvFileField, chosenFile } from '../components/CsvFileField';
import { FailureSummary } from '../components/FailureSummary';
import { ProblemList } from '../components/ProblemList';
import { BENCHMARKS_PATH } from '../paths';
import { failureOf, type RequestFailure } from '../problems';
import { plural, shortMeaning } from '../words';

const FILE_ID = 'population-file';

function Result({ result }: { result: PopulationImportResponse }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { skipped } = result;
  return (
    <section className="section" aria-labelledby="population-result">
      <div className="panel panel--confirmation">
        <h2 className="panel__title" id="population-result" ref={heading} tabIndex={-1}>
          {result.rows.inserted + result.rows.changed > 0 ? 'Populations imported' : 'Nothing changed'}
        </h2>
        <div className="panel__body">
          <strong>{result.rows.inserted}</strong> new, <strong>{result.rows.changed}</strong> changed,{' '}
          <strong>{result.rows.unchanged}</strong> unchanged
        </div>
      </div>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Mid-years</dt>
          <dd>
            {result.years.length > 0
              ? `${result.years[0]} to ${result.years.at(-1)} (${plural(result.years.length, 'year')})`
              : 'None'}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Areas</dt>
          <dd>{plural(result.areas, 'area')}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Recorded as</dt>
          <dd>{result.sourceRelease}</dd>
        </div>
        {skipped.unknownAreas.length > 0 && (
          <div className="summary-list__row">
            <dt>Areas skipped</dt>
            <dd>{skipped.unknownAreas.map((a) => `${a.name} (${a.code}, row ${a.row})`).join(', ')}</dd>
          </div>
        )}
        {skipped.otherAgeGroups.length > 0 && (
          <div className="summary-list__row">
            <dt>Other age groups, not stored</dt>
            <dd>{skipped.otherAgeGroups.map((a) => `${a.ageGroup} (${plural(a.rows, 'row')})`).join(', ')}</dd>
          </div>
        )}
      </dl>
      {skipped.noEstimate.length > 0 && (
        <ScrollableTable label="Areas and years with no estimate">
          <table className="table table--compact">
            <caption className="table__caption">
              {plural(skipped.noEstimate.length, 'estimate')} not given in the file (never stored as zero)
            </caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Area</th>
                <th scope="col">Year</th>
                <th scope="col">Symbol</th>
              </tr>
            </thead>
            <tbody>
              {skipped.noEstimate.slice(0, 50).map((n) => (
                <tr key={n.row}>
                  <td>{n.row}</td>
                  <th scope="row">{n.areaName}</th>
                  <td>{n.year}</td>
                  <td>{n.symbol ? `${n.symbol} (${shortMeaning(n.symbol)})` : 'Empty'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
      <p>
        <Link to={BENCHMARKS_PATH}>Back to benchmark data</Link>
      </p>
    </section>
  );
}

/** `/benchmarks/populations`: import ONS 0–17 mid-year estimates, the denominators of rates per 10,000. */
export default function PopulationsPage() {
  const importFile = useImportPopulations();
  const [release, setRelease] = useState('');
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [attempts, setAttempts] = useState(0);
  useDocumentTitle('Import ONS populations', { hasErrors: failure !== null });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (importFile.isPending) return;
    const file = chosenFile(event.currentTarget);
    const problem = csvFileProblem(file, 'ONS population file');
    const fail = (next: RequestFailure) => {
      setFailure(next);
      setAttempts((n) => n + 1);
    };
    if (problem || !file) return fail({ text: problem ?? 'Select the ONS population file', problems: [] });
    setFailure(null);
    importFile.mutate(
      { file, sourceRelease: release },
      { onError: (error) => fail(failureOf(error, 'Your role cannot import benchmark data')) },
    );
  };

  return (
    <>
      <FailureSummary failure={failure} attempts={attempts} fieldId={FILE_ID} />
      <h1>Import ONS populations</h1>
      <div className="two-thirds">
        <p className="lead">
          Rates per 10,000 children divide a count by the ONS mid-year estimate of children aged 0 to 17. Load the
          estimates in the tidy CSV layout, with every local authority, region and England.
        </p>
        <form onSubmit={onSubmit} noValidate aria-busy={importFile.isPending}>
          <CsvFileField
            id={FILE_ID}
            label="ONS population file"
            hint="For example ons_mid-year_population_estimates_2012_to_2024.csv."
            error={failure && !failure.serviceError && failure.problems.length === 0 ? failure.text : null}
          />
          <TextField
            id="population-release"
            label="Release (optional)"
            hint="Leave empty to record it as the ONS mid-year estimates with the file’s name."
            value={release}
            onChange={setRelease}
          />
          <button type="submit" className="button" aria-disabled={importFile.isPending || undefined}>
            Import the populations
          </button>
          <p className={importFile.isPending ? 'loading' : 'visually-hidden'} role="status">
            {importFile.isPending ? 'Importing the populations…' : ''}
          </p>
        </form>
      </div>
      {failure && <ProblemList problems={failure.problems} label="Problems in the file" />}
      {importFile.data && !failure && <Result key={importFile.data.upload.id} result={importFile.data} />}
    </>
  );
}
