import type { ErrorSummaryItem } from '../components/ErrorSummary';
import { type ApiError, isApiError } from './apiClient';

/** A form's errors: one message per field, the summary that links to them, or a service failure. */
export type FormErrors<F extends string> = {
  fields: Partial<Record<F, string>>;
  summary: ErrorSummaryItem[];
  serviceError?: ApiError;
};

export function withSummary<F extends string>(
  order: readonly F[],
  fields: Partial<Record<F, string>>,
  extra: ErrorSummaryItem[] = [],
  fieldId: (field: F) => string = (field) => field,
): FormErrors<F> {
  const summary = order.flatMap((field) => {
    const text = fields[field];
    return text ? [{ text, fieldId: fieldId(field) }] : [];
  });
  return { fields, summary: [...summary, ...extra] };
}

/**
 * The server's refusal as form errors: field problems next to their fields ("body.password" →
 * password), anything else (the last administrator, a taken username) in the summary.
 */
export function formErrorsFrom<F extends string>(
  error: unknown,
  order: readonly F[],
  fieldId?: (field: F) => string,
): FormErrors<F> {
  if (!isApiError(error)) return { fields: {}, summary: [{ text: 'Sorry, something went wrong. Try again.' }] };
  if (error.isServiceProblem) return { fields: {}, summary: [], serviceError: error };
  const fields: Partial<Record<F, string>> = {};
  const other: ErrorSummaryItem[] = [];
  for (const fieldError of error.fieldErrors) {
    const last = fieldError.path.split(/[./]/).filter(Boolean).pop() as F | undefined;
    if (last && order.includes(last))
      fields[last] = fields[last] ? `${fields[last]} ${fieldError.message}` : fieldError.message;
    else other.push({ text: fieldError.message });
  }
  if (Object.keys(fields).length === 0 && other.length === 0) other.push({ text: error.detail ?? error.title });
  return withSummary(order, fields, other, fieldId);
}
