import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { THEME_LABELS } from '../../../components/kpiLabels';
import { LoadingState } from '../../../components/LoadingState';
import { NavigationNotice } from '../../../components/NavigationNotice';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useIndicatorLibrary } from '../api/contract';
import { CONTRACT_PATH, indicatorEditPath, NEW_INDICATOR_PATH } from '../paths';
import { MEASURE_TYPE_WORDS, POLARITY_WORDS, UNIT_WORDS } from '../words';

/** Every indicator the organisation reports, contract KPI or monitored, with a link to edit it. */
export default function IndicatorLibraryPage() {
  useDocumentTitle('KPI library');
  const library = useIndicatorLibrary();
  return (
    <>
      <NavigationNotice />
      <p>
        <Link to={CONTRACT_PATH}>Back to the contract</Link>
      </p>
      <h1>KPI library</h1>
      <p>
        <Link to={NEW_INDICATOR_PATH} className="button button--link">
          Add an indicator
        </Link>
      </p>
      {library.isPending && <LoadingState>Loading the KPI library…</LoadingState>}
      {library.isError && <ErrorState error={library.error} onRetry={() => void library.refetch()} />}
      {library.data && (
        <ScrollableTable label="KPI library">
          <table className="table table--stack-narrow">
            <caption className="caption caption--left">{library.data.length} indicators</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Title</th>
                <th scope="col">Theme</th>
                <th scope="col">Unit</th>
                <th scope="col">Better when</th>
                <th scope="col">Measure</th>
                <th scope="col">Has figures or bands</th>
              </tr>
            </thead>
            <tbody>
              {library.data.map((indicator) => (
                <tr key={indicator.code}>
                  <th scope="row">
                    <Link to={indicatorEditPath(indicator.code)}>
                      {indicator.code}
                      <span className="visually-hidden">: edit</span>
                    </Link>
                  </th>
                  <td data-label="Title">{indicator.title}</td>
                  <td data-label="Theme">{THEME_LABELS[indicator.theme]}</td>
                  <td data-label="Unit">
                    {UNIT_WORDS[indicator.unit]}, {indicator.precision} decimal place
                    {indicator.precision === 1 ? '' : 's'}
                  </td>
                  <td data-label="Better when">{POLARITY_WORDS[indicator.polarity]}</td>
                  <td data-label="Measure">{MEASURE_TYPE_WORDS[indicator.measureType]}</td>
                  <td data-label="Has figures or bands">{indicator.inUse ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </>
  );
}
