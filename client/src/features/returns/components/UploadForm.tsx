import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { FileField } from '../../../components/FileField';
import { ProblemMessage, problemHeading } from '../../../components/ProblemMessage';
import { type ApiError, isApiError } from '../../../lib/apiClient';
import { useUploadReturn } from '../api/uploadReturn';
import { uploadPath } from '../paths';
import { ACCEPTED_FILES, fileProblem, MAX_UPLOAD_WORDS } from '../uploadFile';

export const FILE_INPUT_ID = 'return-file';

type UploadError = {
  /** Shown in the summary and above the file input. */
  text: string;
  /** A fault the person cannot fix by choosing another file: the service's own words instead. */
  serviceError?: ApiError;
};

export type UploadFormState = {
  error: UploadError | null;
  /** Bumped on every failed attempt, so the error summary takes focus again. */
  attempts: number;
  pending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
};

function fromApiError(error: unknown): UploadError {
  if (!isApiError(error)) return { text: 'Sorry, the file could not be uploaded. Try again.' };
  if (error.isServiceProblem) return { text: problemHeading(error), serviceError: error };
  if (error.status === 401) return { text: 'Your session has ended. Sign in again, then upload the file' };
  if (error.status === 403) {
    return { text: error.detail ?? 'Your role cannot upload monthly returns. Ask an administrator if it should' };
  }
  const field = error.fieldErrors[0];
  // 400 (the file name), 413 (too large), 415 (not a file): the server says what to do.
  return { text: field?.message ?? error.detail ?? error.title };
}

/** The upload form's behaviour: checks the file, sends it, opens its page, or explains what went wrong. */
export function useUploadForm(): UploadFormState {
  const upload = useUploadReturn();
  const navigate = useNavigate();
  const [error, setError] = useState<UploadError | null>(null);
  const [attempts, setAttempts] = useState(0);

  const fail = (next: UploadError) => {
    setError(next);
    setAttempts((n) => n + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (upload.isPending) return;
    const input = event.currentTarget.elements.namedItem('file');
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    const problem = fileProblem(file);
    if (problem || !file) {
      fail({ text: problem ?? 'Select the monthly return file' });
      return;
    }
    setError(null);
    upload.mutate(file, {
      onSuccess: (response) => navigate(uploadPath(response.upload.id)),
      onError: (caught) => fail(fromApiError(caught)),
    });
  };

  return { error, attempts, pending: upload.isPending, onSubmit };
}

/** The form's error summary, for the top of the page (GOV.UK puts it above the heading). */
export function UploadErrorSummary({ form }: { form: UploadFormState }) {
  if (!form.error) return null;
  const { serviceError } = form.error;
  return serviceError ? (
    <ErrorSummary title={problemHeading(serviceError)} items={[]} focusKey={form.attempts}>
      <ProblemMessage error={serviceError} />
    </ErrorSummary>
  ) : (
    <ErrorSummary items={[{ text: form.error.text, fieldId: FILE_INPUT_ID }]} focusKey={form.attempts} />
  );
}

/** GOV.UK file upload: label, hint with the formats and the size limit, inline error, then the button. */
export function UploadForm({
  form,
  label = 'Upload a file',
  buttonText = 'Upload and check the file',
}: {
  form: UploadFormState;
  label?: string;
  buttonText?: string;
}) {
  const fieldError = form.error && !form.error.serviceError ? form.error.text : null;
  return (
    <form className="upload-form" onSubmit={form.onSubmit} noValidate aria-busy={form.pending}>
      <FileField
        id={FILE_INPUT_ID}
        label={label}
        hint={`A CSV or Excel (.xlsx) file, smaller than ${MAX_UPLOAD_WORDS}. Nothing is saved until you have checked the figures and chosen to load them.`}
        error={fieldError}
        accept={ACCEPTED_FILES}
      />
      <button type="submit" className="button" aria-disabled={form.pending || undefined}>
        {buttonText}
      </button>
      {/* One live region throughout, so the message is announced when it appears. */}
      <p className={form.pending ? 'loading' : 'visually-hidden'} role="status">
        {form.pending ? 'Uploading and checking the file…' : ''}
      </p>
    </form>
  );
}
