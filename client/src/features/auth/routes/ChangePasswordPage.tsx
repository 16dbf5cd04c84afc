import { passwordProblems } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { FormErrorSummary } from '../../../components/FormErrorSummary';
import { NewPasswordField } from '../../../components/NewPasswordField';
import { TextField } from '../../../components/TextField';
import { type FormErrors, formErrorsFrom, withSummary } from '../../../lib/formErrors';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useChangePassword } from '../api/changePassword';
import { useCurrentUser } from '../currentUser';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';
const FIELDS: readonly Field[] = ['currentPassword', 'newPassword', 'confirmPassword'];
const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

export default function ChangePasswordPage() {
  const { user } = useCurrentUser();
  const change = useChangePassword();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FormErrors<Field> | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [changed, setChanged] = useState(false);
  useDocumentTitle('Change your password', { hasErrors: errors !== null });

  const fail = (found: FormErrors<Field>) => {
    setChanged(false);
    setErrors(found);
    setAttempts((n) => n + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (change.isPending) return;
    const fields: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) fields.currentPassword = 'Enter your current password';
    const problems = values.newPassword ? passwordProblems(values.newPassword, { username: user.username }) : [];
    if (!values.newPassword) fields.newPassword = 'Enter a new password';
    else if (problems.length > 0) fields.newPassword = problems.join(' ');
    else if (!values.confirmPassword) fields.confirmPassword = 'Type the new password again';
    else if (values.confirmPassword !== values.newPassword) fields.confirmPassword = 'The new passwords do not match';
    if (Object.keys(fields).length > 0) {
      fail(withSummary(FIELDS, fields));
      return;
    }
    setErrors(null);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setValues(EMPTY);
          setChanged(true);
        },
        onError: (error) => fail(formErrorsFrom(error, FIELDS)),
      },
    );
  };

  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  return (
    <div className="two-thirds">
      <FormErrorSummary errors={errors} focusKey={attempts} />
      {changed && (
        <div className="notification" role="status">
          <p>Your password has been changed. You have been signed out on every other device.</p>
        </div>
      )}
      <h1>Change your password</h1>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="currentPassword"
          label="Current password"
          type="password"
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errors?.fields.currentPassword}
          autoComplete="current-password"
        />
        <NewPasswordField
          id="newPassword"
          label="New password"
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errors?.fields.newPassword}
        />
        <TextField
          id="confirmPassword"
          label="Type the new password again"
          type="password"
          value={values.confirmPassword}
          onChange={set('confirmPassword')}
          error={errors?.fields.confirmPassword}
          autoComplete="new-password"
        />
        <button type="submit" className="button" aria-busy={change.isPending}>
          Change password
        </button>
      </form>
    </div>
  );
}
