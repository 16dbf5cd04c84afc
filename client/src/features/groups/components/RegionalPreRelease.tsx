import type { GroupCouncil } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';

/** The setting in words: never a colour or a tick alone. */
export function preReleaseWords(allowed: boolean): string {
  return allowed
    ? 'Allowed: people with the regional role also see months not yet published'
    : 'Not allowed: people with the regional role see published months only';
}

/**
 * Each council the administrator administers, and whether people holding the regional role in a
 * group with it may see its months before a meeting publishes them (as people on its pre-release
 * list do). Off unless the council turns it on; only its administrators may change it.
 */
export function RegionalPreRelease({
  councils,
  onChange,
}: {
  councils: readonly GroupCouncil[];
  onChange: (council: GroupCouncil, allow: boolean) => void;
}) {
  return (
    <section aria-labelledby="pre-release-heading">
      <h2 id="pre-release-heading">Regional pre-release viewing</h2>
      <p>
        People with the regional role see a council’s figures once a meeting has published them. A council may also let
        them see its months not yet published, marked OFFICIAL-SENSITIVE, as people on its own pre-release list do.
        Every change is recorded in the audit log.
      </p>
      {councils.length === 0 ? (
        <p>You do not administer any council served here.</p>
      ) : (
        <ScrollableTable label="Councils you administer">
          <table className="table">
            <caption className="visually-hidden">Regional pre-release viewing of the councils you administer</caption>
            <thead>
              <tr>
                <th scope="col">Council</th>
                <th scope="col">Unpublished months</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {councils.map((c) => (
                <tr key={c.areaCode}>
                  <th scope="row">{c.name}</th>
                  <td>{preReleaseWords(c.regionalPreRelease)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary groups-table__button"
                      onClick={() => onChange(c, !c.regionalPreRelease)}
                    >
                      {c.regionalPreRelease ? 'Stop' : 'Allow'}{' '}
                      <span className="visually-hidden">regional pre-release viewing of {c.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </section>
  );
}
