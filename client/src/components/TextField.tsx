import type { InputHTMLAttributes } from 'react';

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  /** Shown above the input and linked to it with aria-describedby. */
  error?: string | undefined;
  type?: 'text' | 'password';
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'autoComplete' | 'spellCheck' | 'autoCapitalize' | 'maxLength'>;

/** GOV.UK text input: label, optional hint, inline error and input, tied together for assistive technology. */
export function TextField({ id, label, value, onChange, hint, error, type = 'text', ...inputProps }: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        className={error ? 'input input--error' : 'input'}
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...inputProps}
      />
    </div>
  );
}
