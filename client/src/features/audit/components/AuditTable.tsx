import { type AuditEntryView, formatUkDateTime } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';

function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value);
}

/** The entry's details other than the before-and-after already shown. */
function otherDetails(entry: AuditEntryView): [string, unknown][] {
  if (!entry.details) return [];
  const shown = new Set(entry.changes.map((c) => c.field));
  const paired = shown.has(null);
  return Object.entries(entry.details).filter(
    ([key]) => !shown.has(key) && !(paired && (key === 'from' || key === 'to')),
  );
}

function Changes({ entry }: { entry: AuditEntryView }) {
  const others = otherDetails(entry);
  if (entry.changes.length === 0 && others.length === 0) return <span className="secondary-text">None recorded</span>;
  return (
    <>
      {entry.changes.length > 0 && (
        <ul className="audit-changes">
          {entry.changes.map((change) => (
            <li key={change.field ?? '(value)'}>
              {change.field && <span className="audit-changes__field">{change.field}: </span>}
              <span className="visually-hidden">from </span>
              {change.before}
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> to </span>
              <strong>{change.after}</strong>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <details className="audit-details">
          <summary>Details</summary>
          <dl>
            {others.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{valueText(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </>
  );
}

/** The entries as a table, newest first: when, who, what they did, to what, and what changed. */
export function AuditTable({ entries, caption }: { entries: readonly AuditEntryView[]; caption: string }) {
  return (
    <ScrollableTable label="Record of changes">
      <table className="table table--audit">
        <caption className="caption caption--left">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What they did</th>
            <th scope="col">What it touched</th>
            <th scope="col">Before and after</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <th scope="row">
                <time dateTime={entry.at}>{formatUkDateTime(entry.at)}</time>
              </th>
              <td>
                {entry.who.name}
                {entry.who.username && <span className="audit-username">{entry.who.username}</span>}
              </td>
              {/* A refusal or failure says so in words ("… (refused)"), not by colour. */}
              <td>{entry.actionText}</td>
              <td className="audit-target">
                {entry.targetText ?? <span className="secondary-text">Not recorded</span>}
              </td>
              <td>
                <Changes entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
