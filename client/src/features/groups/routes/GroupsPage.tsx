import { councilGroupsResponseSchema, type GroupCouncil } from '@kpi/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { LoadingState } from '../../../components/LoadingState';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { apiFetch, apiSend } from '../../../lib/apiClient';
import { type FormErrors, formErrorsFrom, withSummary } from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { GroupsTable, type PendingRemoval } from '../components/GroupsTable';
import { RegionalPreRelease } from '../components/RegionalPreRelease';
import '../groups.css';

const KEY = ['groups'] as const;

/** The fields the server (or this screen) may find fault with, and the control each belongs to. */
const FIELDS = ['name', 'regionCode', 'username'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_IDS: Record<Field, string> = { name: 'group-name', regionCode: 'group-region', username: 'grant-username' };
const fieldId = (field: Field) => FIELD_IDS[field];

type Change = {
  path: string;
  method: 'POST' | 'PUT' | 'DELETE';
  body?: object;
  /** The council asked about, when it is not (necessarily) the one in view. */
  organisation?: string;
  done: string;
};

function field(event: FormEvent<HTMLFormElement>, name: string): string {
  const value = new FormData(event.currentTarget).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * `/groups`: groups of served councils and who holds the read-only regional role in each, and each
 * administered council's regional pre-release setting. The server decides who may change what (an
 * administrator of every council in a group grants there; only a council's administrators add it,
 * take it out or change its setting) and says why when it refuses: the refusal shows in the error
 * summary, which takes focus; a success message takes focus after every change.
 */
export default function GroupsPage() {
  useDocumentTitle('Groups of councils');
  const client = useQueryClient();
  const groups = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiFetch('/api/groups', councilGroupsResponseSchema, { signal }),
  });
  const [done, setDone] = useState<{ message: string; key: number } | null>(null);
  const [errors, setErrors] = useState<FormErrors<Field> | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [name, setName] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const [pending, setPending] = useState<PendingRemoval | null>(null);
  const trigger = useRef<HTMLButtonElement | null>(null);
  const notification = useRef<HTMLDivElement>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (done) notification.current?.focus();
  }, [done]);
  useEffect(() => {
    if (pending) confirmHeading.current?.focus();
  }, [pending]);

  const change = useMutation({
    mutationFn: async (request: Change) => {
      await apiSend(request.path, { method: request.method, body: request.body, organisation: request.organisation });
      return request.done;
    },
  });
  const send = (request: Change, afterwards?: () => void) => {
    if (change.isPending) return;
    change.mutate(request, {
      onSuccess: (message) => {
        setErrors(null);
        setPending(null);
        setDone((previous) => ({ message, key: (previous?.key ?? 0) + 1 }));
        afterwards?.();
        void client.invalidateQueries({ queryKey: KEY });
      },
      onError: (error) => {
        setPending(null);
        setDone(null);
        setErrors(formErrorsFrom(error, FIELDS, fieldId));
        setAttempts((n) => n + 1);
      },
    });
  };
  const refuse = (problems: Partial<Record<Field, string>>) => {
    setDone(null);
    setErrors(withSummary(FIELDS, problems, [], fieldId));
    setAttempts((n) => n + 1);
  };

  if (groups.isPending) return <LoadingState>Loading the groups…</LoadingState>;
  if (groups.isError) return <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />;
  const { groups: list, servedCouncils, regions } = groups.data;
  const customGroups = list.filter((g) => g.regionCode === null);
  const mine = servedCouncils.filter((c) => c.administered);

  const confirmRemoval = (removal: PendingRemoval) =>
    removal.kind === 'council'
      ? send({
          path: `/api/groups/${removal.group.id}/councils/${encodeURIComponent(removal.areaCode)}`,
          method: 'DELETE',
          done: `${removal.name} is no longer in ${removal.group.name}.`,
        })
      : send({
          path: `/api/groups/${removal.group.id}/people/${removal.userId}`,
          method: 'DELETE',
          done: `${removal.username} no longer has the regional role in ${removal.group.name}.`,
        });
  const cancel = () => {
    setPending(null);
    // Back to the button that asked, as if the question had never been put.
    const button = trigger.current;
    setTimeout(() => button?.focus(), 0);
  };
  const changePreRelease = (council: GroupCouncil, allow: boolean) =>
    send({
      path: '/api/organisation/regional-pre-release',
      method: 'PUT',
      body: { allow },
      organisation: council.areaCode,
      done: allow
        ? `People with the regional role may now see ${council.name}’s months before they are published.`
        : `People with the regional role now see ${council.name}’s months only once they are published.`,
    });

  return (
    <>
      <h1>Groups of councils</h1>
      <p className="lead">
        A person with the regional role in a group may read every council in it as a viewer, and never change anything.
      </p>
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <div role="status">
        {done && (
          <div className="notification groups-notification" ref={notification} tabIndex={-1} key={done.key}>
            <p>{done.message}</p>
          </div>
        )}
      </div>

      <ScrollableTable label="Groups">
        <GroupsTable
          groups={list}
          onRemove={(removal, button) => {
            trigger.current = button;
            setDone(null);
            setPending(removal);
          }}
        />
      </ScrollableTable>

      {pending && (
        <section className="groups-confirm" aria-labelledby="groups-confirm-heading">
          <h2 id="groups-confirm-heading" ref={confirmHeading} tabIndex={-1}>
            {pending.kind === 'council'
              ? `Remove ${pending.name} from ${pending.group.name}?`
              : `Revoke ${pending.username}’s regional role in ${pending.group.name}?`}
          </h2>
          <p>
            {pending.kind === 'council'
              ? `People with the regional role in ${pending.group.name} will no longer see ${pending.name} through this group. You can add it again later.`
              : `${pending.username} will no longer see the councils of ${pending.group.name} through this group.`}
          </p>
          <div className="button-group">
            <button type="button" className="button button--warning" onClick={() => confirmRemoval(pending)}>
              {pending.kind === 'council' ? `Yes, remove ${pending.name}` : `Yes, revoke ${pending.username}’s role`}
            </button>
            <button type="button" className="button button--secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </section>
      )}

      <RegionalPreRelease councils={mine} onChange={changePreRelease} />

      <h2>Make a group</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) {
            refuse({ name: 'Name the group' });
            return;
          }
          send(
            {
              path: '/api/groups',
              method: 'POST',
              body: { name: name.trim(), ...(regionCode ? { regionCode } : {}) },
              done: 'Group made.',
            },
            () => {
              setName('');
              setRegionCode('');
            },
          );
        }}
      >
        <TextField id="group-name" label="Name" value={name} onChange={setName} error={errors?.fields.name} />
        <SelectField
          id="group-region"
          label="Region"
          hint="A region’s group holds every council served here in that region. Choose “None” for a custom group (an alliance), then add your councils to it."
          value={regionCode}
          onChange={setRegionCode}
          options={[
            { value: '', label: 'None: a custom group' },
            ...regions.map((r) => ({ value: r.code, label: r.name })),
          ]}
          error={errors?.fields.regionCode}
        />
        <button type="submit" className="button">
          Make the group
        </button>
      </form>

      <h2>Add a council to a custom group</h2>
      {customGroups.length === 0 || mine.length === 0 ? (
        <p>
          {customGroups.length === 0
            ? 'There is no custom group yet: make one above (a region’s group already holds every served council in its region).'
            : 'You do not administer any council served here.'}
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            send({
              path: `/api/groups/${field(event, 'group')}/councils`,
              method: 'POST',
              body: { areaCode: field(event, 'council') },
              done: 'Council added.',
            });
          }}
        >
          <p>
            <label htmlFor="add-group">Group</label>{' '}
            <select id="add-group" name="group" className="select">
              {customGroups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="add-council">Council (one you administer)</label>{' '}
            <select id="add-council" name="council" className="select">
              {mine.map((c) => (
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
      )}

      <h2>Give someone the regional role</h2>
      {list.length === 0 ? (
        <p>Make a group first.</p>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const username = field(event, 'username');
            if (!username) {
              refuse({ username: 'Give the username of the person' });
              return;
            }
            send({
              path: `/api/groups/${field(event, 'group')}/people`,
              method: 'POST',
              body: { username, role: 'regional_analyst' },
              done: 'Regional role given.',
            });
          }}
        >
          <p>
            <label htmlFor="grant-group">Group</label>{' '}
            <select id="grant-group" name="group" className="select">
              {list.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </p>
          <div className={errors?.fields.username ? 'form-group form-group--error' : 'form-group'}>
            <label className="label" htmlFor="grant-username">
              Username
            </label>
            {errors?.fields.username && (
              <p className="error-message" id="grant-username-error">
                <span className="visually-hidden">Error:</span> {errors.fields.username}
              </p>
            )}
            <input
              className="input"
              id="grant-username"
              name="username"
              aria-describedby={errors?.fields.username ? 'grant-username-error' : undefined}
              aria-invalid={errors?.fields.username ? true : undefined}
            />
          </div>
          <button type="submit" className="button">
            Give the regional role
          </button>
        </form>
      )}
    </>
  );
}
