import { addMembershipRequestSchema, type Role } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { TextField } from '../../../components/TextField';
import { type FormErrors, formErrorsFrom, withSummary } from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useCurrentUser } from '../../auth';
import { useAddExistingPerson } from '../api/users';
import { RoleFields } from '../components/RoleFields';
import { USERS_PATH } from '../paths';
import type { UsersLocationState } from './UsersPage';

type Field = 'username';
const FIELDS: readonly Field[] = ['username'];

/**
 * Giving someone who already has an account in another council a role in the council in view:
 * the administrator must administer every council that person belongs to (the server decides,
 * and answers anyone else as if the username did not exist).
 */
export default function AddExistingPersonPage() {
  const navigate = useNavigate();
  const add = useAddExistingPerson();
  const council = useCurrentUser().organisation;
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [preRelease, setPreRelease] = useState(false);
  const { errors, attempts, fail, clearErrors } = useFormErrors<FormErrors<Field>>();
  useDocumentTitle('Add someone from another council', { hasErrors: errors !== null });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    const parsed = addMembershipRequestSchema.safeParse({ username, role, preRelease });
    if (!parsed.success) {
      const fields: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) if (issue.path[0] === 'username') fields.username ??= issue.message;
      fail(withSummary(FIELDS, fields));
      return;
    }
    clearErrors();
    add.mutate(parsed.data, {
      onSuccess: (user) => {
        const state: UsersLocationState = {
          done: `${user?.displayName ?? username} now has a role here too, and signs in as before.`,
        };
        navigate(USERS_PATH, { state });
      },
      onError: (error) => fail(formErrorsFrom(error, FIELDS)),
    });
  };

  return (
    <div className="two-thirds">
      <p>
        <Link to={USERS_PATH}>Back to users</Link>
      </p>
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h1>Add someone from another council</h1>
      <p>
        Give a person who already has an account a role in {council?.name ?? 'this council'} as well. You can add
        someone only if you administer every council they belong to; they keep their roles there, their password and how
        they sign in.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="username"
          label="Their username"
          hint="The username they sign in with."
          value={username}
          onChange={setUsername}
          error={errors?.fields.username}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
        />
        <RoleFields role={role} preRelease={preRelease} onRole={setRole} onPreRelease={setPreRelease} />
        <button type="submit" className="button" aria-busy={add.isPending}>
          Add them to this council
        </button>
      </form>
    </div>
  );
}
