import { MONTH_FORMS } from '@kpi/shared';
import type { z } from 'zod';
import type { ErrorSummaryItem } from '../components/ErrorSummary';
import { type ApiError, isApiError } from './apiClient';

/** A form's errors: one message per field, the summary that links to them, or a service failure. */
export type FormErrors<F extends string> = {
  fields: Partial<Record<F, string>>;
  summary: ErrorSummaryItem[];
  serviceError?: ApiError;
};

/**
 * How a field is named in an error message, so every message says which field is wrong in plain
 * English ("Enter the board's name", "Board name must be 200 characters or fewer").
 */
export type FieldWords = {
  /** The field as the subject of a sentence: "Board name", "First month in force". */
  label: string;
  /** What to say when it is left empty: "Enter the board's name". */
  missing: string;
  /** What the field holds, for format problems. */
  kind?: 'text' | 'month' | 'date' | 'number' | 'choice';
  /** For a number: what it counts ("months"), so "a whole number of months". */
  unit?: string;
};

/** A form's fields, in page order, and how each is named in messages. */
export type FormSpec<F extends string> = {
  order: readonly F[];
  words: Record<F, FieldWords>;
  /** The element the summary links to, when it is not the field's own name. */
  fieldId?: (field: F) => string;
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

/** A field problem, from a zod issue in the browser or the words of one from the server. */
type FieldProblem = {
  code?: string | undefined;
  message: string;
  origin?: string | undefined;
  minimum?: number | undefined;
  maximum?: number | undefined;
  expected?: string | undefined;
  received?: string | undefined;
};

/**
 * The server reports a request the shared schema refused in zod's own words ("Too big: expected
 * string to have <=200 characters"); read them back into the problem they describe.
 */
function problemFromServerWords(message: string): FieldProblem {
  const bound = /^Too (big|small): expected (\w+) to (?:have|be) ([<>]=?)(-?[\d.]+)/.exec(message);
  if (bound) {
    const [, size, origin, , limit] = bound;
    const value = Number(limit);
    return size === 'big'
      ? { code: 'too_big', origin, maximum: value, message }
      : { code: 'too_small', origin, minimum: value, message };
  }
  const type = /^Invalid input: expected (\w+), received (\w+)/.exec(message);
  if (type) return { code: 'invalid_type', expected: type[1], received: type[2], message };
  if (/^Invalid (option|input): expected one of/.test(message)) return { code: 'invalid_value', message };
  if (/^Invalid string: must match pattern/.test(message)) return { code: 'invalid_format', message };
  return { message };
}

export function problemFromIssue(issue: z.core.$ZodIssue): FieldProblem {
  const detail = issue as { origin?: string; minimum?: unknown; maximum?: unknown; expected?: string };
  return {
    code: issue.code,
    message: issue.message,
    origin: detail.origin,
    minimum: typeof detail.minimum === 'number' ? detail.minimum : undefined,
    maximum: typeof detail.maximum === 'number' ? detail.maximum : undefined,
    expected: detail.expected,
  };
}

const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text);

/** Whether a message already says which field it is about, so it can be shown as it is. */
function namesField(message: string, words: FieldWords): boolean {
  const text = message.toLowerCase();
  return text.includes(words.label.toLowerCase()) || message === words.missing;
}

function numberMessage(problem: FieldProblem, words: FieldWords, bounds: NumberBounds): string {
  const whole = bounds.int ? 'a whole number' : 'a number';
  const of = words.unit ? `${whole} of ${words.unit}` : whole;
  const unit = words.unit ? ` ${words.unit}` : '';
  if (problem.code === 'too_big' && problem.maximum !== undefined)
    return `${words.label} must be ${problem.maximum}${unit} or fewer`;
  const min = problem.code === 'too_small' && problem.minimum !== undefined ? problem.minimum : bounds.min;
  if (min !== undefined) return `${words.label} must be ${of}, ${min} or more`;
  return `${words.label} must be ${of}`;
}

type NumberBounds = { min?: number | undefined; max?: number | undefined; int?: boolean };

/** One problem with one field, in plain English that names the field. */
export function fieldMessage(
  problem: FieldProblem,
  words: FieldWords,
  options: { empty?: boolean; bounds?: NumberBounds } = {},
): string {
  if (problem.message === words.missing) return problem.message;
  const isNumber =
    words.kind === 'number' ||
    problem.origin === 'number' ||
    problem.expected === 'number' ||
    problem.expected === 'int';
  if (isNumber) {
    if (options.empty) return words.missing;
    return numberMessage(problem, words, options.bounds ?? {});
  }
  if (options.empty) return words.missing;
  if (problem.message === 'Enter a value') return words.missing;
  if (problem.code === 'too_small' && (problem.origin === 'string' || problem.origin === 'array'))
    return problem.minimum !== undefined && problem.minimum > 1 && problem.origin === 'string'
      ? `${words.label} must be ${problem.minimum} characters or more`
      : words.missing;
  if (problem.code === 'too_big' && problem.origin === 'string')
    return `${words.label} must be ${problem.maximum} characters or fewer`;
  if (problem.code === 'too_big' && problem.origin === 'array')
    return `${words.label}: choose ${problem.maximum} or fewer`;
  if (problem.code === 'invalid_type' || problem.code === 'invalid_value') return words.missing;
  if (words.kind === 'month' && (problem.code === 'invalid_format' || /YYYY-MM$/.test(problem.message)))
    return `${words.label} must be a month, written as ${MONTH_FORMS}`;
  if (words.kind === 'date' && (problem.code === 'invalid_format' || /YYYY-MM-DD$/.test(problem.message)))
    return `${words.label} must be a date, for example 2025-09-08`;
  if (namesField(problem.message, words)) return problem.message;
  return `${words.label}: ${lowerFirst(problem.message).replace(/\.$/, '')}`;
}

