import { ACCEPTED_CSV, ACCEPTED_SN_FILES, MAX_BENCHMARK_WORDS } from '../benchmarkFile';

/** GOV.UK file upload for one CSV (or, where `workbooks`, a CSV or an .xlsx): label, hint, inline error, input. */
export function CsvFileField({
  id,
  label,
  hint,
  error,
  workbooks = false,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | null;
  workbooks?: boolean;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <p className="hint" id={hintId}>
        {hint} {workbooks ? 'A CSV or Excel (.xlsx) file' : 'A CSV file'}, smaller than {MAX_BENCHMARK_WORDS}.
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
        accept={workbooks ? ACCEPTED_SN_FILES : ACCEPTED_CSV}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/** The file chosen in a form's file input. */
export function chosenFile(form: HTMLFormElement): File | undefined {
  const input = form.elements.namedItem('file');
  return input instanceof HTMLInputElement ? (input.files?.[0] ?? undefined) : undefined;
}
