import { type LoginRequest, loginRequestSchema } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorSummary, type ErrorSummaryItem } from '../../../components/ErrorSummary';
import { ProblemMessage, problemHeading } from '../../../components/ProblemMessage';
import { TextField } from '../../../components/TextField';
import { type ApiError, isApiError } from '../../../lib/apiClient';
import { returnToFrom } from '../../../lib/returnTo';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useMe } from '../api/getMe';
import { useAuthProviders } from '../api/getProviders';
import { useLogin } from '../api/login';
import { SingleSignOnButton, SSO_ERROR_MESSAGES, ssoErrorFrom } from '../components/SingleSignOn';
import type { SignInLocationState } from '../session';

type Field = keyof LoginRequest;
const FIELDS: readonly Field[] = ['username', 'password'];
const FIELD_LABELS: Record<Field, string> = { username: 'Username', password: 'Password' };

export const WRONG_CREDENTIALS = 'The username or password is not correct';

type FormErrors = {
  fields: Partial<Record<Field, string>>;
  summary: ErrorSummaryItem[];
  /** A failure the user cannot fix by changing the form. */
  serviceError?: ApiError;
};

function isField(value: unknown): value is Field {
  return FIELDS.includes(value as Field);
}

function withSummary(fields: Partial<Record<Field, string>>, extra: ErrorSummaryItem[] = []): FormErrors {
  const summary = FIELDS.flatMap((field) => {
    const text = fields[field];
    return text ? [{ text, fieldId: field }] : [];
  });
  return { fields, summary: [...summary, ...extra] };
}

/** Field messages from the shared schema, so client and server ask for the same thing. */
function validate(values: LoginRequest): { data: LoginRequest } | { errors: FormErrors } {
  const parsed = loginRequestSchema.safeParse(values);
  if (parsed.success) return { data: parsed.data };
  const fields: Partial<Record<Field, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (!isField(field) || fields[field]) continue;
    fields[field] =
      issue.code === 'too_big'
        ? `${FIELD_LABELS[field]} must be ${String(issue.maximum)} characters or fewer`
        : issue.message;
  }
  return { errors: withSummary(fields) };
}

/** Server paths may be "username", "/username" or "body.username": match on the last segment. */
function fieldFromPath(path: string): Field | undefined {
  const last = path.split(/[./]/).filter(Boolean).pop();
  return isField(last) ? last : undefined;
}

function fromApiError(error: unknown): FormErrors {
  if (!isApiError(error)) return { fields: {}, summary: [{ text: 'Sorry, something went wrong. Try again.' }] };
  if (error.isServiceProblem) return { fields: {}, summary: [], serviceError: error };
  if (error.status === 401) return withSummary({ username: WRONG_CREDENTIALS });

  const fields: Partial<Record<Field, string>> = {};
  const other: ErrorSummaryItem[] = [];
  for (const fieldError of error.fieldErrors) {
    const field = fieldFromPath(fieldError.path);
    if (field && !fields[field]) fields[field] = fieldError.message;
    else if (!field) other.push({ text: fieldError.message });
  }
  if (Object.keys(fields).length === 0 && other.length === 0) {
    // For example too many attempts (429): the server's own words, with its reference.
    other.push({ text: error.detail ?? error.title });
    if (error.requestId) other.push({ text: `Reference: ${error.requestId}` });
  }
  return withSummary(fields, other);
}

export function SignInPage() {
  const location = useLocation();
  const returnTo = returnToFrom(location.search);
  const ended = (location.state as SignInLocationState | null)?.sessionEnd;
  const me = useMe();
  const login = useLogin();
  const singleSignOn = useAuthProviders().data?.singleSignOn ?? null;
  // Where single sign-on sent the browser back after failing; replaced by any later form error.
  const ssoError = ssoErrorFrom(location.search);

  const [values, setValues] = useState<LoginRequest>({ username: '', password: '' });
  const [errors, setErrors] = useState<FormErrors | null>(null);
  // Bumped on every failed submit so the error summary takes focus again.
  const [failedAttempts, setFailedAttempts] = useState(0);

  useDocumentTitle('Sign in', { hasErrors: errors !== null || ssoError !== null });

  // Signed in already, or just now: carry on to where the user was going.
  if (me.data) return <Navigate to={returnTo} replace />;

  const fail = (formErrors: FormErrors) => {
    setErrors(formErrors);
    setFailedAttempts((count) => count + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (login.isPending) return;
    const result = validate(values);
    if ('errors' in result) {
      fail(result.errors);
      return;
    }
    setErrors(null);
    login.mutate(result.data, { onError: (error) => fail(fromApiError(error)) });
  };

  const setField = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  return (
    <div className="two-thirds">
      {errors?.serviceError ? (
        <ErrorSummary title={problemHeading(errors.serviceError)} items={[]} focusKey={failedAttempts}>
          <ProblemMessage error={errors.serviceError} />
        </ErrorSummary>
      ) : (
        errors && errors.summary.length > 0 && <ErrorSummary items={errors.summary} focusKey={failedAttempts} />
      )}
      {ssoError && !errors && <ErrorSummary items={[{ text: SSO_ERROR_MESSAGES[ssoError] }]} focusKey={0} />}
      {ended && !errors && (
        <div className="notification" role="status">
          <p>
            {ended === 'signed-out'
              ? 'You have signed out.'
              : ended === 'timed-out'
                ? 'You were signed out because the session reached its time limit. Sign in again to go back to the page you were on.'
                : 'Your session has ended, so you have been signed out. Sign in again to continue.'}
          </p>
        </div>
      )}

      <h1>Sign in</h1>
      {singleSignOn ? (
        <>
          <p>Use the account you sign in to your organisation with.</p>
          <SingleSignOnButton label={singleSignOn.label} loginPath={singleSignOn.loginPath} returnTo={returnTo} />
          <h2>Sign in with a username and password</h2>
          <p>If your administrator gave you a username and password for this dashboard, use them here.</p>
        </>
      ) : (
        <p>Sign in with the username and password your administrator gave you.</p>
      )}

      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="username"
          label={FIELD_LABELS.username}
          value={values.username}
          onChange={setField('username')}
          error={errors?.fields.username}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
        />
        <TextField
          id="password"
          label={FIELD_LABELS.password}
          type="password"
          value={values.password}
          onChange={setField('password')}
          error={errors?.fields.password}
          autoComplete="current-password"
        />
        <button type="submit" className={singleSignOn ? 'button button--secondary' : 'button'}>
          Sign in
        </button>
        <p className="visually-hidden" role="status">
          {login.isPending ? 'Signing in…' : ''}
        </p>
      </form>
    </div>
  );
}
