import { councilGroupsResponseSchema } from '@kpi/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { ProblemMessage } from '../../../components/ProblemMessage';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { ApiError, apiFetch, apiSend } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';

const KEY = ['groups'] as const;

function field(event: FormEvent<HTMLFormElement>, name: string): string {
  const value = new FormData(event.currentTarget).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * `/groups`: groups of served councils and who holds the read-only regional role in each. The
 * server decides who may change what (an administrator of every council in a group grants there)
 * and says why when it refuses.
 */
export default function GroupsPage() {
  useDocumentTitle('Groups of councils');
  const client = useQueryClient();
  const groups = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiFetch('/api/groups', councilGroupsResponseSchema, { signal }),
  });
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: async (request: { path: string; method: 'POST' | 'DELETE'; body?: object; done: string }) => {
      await apiSend(request.path, { method: request.method, body: request.body });
      return request.done;
    },
    onSuccess: (message) => {
      setDone(message);
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  if (groups.isPending) return <LoadingState>Loading the groups…</LoadingState>;
  if (groups.isError) return <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />;
  const { groups: list, servedCouncils } = groups.data;
  return (
    <>
      <h1>Groups of councils</h1>
      <p className="lead">
        A person with the regional role in a group may read every council in it as a viewer, and never change anything.
      </p>
      <div role="status">{done && <p>{done}</p>}</div>
      {change.error instanceof ApiError && <ProblemMessage error={change.error} />}
      <ScrollableTable label="Groups">
        <table>
          <caption>Groups</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Councils</th>
              <th scope="col">Regional role</th>
            </tr>
          </thead>
          <tbody>
            {list.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  {g.name}
                  {g.regionCode ? ' (every served council in the region)' : ''}
                </th>
                <td>{g.councils.map((c) => c.name).join(', ') || 'None yet'}</td>
                <td>
                  <ul>
                    {g.people.map((p) => (
                      <li key={p.userId}>
                        {p.username}{' '}
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() =>
                            change.mutate({
                              path: `/api/groups/${g.id}/people/${p.userId}`,
                              method: 'DELETE',
                              done: `${p.username} no longer has the regional role in ${g.name}.`,
                            })
                          }
                        >
                          Revoke {p.username}
                        </button>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollableTable>

      <h2>Make a group</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const regionCode = field(event, 'regionCode');
          change.mutate({
            path: '/api/groups',
            method: 'POST',
            body: { name: field(event, 'name'), ...(regionCode ? { regionCode } : {}) },
            done: 'Group made.',
          });
        }}
      >
        <p>
          <label htmlFor="group-name">Name</label> <input id="group-name" name="name" required />
        </p>
        <p>
          <label htmlFor="group-region">Region code, for a region’s group (leave empty for a custom group)</label>{' '}
          <input id="group-region" name="regionCode" placeholder="E12000005" />
        </p>
        <button type="submit" className="button">
          Make the group
        </button>
      </form>

      <h2>Add a council to a custom group</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({
            path: `/api/groups/${field(event, 'group')}/councils`,
            method: 'POST',
            body: { areaCode: field(event, 'council') },
            done: 'Council added.',
          });
        }}
      >
        <p>
          <label htmlFor="add-group">Group</label>{' '}
          <select id="add-group" name="group">
            {list
              .filter((g) => g.regionCode === null)
              .map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
          </select>
        </p>
        <p>
          <label htmlFor="add-council">Council</label>{' '}
          <select id="add-council" name="council">
            {servedCouncils.map((c) => (
              <option key={c.areaCode} value={c.areaCode}>
                {c.name}
              </option>
            ))}
          </select>
        </p>
        <button type="submit" className="button">
          Add the council
        </button>
      </form>

      <h2>Give someone the regional role</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({
            path: `/api/groups/${field(event, 'group')}/people`,
            method: 'POST',
            body: { username: field(event, 'username'), role: 'regional_analyst' },
            done: 'Regional role given.',
          });
        }}
      >
        <p>
          <label htmlFor="grant-group">Group</label>{' '}
          <select id="grant-group" name="group">
            {list.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor="grant-username">Username</label> <input id="grant-username" name="username" required />
        </p>
        <button type="submit" className="button">
          Give the regional role
        </button>
      </form>
    </>
  );
}
