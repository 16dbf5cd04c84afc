import { formatMonth, type ReratedMonthDto } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { StatusTag } from '../../../components/StatusTag';

function runWords(months: number | null): string {
  if (months === null) return 'Not rated';
  return months === 1 ? '1 month' : `${months} months`;
}

function persistentWords(persistent: boolean): string {
  return persistent ? 'Yes' : 'No';
}

/**
 * The loaded months that approving new bands would re-rate, shown before anyone approves them.
 * Each rating carries its word and shape (StatusTag), never colour alone.
 */
export function ReratingTable({
  indicatorCode,
  months,
}: {
  indicatorCode: string;
  months: readonly ReratedMonthDto[];
}) {
  if (months.length === 0) {
    return <p>No loaded month of {indicatorCode} changes rating with these bands.</p>;
  }
  const caption = `Loaded months of ${indicatorCode} whose rating would change on approval (${months.length} ${months.length === 1 ? 'month' : 'months'})`;
  return (
    <ScrollableTable label={caption}>
      <table className="table">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Figure</th>
            <th scope="col">Rating now</th>
            <th scope="col">Rating after approval</th>
            <th scope="col">Months in this rating (now → after)</th>
            <th scope="col">Persistent failure (now → after)</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{formatMonth(m.month)}</th>
              <td>{m.displayValue ?? 'No figure'}</td>
              <td>
                <StatusTag status={m.now.status} />
              </td>
              <td>
                <StatusTag status={m.after.status} />
              </td>
              <td>
                {runWords(m.now.monthsInRating)} → {runWords(m.after.monthsInRating)}
              </td>
              <td>
                {persistentWords(m.now.persistentFailure)} → {persistentWords(m.after.persistentFailure)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
