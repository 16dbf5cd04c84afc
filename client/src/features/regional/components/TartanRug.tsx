import { type RegionalTableResponse, symbolMeaning, UNIT_HEADER_WORDS } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { JUDGEMENT_MARKS, JudgementMark, QuintileMeter } from './positionMarks';

type Row = RegionalTableResponse['rows'][number];

/** Council name A–Z, or one measure's figures highest first (councils without one last). */
export function sortRows(table: RegionalTableResponse, sort: string): Row[] {
  const column = table.measures.findIndex((m) => m.code === sort);
  const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, 'en-GB');
  if (column < 0) return [...table.rows].sort(byName);
  const figureIn = (row: Row) => {
    const cell = row.cells[column]!;
    return cell.symbol === null ? cell.value : null;
  };
  return [...table.rows].sort((a, b) => {
    const va = figureIn(a);
    const vb = figureIn(b);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return vb - va || byName(a, b);
  });
}

/** What the position marks mean, above the table. */
export function RugLegend() {
  return (
    <div className="regional-legend">
      <h3 className="regional-legend__title">Key</h3>
      <ul className="regional-legend__list">
        {(['better', 'similar', 'worse'] as const).map((judgement) => (
          <li key={judgement}>
            <JudgementMark judgement={judgement} />: {JUDGEMENT_MARKS[judgement].meaning}
          </li>
        ))}
        <li>
          <span aria-hidden="true">{JUDGEMENT_MARKS.higher.shape}</span> Higher or Lower: above or below the regional
          figure by more than 5% for a measure where neither direction is better (not rated: no polarity)
        </li>
        <li>
          <QuintileMeter quintile={3} />: the council’s quintile among the region’s councils with a figure, 1 the lowest
          fifth of figures and 5 the highest (whatever is better); fewer than five councils with a figure are not ranked
        </li>
        <li>
          c, x, z, low, u: DfE suppression symbols (for example c: {symbolMeaning('c').toLowerCase()}); never zero
        </li>
      </ul>
    </div>
  );
}

/**
 * The "tartan rug": the region's councils down the side, DfE's measures across, each cell the
 * figure, its quintile (a meter) and how it compares with the regional figure (a shape and a word),
 * with the region's and England's figures at the foot.
 */
export function TartanRug({ table, sort }: { table: RegionalTableResponse; sort: string }) {
  const rows = sortRows(table, sort);
  const sortedBy = table.measures.find((m) => m.code === sort);
  return (
    <ScrollableTable label={`${table.region.name}: councils by DfE measure`}>
      <table className="table regional-rug">
        <caption className="table__caption">
          {table.region.name}: DfE’s published figures for its {table.rows.length} councils, each council’s quintile in
          the region and how it compares with the regional figure.{' '}
          {sortedBy ? `Sorted by ${sortedBy.label.toLowerCase()}, highest first.` : 'Sorted by council name.'}
        </caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={sortedBy ? undefined : 'ascending'}>
              Council
            </th>
            {table.measures.map((measure) => (
              <th
                key={measure.code}
                scope="col"
                className="regional-rug__measure"
                aria-sort={sortedBy?.code === measure.code ? 'descending' : undefined}
              >
                {measure.label}
                <span className="secondary-text regional-rug__period">
                  {' '}
                  ({measure.timePeriod}, {UNIT_HEADER_WORDS[measure.unit]})
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.areaCode} className={row.servedHere ? 'regional-rug__served' : undefined}>
              <th scope="row">
                {row.name}
                {row.servedHere && <span className="tag regional-rug__tag">Served here</span>}
              </th>
              {row.cells.map((cell) => (
                <td key={cell.measureCode} className={`regional-cell regional-cell--${cell.againstRegion}`}>
                  <span className="regional-cell__value" title={cell.symbol ? symbolMeaning(cell.symbol) : undefined}>
                    {cell.displayValue}
                  </span>
                  {cell.value !== null && cell.symbol === null && (
                    <span className="regional-cell__position" aria-hidden="true">
                      <QuintileMeter quintile={cell.quintile} />
                      <JudgementMark judgement={cell.againstRegion} />
                    </span>
                  )}
                  <span className="visually-hidden"> {cell.positionWords}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{table.region.name}</th>
            {table.measures.map((m) => (
              <td key={m.code}>{m.region.displayValue}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">England</th>
            {table.measures.map((m) => (
              <td key={m.code}>{m.england.displayValue}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </ScrollableTable>
  );
}
