import type { CouncilGroup } from '@kpi/shared';
import type { MouseEvent } from 'react';

/** What the administrator asked to take away, waiting for them to confirm it. */
export type PendingRemoval =
  | { kind: 'council'; group: CouncilGroup; areaCode: string; name: string }
  | { kind: 'person'; group: CouncilGroup; userId: number; username: string };

/**
 * Every group the administrator may see, its councils and who holds the regional role there. A
 * council they administer can be taken out of a custom group (a region's group holds every served
 * council in its region); a role can be taken away. Both ask for confirmation first.
 */
export function GroupsTable({
  groups,
  onRemove,
}: {
  groups: readonly CouncilGroup[];
  onRemove: (removal: PendingRemoval, trigger: HTMLButtonElement) => void;
}) {
  if (groups.length === 0) return <p>There are no groups yet.</p>;
  const ask = (removal: PendingRemoval) => (event: MouseEvent<HTMLButtonElement>) =>
    onRemove(removal, event.currentTarget);
  return (
    <table className="table groups-table">
      <caption className="table__caption">Groups</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Councils</th>
          <th scope="col">Regional role</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.id}>
            <th scope="row">
              {g.name}
              {g.regionCode ? ' (every served council in the region)' : ' (custom group)'}
            </th>
            <td>
              {g.councils.length === 0 ? (
                'None yet'
              ) : (
                <ul className="groups-table__list">
                  {g.councils.map((c) => (
                    <li key={c.areaCode}>
                      {c.name}
                      {g.regionCode === null && c.administered && (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="button button--secondary groups-table__button"
                            onClick={ask({ kind: 'council', group: g, areaCode: c.areaCode, name: c.name })}
                          >
                            Remove <span className="visually-hidden">{`${c.name} from ${g.name}`}</span>
                          </button>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              {g.people.length === 0 ? (
                'Nobody'
              ) : (
                <ul className="groups-table__list">
                  {g.people.map((p) => (
                    <li key={p.userId}>
                      {p.username}{' '}
                      <button
                        type="button"
                        className="button button--secondary groups-table__button"
                        onClick={ask({ kind: 'person', group: g, userId: p.userId, username: p.username })}
                      >
                        Revoke {p.username} <span className="visually-hidden">in {g.name}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
