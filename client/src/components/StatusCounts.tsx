import type { RagStatus } from '@kpi/shared';
import { STATUS_MEANINGS, STATUS_WORDS } from './kpiLabels';
import { StatusIcon } from './StatusTag';

/**
 * How many KPIs are in each rating, and how many are persistent failures. Compact (the scorecard's
 * table view): the heading and each rating's meaning stay for assistive technology, hidden on
 * screen so the chips fit one line.
 */
export function StatusCounts({
  counts,
  persistentFailures,
  title = 'Summary',
  compact = false,
}: {
  title?: string;
  counts: Record<RagStatus, number>;
  persistentFailures: number;
  compact?: boolean;
}) {
  const order = ['red', 'amber', 'green', 'no_data'] as const satisfies readonly RagStatus[];
  const meaningClass = compact ? 'count-list__meaning visually-hidden' : 'count-list__meaning';
  return (
    <section className="section section--tight" aria-labelledby="counts-heading">
      <h2 id="counts-heading" className={compact ? 'heading-m visually-hidden' : 'heading-m'}>
        {title}
      </h2>
      <ul className="count-list">
        {order.map((status) => (
          <li key={status} className={`count-list__item count-list__item--${status}`}>
            <span className={`count-list__number status-colour--${status}`}>
              <StatusIcon status={status} className="count-list__icon" />
              {counts[status]}
            </span>
            <span className="count-list__label">
              {STATUS_WORDS[status]}
              <span className={meaningClass}>{STATUS_MEANINGS[status]}</span>
            </span>
          </li>
        ))}
        <li className="count-list__item count-list__item--persistent">
          <span className="count-list__number">{persistentFailures}</span>
          <span className="count-list__label">
            Persistent failure{persistentFailures === 1 ? '' : 's'}
            <span className={meaningClass}>red for longer than the contract allows</span>
          </span>
        </li>
      </ul>
    </section>
  );
}
