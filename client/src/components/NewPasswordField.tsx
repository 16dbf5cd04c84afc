import { NEW_PASSWORD_HINT } from './passwordHint';
import { TextField } from './TextField';

/** A field for choosing a new password: hidden as typed, the policy in words under it, and a hint to password managers. */
export function NewPasswordField({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <TextField
      id={id}
      label={label}
      type="password"
      hint={NEW_PASSWORD_HINT}
      value={value}
      onChange={onChange}
      error={error}
      autoComplete="new-password"
    />
  );
}