/** The name of the field a server path is about ("body.password", "/password" → password). */
function lastSegment(path: readonly PropertyKey[] | string): string | undefined {
  const parts = typeof path === 'string' ? path.split(/[./]/).filter(Boolean) : path.map(String);
  return parts.at(0) === 'body' ? parts[1] : typeof path === 'string' ? parts.pop() : parts[0];
}

type SchemaLike = z.ZodType;

/** The schema a field's value must match, with optional/nullable/default wrappers removed. */
function innerSchema(schema: SchemaLike | undefined): SchemaLike | undefined {
  let current = schema as { def?: { type?: string; innerType?: SchemaLike; in?: SchemaLike } } | undefined;
  for (let depth = 0; current?.def && depth < 8; depth++) {
    const { type, innerType } = current.def;
    if (innerType && ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly'].includes(type ?? ''))
      current = innerType as typeof current;
    else if (type === 'pipe' && current.def.in) current = current.def.in as typeof current;
    else break;
  }
  return current as SchemaLike | undefined;
}

/** The longest text a schema allows, for an input's maxlength: read from the shared schema, never copied. */
export function maxLengthOf(schema: SchemaLike | undefined): number | undefined {
  const inner = innerSchema(schema) as { maxLength?: number | null } | undefined;
  return typeof inner?.maxLength === 'number' ? inner.maxLength : undefined;
}

/** The range a number schema allows, for messages such as "a whole number of months, 1 or more". */
export function numberBoundsOf(schema: SchemaLike | undefined): NumberBounds {
  const inner = innerSchema(schema) as { minValue?: number | null; maxValue?: number | null; isInt?: boolean };
  if (!inner || !('minValue' in inner)) return {};
  return {
    min: Number.isFinite(inner.minValue) ? (inner.minValue as number) : undefined,
    max: Number.isFinite(inner.maxValue) ? (inner.maxValue as number) : undefined,
    int: Boolean(inner.isInt),
  };
}

type ObjectSchemaLike = { shape: Record<string, SchemaLike> };

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A schema's refusal of a form, in plain English: each field's first problem next to it, the
 * summary linking to each; problems with no field of their own follow in the summary.
 */
export function formErrorsFromIssues<F extends string>(
  spec: FormSpec<F>,
  issues: readonly z.core.$ZodIssue[],
  context: { values?: Partial<Record<F, unknown>>; schema?: ObjectSchemaLike } = {},
): FormErrors<F> {
  const fields: Partial<Record<F, string>> = {};
  const other: ErrorSummaryItem[] = [];
  for (const issue of issues) {
    const field = issue.path[0] as F | undefined;
    if (field !== undefined && spec.order.includes(field) && issue.path.length === 1) {
      fields[field] ??= fieldMessage(problemFromIssue(issue), spec.words[field], {
        empty: isEmpty(context.values?.[field]),
        bounds: numberBoundsOf(context.schema?.shape[field]),
      });
    } else if (field !== undefined && spec.order.includes(field)) {
      fields[field] ??= `${spec.words[field].label}: ${lowerFirst(issue.message)}`;
    } else other.push({ text: issue.message });
  }
  return withSummary(spec.order, fields, other, spec.fieldId);
}

function isSpec<F extends string>(value: readonly F[] | FormSpec<F>): value is FormSpec<F> {
  return !Array.isArray(value);
}

/**
 * The server's refusal as form errors: field problems next to their fields ("body.password" →
 * password), anything else (the last administrator, a taken username) in the summary. Given the
 * form's words, each field message names its field in plain English, whatever words the server used.
 */
export function formErrorsFrom<F extends string>(
  error: unknown,
  form: readonly F[] | FormSpec<F>,
  fieldId?: (field: F) => string,
  context: { values?: Partial<Record<F, unknown>>; schema?: ObjectSchemaLike } = {},
): FormErrors<F> {
  const spec = isSpec(form) ? form : undefined;
  const order = spec ? spec.order : (form as readonly F[]);
  const linkTo = fieldId ?? spec?.fieldId;
  if (!isApiError(error)) return { fields: {}, summary: [{ text: 'Sorry, something went wrong. Try again.' }] };
  if (error.isServiceProblem) return { fields: {}, summary: [], serviceError: error };
  const fields: Partial<Record<F, string>> = {};
  const other: ErrorSummaryItem[] = [];
  for (const fieldError of error.fieldErrors) {
    const segments = fieldError.path.split(/[./]/).filter(Boolean);
    const nested = spec ? (segments[0] === 'body' ? segments.length > 2 : segments.length > 1) : false;
    const last = (spec ? lastSegment(fieldError.path) : segments.at(-1)) as F | undefined;
    if (last && order.includes(last)) {
      const message =
        spec && !nested
          ? fieldMessage(problemFromServerWords(fieldError.message), spec.words[last], {
              empty: isEmpty(context.values?.[last]),
              bounds: numberBoundsOf(context.schema?.shape[last]),
            })
          : spec
            ? `${spec.words[last].label}: ${lowerFirst(fieldError.message)}`
            : fieldError.message;
      fields[last] = fields[last] && !spec ? `${fields[last]} ${message}` : (fields[last] ?? message);
    } else other.push({ text: fieldError.message });
  }
  if (Object.keys(fields).length === 0 && other.length === 0) other.push({ text: error.detail ?? error.title });
  return withSummary(order, fields, other, linkTo);
}
