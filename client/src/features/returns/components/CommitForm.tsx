import { type ReturnUploadConflictCode, type ReturnUploadResponse, returnUploadConflictCodeSchema } from '@kpi/shared';
import { type FormEvent, useState } from 'react';
import { ErrorSummary, type ErrorSummaryItem } from '../../../components/ErrorSummary';
import { ProblemMessage, problemHeading } from '../../../components/ProblemMessage';
import { type ApiError, isApiError } from '../../../lib/apiClient';
import { useCommitReturnUpload } from '../api/commitReturnUpload';
import { plural } from '../words';
import { FILE_INPUT_ID } from './UploadForm';
import '../returns.css';
import { useFormErrors } from '../../../lib/useFormErrors';

type Field = 'confirmWarnings' | 'reason';

export const FIELD_IDS: Record<Field, string> = { confirmWarnings: 'confirm-warnings', reason: 'change-reason' };

/** The server's limit on a reason (returnCommitBodySchema). */
export const REASON_MAX = 1000;

export const MESSAGES = {
  confirmWarnings: 'Confirm that you have checked the figures with warnings',
  reason: 'Enter a reason for the change',
  reasonTooLong: `Reason for the change must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`,
} as const;

type CommitErrors = {
  fields: Partial<Record<Field, string>>;
  summary: ErrorSummaryItem[];
  serviceError?: ApiError;
  /** 409: the dashboard moved on since the preview; the file must be uploaded again. */
  conflict?: boolean;
};

export type CommitFormState = {
  confirmed: boolean;
  setConfirmed: (value: boolean) => void;
  reason: string;
  setReason: (value: string) => void;
  errors: CommitErrors | null;
  attempts: number;
  pending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
};

function withSummary(fields: Partial<Record<Field, string>>, extra: ErrorSummaryItem[] = []): CommitErrors {
  const order: Field[] = ['confirmWarnings', 'reason'];
  const summary = order.flatMap((field) => {
    const text = fields[field];
    return text ? [{ text, fieldId: FIELD_IDS[field] }] : [];
  });
  return { fields, summary: [...summary, ...extra] };
}

function fieldOf(path: string): Field | undefined {
  const last = path.split(/[./]/).filter(Boolean).pop();
  return last === 'confirmWarnings' || last === 'reason' ? last : undefined;
}

/**
 * A 409, by its kind: the server's detail says what happened; the next step depends on the kind.
 * Loaded already: nothing to do but look. Abandoned, changed or locked: upload the file again.
 */
function conflictErrors(error: ApiError): CommitErrors {
  const code = returnUploadConflictCodeSchema.safeParse(error.code);
  const kind = code.success ? code.data : null;
  const detail = error.detail ?? CONFLICT_FALLBACK[kind ?? 'data_changed'];
  if (kind === 'already_committed') {
    return withSummary({}, [{ text: detail }, { text: 'Reload this page to see what was loaded' }]);
  }
  return {
    ...withSummary({}, [
      { text: detail },
      {
        text:
          kind === 'upload_abandoned'
            ? 'Upload the file again if its figures should be loaded'
            : 'Upload the file again to see the latest figures',
        fieldId: FILE_INPUT_ID,
      },
    ]),
    conflict: true,
  };
}

/** Words for a 409 without a detail (the server always sends one; a proxy might not). */
const CONFLICT_FALLBACK: Record<ReturnUploadConflictCode, string> = {
  already_committed: 'This upload has already been loaded. It cannot be loaded twice',
  upload_abandoned: 'This upload was abandoned, so nothing from it can be loaded',
  data_changed: 'The figures in the dashboard have changed since this file was checked. Nothing was saved',
  meeting_locked: 'A meeting has been locked since this file was checked. Nothing was saved',
  upload_rejected: 'This upload has problems that stop it being loaded',
};

function fromApiError(error: unknown): CommitErrors {
  if (!isApiError(error)) return { fields: {}, summary: [{ text: 'Sorry, something went wrong. Try again.' }] };
  if (error.isServiceProblem) return { fields: {}, summary: [], serviceError: error };
  if (error.status === 401) {
    return withSummary({}, [{ text: 'Your session has ended. Sign in again, then open this upload to load it' }]);
  }
  if (error.status === 409) return conflictErrors(error);
  const fields: Partial<Record<Field, string>> = {};
  const other: ErrorSummaryItem[] = [];
  for (const fieldError of error.fieldErrors) {
    const field = fieldOf(fieldError.path);
    if (field && !fields[field]) fields[field] = fieldError.message;
    else if (!field) other.push({ text: fieldError.message });
  }
  if (Object.keys(fields).length === 0 && other.length === 0) other.push({ text: error.detail ?? error.title });
  return withSummary(fields, other);
}

