import { type DfePreviewResponse, formatUkDateTime } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { plural } from '../words';

const ROLE_WORDS = { key: 'Time or place', measure: 'Figures', category: 'Category' } as const;

/** What the server found in a DfE file: rows, levels, periods, areas, columns, warnings. */
export function FileSummary({ preview }: { preview: DfePreviewResponse }) {
  const periods = preview.periods;
  const unsupported = periods.filter((p) => !p.supported);
  return (
    <section className="section" aria-labelledby="file-heading">
      <h2 id="file-heading">What the file holds</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>File</dt>
          <dd>
            {preview.upload.fileName} ({plural(preview.rowCount, 'row')})
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Geographic levels</dt>
          <dd>
            {preview.geographicLevels
              .map((l) => `${l.level}: ${plural(l.rows, 'row')}${l.imported ? '' : ' (not stored)'}`)
              .join('; ')}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Time periods</dt>
          <dd>
            {periods.length === 0
              ? 'None'
              : `${periods.at(-1)!.timePeriod} to ${periods[0]!.timePeriod} (${plural(periods.length, 'period')}, ${[...new Set(periods.map((p) => p.timeIdentifier))].join(', ')})`}
            {unsupported.length > 0 && (
              <>. Cannot be placed: {unsupported.map((p) => `${p.timePeriod} ${p.timeIdentifier}`).join(', ')}</>
            )}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Areas</dt>
          <dd>
            {plural(preview.areas.known, 'known area')}
            {preview.areas.unknown.length > 0 &&
              `; ${plural(preview.areas.unknown.length, 'area')} the dashboard does not know will be skipped: ${preview.areas.unknown
                .map((a) => `${a.name} (${a.code}, row ${a.row})`)
                .join(', ')}`}
          </dd>
        </div>
        {preview.previousImports.length > 0 && (
          <div className="summary-list__row">
            <dt>Imported before</dt>
            <dd>
              {preview.previousImports
                .map((p) => `${formatUkDateTime(p.importedAt)} as “${p.sourceRelease}”`)
                .join('; ')}
            </dd>
          </div>
        )}
      </dl>
      {preview.warnings.length > 0 && (
        <div className="warning-text">
          <span className="warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="warning-text__text">
            <span className="visually-hidden">Warning</span>
            <ul className="list">
              {preview.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <details className="details">
        <summary className="details__summary">The file’s {plural(preview.columns.length, 'column')}</summary>
        <div className="details__text">
          <ScrollableTable label="Columns in the file">
            <table className="table table--compact">
              <caption className="table__caption">Columns in the file</caption>
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Holds</th>
                  <th scope="col">Numbers</th>
                  <th scope="col">Symbols</th>
                  <th scope="col">Example or values</th>
                </tr>
              </thead>
              <tbody>
                {preview.columns.map((c) => (
                  <tr key={c.name}>
                    <th scope="row" className="cell-code">
                      {c.name}
                    </th>
                    <td>{ROLE_WORDS[c.role]}</td>
                    <td className="cell-figure">{c.role === 'measure' ? c.numbers.toLocaleString('en-GB') : ''}</td>
                    <td>
                      {Object.entries(c.symbols)
                        .map(([s, n]) => `${s}: ${n}`)
                        .join(', ')}
                      {c.invalidCount > 0 &&
                        ` ${plural(c.invalidCount, 'unreadable cell')} (first: row ${c.invalid[0]?.row} “${c.invalid[0]?.value}”)`}
                    </td>
                    <td>{c.role === 'category' ? c.values.join(', ') : (c.example ?? '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        </div>
      </details>
    </section>
  );
}
