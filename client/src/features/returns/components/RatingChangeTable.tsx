import { formatMonth, type ReturnPreviewItem } from '@kpi/shared';
import { STATUS_WORDS } from '../../../components/kpiLabels';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { StatusTag } from '../../../components/StatusTag';
import { CellNote } from './CellNote';
import '../returns.css';

/**
 * Figures whose rating would change (PI4 85.9% green → 81.5% amber): the figure and its rating now
 * and with the file's figure, each rating as icon and word, never colour alone. Rated with the
 * scorecard's rule and bands, so this is what the scorecard will show once the file is loaded.
 */
export function RatingChangeTable({ items, caption }: { items: readonly ReturnPreviewItem[]; caption: string }) {
  return (
    <ScrollableTable label={caption}>
      <table className="table table--preview">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">KPI and month</th>
            <th scope="col">Rating now</th>
            <th scope="col">Rating with the file</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.kpiCode}|${item.month}`}>
              <th scope="row">
                <strong className="cell-code">{item.kpiCode}</strong>{' '}
                <strong className="cell-month">{formatMonth(item.month)}</strong>
                <CellNote plain>
                  <span className="cell-title">{item.kpiTitle}</span>
                </CellNote>
              </th>
              <td>
                {item.old?.displayValue ?? 'No figure'}{' '}
                {item.rating.before && <StatusTag status={item.rating.before} />}
              </td>
              <td>
                <span className="visually-hidden">
                  changes from {item.rating.before ? STATUS_WORDS[item.rating.before] : 'no rating'} to{' '}
                </span>
                <span aria-hidden="true" className="cell-arrow">
                  →{' '}
                </span>
                {item.new.displayValue} <StatusTag status={item.rating.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
