import { createUserRequestSchema, passwordProblems, type Role } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { NewPasswordField } from '../../../components/NewPasswordField';
import { TextField } from '../../../components/TextField';
import { type FormErrors, formErrorsFrom, withSummary } from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useCreateUser } from '../api/users';
import { RoleFields } from '../components/RoleFields';
import { USERS_PATH } from '../paths';
import type { UsersLocationState } from './UsersPage';

type Field = 'displayName' | 'username' | 'password';
const FIELDS: readonly Field[] = ['displayName', 'username', 'password'];

/** Checks the form as the server will: the shared schema, then the shared password policy. */
function validate(values: { displayName: string; username: string; password: string; role: Role }) {
  const fields: Partial<Record<Field, string>> = {};
  const parsed = createUserRequestSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      if (FIELDS.includes(field) && !fields[field]) fields[field] = issue.message;
    }
  }
  const problems = passwordProblems(values.password, { username: values.username });
  if (problems.length > 0 && !fields.password) fields.password = problems.join(' ');
  return fields;
}

export default function NewUserPage() {
  const navigate = useNavigate();
  const create = useCreateUser();
  const [values, setValues] = useState({ displayName: '', username: '', password: '' });
  const [role, setRole] = useState<Role>('viewer');
  const [preRelease, setPreRelease] = useState(false);
  const { errors, attempts, fail, clearErrors } = useFormErrors<FormErrors<Field>>();
  useDocumentTitle('Add a user', { hasErrors: errors !== null });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const fields = validate({ ...values, role });
    if (Object.keys(fields).length > 0) {
      fail(withSummary(FIELDS, fields));
      return;
    }
    clearErrors();
    create.mutate(
      { ...values, role, preRelease },
      {
        onSuccess: (user) => {
          const state: UsersLocationState = {
            done: `${user?.displayName ?? values.displayName} can now sign in as ${user?.username ?? values.username}. Give them the password in person or by phone, not by email.`,
          };
          navigate(USERS_PATH, { state });
        },
        onError: (error) => fail(formErrorsFrom(error, FIELDS)),
      },
    );
  };

  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  return (
    <div className="two-thirds">
      <p>
        <Link to={USERS_PATH}>Back to users</Link>
      </p>
      <FormErrorSummary errors={errors} focusKey={attempts} />
      <h1>Add a user</h1>
      <p>
        This creates an account that signs in with a password. People who use single sign-on are added when they first
        sign in.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="displayName"
          label="Full name"
          value={values.displayName}
          onChange={set('displayName')}
          error={errors?.fields.displayName}
          autoComplete="off"
        />
        <TextField
          id="username"
          label="Username"
          hint="Letters, numbers, full stops, hyphens, underscores and @. An email address works."
          value={values.username}
          onChange={set('username')}
          error={errors?.fields.username}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
        />
        <RoleFields role={role} preRelease={preRelease} onRole={setRole} onPreRelease={setPreRelease} />
        <NewPasswordField
          id="password"
          label="Initial password"
          value={values.password}
          onChange={set('password')}
          error={errors?.fields.password}
        />
        <button type="submit" className="button" aria-busy={create.isPending}>
          Add user
        </button>
      </form>
    </div>
  );
}
