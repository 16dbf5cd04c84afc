import type { ReactNode } from 'react';

/**
 * GOV.UK file upload: label, hint, inline error and input, tied together for assistive technology.
 * The input is named `file`, so a form's handler finds the chosen file by that name.
 */
export function FileField({
  id,
  label,
  hint,
  error,
  accept,
}: {
  id: string;
  label: string;
  hint: ReactNode;
  error: string | null;
  accept: string;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        className={error ? 'file-upload file-upload--error' : 'file-upload'}
        id={id}
        name="file"
        type="file"
        accept={accept}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
