import type { Neighbour } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';

export function NeighbourTable({ neighbours, caption }: { neighbours: readonly Neighbour[]; caption: string }) {
  return (
    <ScrollableTable label={caption}>
      <table className="table table--compact">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Local authority</th>
            <th scope="col">Closeness</th>
          </tr>
        </thead>
        <tbody>
          {neighbours.map((n) => (
            <tr key={n.areaCode}>
              <td className="cell-figure">{n.rank}</td>
              <th scope="row">
                {n.name}
                {n.oldLaCode && <span className="cell-note">LA {n.oldLaCode}</span>}
              </th>
              <td>{n.closeness ?? 'Not given'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
