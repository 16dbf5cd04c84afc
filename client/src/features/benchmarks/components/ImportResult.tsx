import type { DfeImportResponse, DfePreviewResponse, NeighbourAverageValue } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { precisionOf } from '../mapping';
import { plural, shortMeaning, symbolMeaning } from '../words';
import { Figure } from './Figure';

const LEFT_OUT_WORDS = { suppressed: 'suppressed', no_figure: 'no figure', no_row: 'not in the file' } as const;

function contributors(average: NeighbourAverageValue | undefined, of: number | null): string {
  if (!average) return of === null ? 'No model' : `0 of ${of}: none has a figure`;
  const base = `${average.contributingCount} of ${average.of} neighbours contributed`;
  if (average.leftOut.length === 0) return base;
  const out = average.leftOut
    .map((l) => `${l.name} (${l.symbol ? `${l.symbol}, ${shortMeaning(l.symbol)}` : LEFT_OUT_WORDS[l.reason]})`)
    .join(', ');
  return `${base}; left out: ${out}`;
}

/**
 * The figures an import gives (or, for a dry run, would give) the organisation, its region and
 * England, with the statistical-neighbour mean and how many neighbours contributed: one table
 * per measure, newest period first.
 */
export function HeadlineTables({ result, preview }: { result: DfeImportResponse; preview: DfePreviewResponse }) {
  const { headlineAreas } = preview;
  const averages = result.neighbourAverages;
  const ofCount = averages.snModel ? (averages.values[0]?.of ?? null) : null;
  const symbols = new Set(
    result.headline.flatMap((h) => [h.organisation?.symbol, h.region?.symbol, h.england?.symbol].filter((s) => s)),
  );
  return (
    <>
      {averages.reason && <p className="inset">{averages.reason}</p>}
      {result.measures.map((m) => {
        const measure = preview.measures.find((x) => x.measureCode === m.measureCode);
        const precision = precisionOf(measure ?? { unit: m.unit, kpis: [] });
        const rows = result.headline.filter((h) => h.measureCode === m.measureCode);
        const kpis = measure?.kpis.map((k) => `${k.code} ${k.title}`).join('; ');
        const caption = `${kpis ? `${kpis}: ` : ''}${m.measureCode}, read as ${m.reads}`;
        return (
          <ScrollableTable label={`Figures for ${m.measureCode}`} key={m.measureCode}>
            <table className="table table--compact">
              <caption className="table__caption">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">{headlineAreas.organisation.name}</th>
                  <th scope="col">Statistical neighbours{averages.snModel ? ` (${averages.snModel.name})` : ''}</th>
                  {headlineAreas.region && <th scope="col">{headlineAreas.region.name}</th>}
                  <th scope="col">{headlineAreas.england.name}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((h) => {
                  const average = averages.values.find(
                    (v) =>
                      v.measureCode === h.measureCode &&
                      v.timePeriod === h.timePeriod &&
                      v.timeIdentifier === h.timeIdentifier,
                  );
                  return (
                    <tr key={`${h.timePeriod}|${h.timeIdentifier}`}>
                      <th scope="row">{h.timePeriod}</th>
                      <td className="cell-figure">
                        <Figure figure={h.organisation} unit={m.unit} precision={precision} />
                      </td>
                      <td>
                        <span className="cell-figure">
                          {average ? (
                            <Figure
                              figure={{ value: average.value, symbol: null }}
                              unit={m.unit}
                              precision={precision}
                            />
                          ) : (
                            'No average'
                          )}
                        </span>
                        <span className="cell-note">{contributors(average, ofCount)}</span>
                      </td>
                      {headlineAreas.region && (
                        <td className="cell-figure">
                          <Figure figure={h.region} unit={m.unit} precision={precision} />
                        </td>
                      )}
                      <td className="cell-figure">
                        <Figure figure={h.england} unit={m.unit} precision={precision} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollableTable>
        );
      })}
      {symbols.size > 0 && (
        <dl className="summary-list">
          {[...symbols].map((s) => (
            <div className="summary-list__row" key={s}>
              <dt>Symbol {s}</dt>
              <dd>{symbolMeaning(s!)}. Kept as the symbol, never read as zero.</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

/** Counts and everything skipped: what the import wrote (or would write). */
export function ImportCounts({ result }: { result: DfeImportResponse }) {
  const would = result.dryRun;
  const { totals, skipped } = result;
  return (
    <>
      <p>
        {would ? 'Importing would store' : 'Stored'} {plural(totals.inserted, 'new figure')},{' '}
        {plural(totals.changed, 'changed figure')} and {plural(totals.unchanged, 'figure')} already held, for every
        local authority, region and England in the file.
      </p>
      <ul className="list">
        {result.measures.map((m) => (
          <li key={m.measureCode}>
            <span className="reference">{m.measureCode}</span>: {plural(m.numbers, 'number')},{' '}
            {plural(m.suppressed, 'suppressed figure')}, periods {m.periods[0]} to {m.periods.at(-1)}
            {m.usedBy.length > 0 && ` (the comparator of ${m.usedBy.join(', ')})`}
          </li>
        ))}
        {skipped.unknownAreas.length > 0 && (
          <li>
            Skipped {plural(skipped.unknownAreas.length, 'area')} the dashboard does not know:{' '}
            {skipped.unknownAreas.map((a) => `${a.name} (row ${a.row})`).join(', ')}
          </li>
        )}
        {skipped.noPopulation.length > 0 && (
          <li>
            {plural(skipped.noPopulation.length, 'rate')} not computed: no ONS population for the area and year (for
            example {skipped.noPopulation[0]!.areaName}, {skipped.noPopulation[0]!.populationYear})
          </li>
        )}
        {skipped.empty > 0 && <li>{plural(skipped.empty, 'empty cell')}: nothing stored for them</li>}
        {result.changesTotal > 0 && (
          <li>
            {plural(result.changesTotal, 'figure')} already held with another value {would ? 'would change' : 'changed'}
            , for example{' '}
            {result.changes
              .slice(0, 3)
              .map(
                (c) =>
                  `${c.areaName} ${c.timePeriod}: ${c.before.symbol ?? c.before.value} → ${c.after.symbol ?? c.after.value}`,
              )
              .join('; ')}
          </li>
        )}
        {result.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </>
  );
}
