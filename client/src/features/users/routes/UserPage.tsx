import { formatUkDateTime, passwordProblems, type Role, type UserSummary } from '@kpi/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { LoadingState } from '../../../components/LoadingState';
import { NewPasswordField } from '../../../components/NewPasswordField';
import { type FormErrors, formErrorsFrom, withSummary } from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { ROLE_GUIDES } from '../../auth';
import { useResetPassword, useUpdateUser, useUsers } from '../api/users';
import { RoleFields } from '../components/RoleFields';
import { USERS_PATH } from '../paths';
import { lastSignInWords, signInWords } from '../words';
import '../users.css';

type Field = 'password';
const FIELDS: readonly Field[] = ['password'];

/** One account: its details, and what an administrator can change. */
export default function UserPage() {
  const id = Number(useParams().id);
  const users = useUsers();
  const user = users.data?.find((u) => u.id === id);
  useDocumentTitle(user ? user.displayName : 'User');

  if (users.isPending) return <LoadingState>Loading the user…</LoadingState>;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} headingLevel="h1" />;
  if (!user) {
    return (
      <>
        <h1>User not found</h1>
        <p>
          There is no user at this address. <Link to={USERS_PATH}>Go to the list of users</Link>.
        </p>
      </>
    );
  }
  return <UserDetails key={user.id} user={user} />;
}

function UserDetails({ user }: { user: UserSummary }) {
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const [role, setRole] = useState<Role>(user.role);
  const [preRelease, setPreRelease] = useState(user.preRelease);
  const [password, setPassword] = useState('');
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors<Field> | null>(null);
  const [attempts, setAttempts] = useState(0);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(user.displayName, { hasErrors: errors !== null });

  useEffect(() => {
    if (confirmingDisable) confirmHeading.current?.focus();
  }, [confirmingDisable]);

  const fail = (error: unknown) => {
    setDone(null);
    setErrors(formErrorsFrom(error, FIELDS, () => 'new-password'));
    setAttempts((n) => n + 1);
  };
  const succeed = (message: string) => {
    setErrors(null);
    setDone(message);
  };

  const saveRole = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    update.mutate(
      { role, preRelease },
      { onSuccess: () => succeed(`${user.displayName}'s role and pre-release list are saved.`), onError: fail },
    );
  };

  const setDisabled = (disabled: boolean) => {
    if (update.isPending) return;
    update.mutate(
      { disabled },
      {
        onSuccess: () => {
          setConfirmingDisable(false);
          succeed(
            disabled
              ? `${user.displayName}'s account is disabled and they have been signed out everywhere.`
              : `${user.displayName}'s account is enabled again.`,
          );
        },
        onError: (error) => {
          setConfirmingDisable(false);
          fail(error);
        },
      },
    );
  };

  const resetPassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reset.isPending) return;
    const problems = passwordProblems(password, { username: user.username });
    if (problems.length > 0) {
      setDone(null);
      setErrors(withSummary(FIELDS, { password: problems.join(' ') }, [], () => 'new-password'));
      setAttempts((n) => n + 1);
      return;
    }
    reset.mutate(password, {
      onSuccess: () => {
        setPassword('');
        succeed(
          `${user.displayName} has a new password and has been signed out everywhere. Tell them the password in person or by phone.`,
        );
      },
      onError: fail,
    });
  };

  return (
    <div className="two-thirds">
      <p>
        <Link to={USERS_PATH}>Back to users</Link>
      </p>
      <FormErrorSummary errors={errors} focusKey={attempts} />
      {done && (
        <div className="notification" role="status">
          <p>{done}</p>
        </div>
      )}
      <h1>{user.displayName}</h1>
      <dl className="summary-list">
        <SummaryRow label="Username" value={user.username} />
        <SummaryRow label="Role" value={ROLE_GUIDES[user.role].label} />
        <SummaryRow label="Signs in with" value={signInWords(user)} />
        <SummaryRow label="Pre-release list" value={user.preRelease ? 'Yes' : 'No'} />
        <SummaryRow
          label="Status"
          value={user.disabledAt ? `Disabled on ${formatUkDateTime(user.disabledAt)}` : 'Active'}
        />
        <SummaryRow label="Last signed in" value={lastSignInWords(user)} />
      </dl>

      <h2 className="heading-m">Role and pre-release list</h2>
      <form onSubmit={saveRole} noValidate>
        <RoleFields role={role} preRelease={preRelease} onRole={setRole} onPreRelease={setPreRelease} />
        <button type="submit" className="button" aria-busy={update.isPending}>
          Save role and pre-release list
        </button>
      </form>

      <h2 className="heading-m">Password</h2>
      {user.signInMethod === 'sso' ? (
        <p>
          {user.displayName} signs in through single sign-on, so their password is kept by your organisation's identity
          provider, not here.
        </p>
      ) : (
        <form onSubmit={resetPassword} noValidate>
          <NewPasswordField
            id="new-password"
            label="New password"
            value={password}
            onChange={setPassword}
            error={errors?.fields.password}
          />
          <button type="submit" className="button button--secondary" aria-busy={reset.isPending}>
            Set new password
          </button>
        </form>
      )}

      <h2 className="heading-m">Access</h2>
      {user.disabledAt ? (
        <button type="button" className="button button--secondary" onClick={() => setDisabled(false)}>
          Enable account
        </button>
      ) : confirmingDisable ? (
        <div className="warning-panel">
          <h3 ref={confirmHeading} tabIndex={-1}>
            Are you sure you want to disable {user.displayName}'s account?
          </h3>
          <p>They will be signed out everywhere at once and cannot sign in until the account is enabled again.</p>
          <div className="button-group">
            <button type="button" className="button button--warning" onClick={() => setDisabled(true)}>
              Yes, disable the account
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirmingDisable(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--warning" onClick={() => setConfirmingDisable(true)}>
          Disable account
        </button>
      )}
    </div>
  );
}

function SummaryRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{label}</dt>
      <dd className="summary-list__value">{value}</dd>
    </div>
  );
}