/** The "load these figures" form: what must be confirmed or given, checked before it is sent. */
export function useCommitForm(data: ReturnUploadResponse, onLoaded: () => void): CommitFormState {
  const commit = useCommitReturnUpload(data.upload.id, { onCommitted: onLoaded });
  const [confirmed, setConfirmed] = useState(false);
  const [reason, setReason] = useState('');
  const { errors, attempts, fail, clearErrors } = useFormErrors<CommitErrors>();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (commit.isPending) return;
    const fields: Partial<Record<Field, string>> = {};
    if (data.needsConfirmation && !confirmed) fields.confirmWarnings = MESSAGES.confirmWarnings;
    const trimmed = reason.trim();
    if (data.needsReason && trimmed === '') fields.reason = MESSAGES.reason;
    else if (data.needsReason && trimmed.length > REASON_MAX) fields.reason = MESSAGES.reasonTooLong;
    if (Object.keys(fields).length > 0) {
      fail(withSummary(fields));
      return;
    }
    clearErrors();
    commit.mutate(
      { confirmWarnings: confirmed, ...(data.needsReason ? { reason: trimmed } : {}) },
      { onError: (caught) => fail(fromApiError(caught)) },
    );
  };

  return { confirmed, setConfirmed, reason, setReason, errors, attempts, pending: commit.isPending, onSubmit };
}

export function CommitErrorSummary({ form }: { form: CommitFormState }) {
  const { errors } = form;
  if (!errors) return null;
  if (errors.serviceError) {
    return (
      <ErrorSummary title={problemHeading(errors.serviceError)} items={[]} focusKey={form.attempts}>
        <ProblemMessage error={errors.serviceError} />
        <p>Nothing was saved. Try again later.</p>
      </ErrorSummary>
    );
  }
  return <ErrorSummary items={errors.summary} focusKey={form.attempts} />;
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p className="error-message" id={id}>
      <span className="visually-hidden">Error:</span> {text}
    </p>
  );
}

function ReasonField({ form, data }: { form: CommitFormState; data: ReturnUploadResponse }) {
  const id = FIELD_IDS.reason;
  const error = form.errors?.fields.reason;
  const locked = [...data.preview.newValues, ...data.preview.changedValues].some((item) => item.lockedMonth);
  const left = REASON_MAX - form.reason.length;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label label--m" htmlFor={id}>
        Reason for the change
      </label>
      <p className="hint" id={`${id}-hint`}>
        This file changes figures that were already reported
        {locked ? ', or months presented to a locked meeting' : ''}. The reason is recorded with every figure it
        changes, and shown in each figure's history.
      </p>
      <FieldError id={`${id}-error`} text={error} />
      <textarea
        className={error || left < 0 ? 'textarea textarea--error' : 'textarea'}
        id={id}
        name="reason"
        rows={4}
        value={form.reason}
        onChange={(event) => form.setReason(event.target.value)}
        aria-describedby={[`${id}-hint`, error && `${id}-error`, `${id}-count`].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
      />
      <p
        className={left < 0 ? 'hint character-count character-count--over' : 'hint character-count'}
        id={`${id}-count`}
      >
        {left >= 0
          ? `You have ${plural(left, 'character')} remaining`
          : `You have ${plural(-left, 'character')} too many`}
      </p>
    </div>
  );
}

/** Confirmation of the warnings, a reason when reported figures change, and the button that loads. */
export function CommitForm({ form, data }: { form: CommitFormState; data: ReturnUploadResponse }) {
  const confirmId = FIELD_IDS.confirmWarnings;
  const confirmError = form.errors?.fields.confirmWarnings;
  return (
    <form className="commit-form" onSubmit={form.onSubmit} noValidate aria-busy={form.pending}>
      <h2 id="commit-heading" className="heading-m">
        Load these figures
      </h2>
      {data.needsConfirmation && (
        <div className={confirmError ? 'form-group form-group--error' : 'form-group'}>
          <FieldError id={`${confirmId}-error`} text={confirmError} />
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              type="checkbox"
              id={confirmId}
              name="confirmWarnings"
              checked={form.confirmed}
              onChange={(event) => form.setConfirmed(event.target.checked)}
              aria-describedby={[`${confirmId}-hint`, confirmError && `${confirmId}-error`].filter(Boolean).join(' ')}
              aria-invalid={confirmError ? true : undefined}
            />
            <div>
              <label className="checkboxes__label" htmlFor={confirmId}>
                I have checked these figures
              </label>
              <p className="checkboxes__hint" id={`${confirmId}-hint`}>
                The file has {plural(data.counts.warnings, 'warning')}. Check each one against the Trust's records
                before you load the file.
              </p>
            </div>
          </div>
        </div>
      )}
      {data.needsReason && <ReasonField form={form} data={data} />}
      <p>
        Loading saves every new and changed figure at once, or none of them if anything goes wrong. The scorecard and
        briefings use them straight away.
      </p>
      <button type="submit" className="button" aria-disabled={form.pending || undefined}>
        Load these figures
      </button>
      <p className={form.pending ? 'loading' : 'visually-hidden'} role="status">
        {form.pending ? 'Loading the figures…' : ''}
      </p>
    </form>
  );
}
