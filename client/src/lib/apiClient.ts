import { type Problem, problemSchema } from '@kpi/shared';
import type { z } from 'zod';
import { organisationInView } from './organisationInView';

/** A field-level problem, as the server reports it in `Problem.errors`. */
export type FieldError = NonNullable<Problem['errors']>[number];

/**
 * - `http`: the server answered with an error status.
 * - `network`: the request never got an answer (offline, server down, proxy refused).
 * - `invalid-response`: the server answered, but not in the shape of the shared contract.
 */
export type ApiErrorKind = 'http' | 'network' | 'invalid-response';

type ApiErrorInit = {
  kind: ApiErrorKind;
  status: number;
  title: string;
  detail?: string | undefined;
  type?: string | undefined;
  requestId?: string | undefined;
  fieldErrors?: FieldError[] | undefined;
  code?: string | undefined;
};

/** The one error type every API call rejects with (apart from aborts). */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status; 0 when there was no response. */
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  /** Quote this to support: it identifies the request in the server's logs. */
  readonly requestId: string | undefined;
  readonly fieldErrors: FieldError[];
  /** The problem's machine-readable kind, where the server gives one (e.g. a 409's `data_changed`). */
  readonly code: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors ?? [];
    this.code = init.code;
  }

  /** A fault on our side (5xx, unreadable response or no response): the user can only try again. */
  get isServiceProblem(): boolean {
    return this.kind !== 'http' || this.status >= 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const REQUEST_ID_HEADER = 'x-request-id';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type RequestOptions = {
  method?: Method;
  /** Sent as JSON. Omit for requests without a body (no Content-Type is sent then). */
  body?: unknown;
  signal?: AbortSignal | undefined;
  /**
   * Ask about this organisation (area code) rather than the one in view: a change an administrator
   * makes for one of their councils from a screen listing several (the server decides if they may).
   */
  organisation?: string;
};

/** A body sent as it is (a file's bytes), with its own Content-Type; never JSON-encoded. */
type RawBody = { data: Blob; contentType: string };

type SendOptions = RequestOptions & { raw?: RawBody };

/**
 * Same-origin URL for an API path. Built absolute so it behaves the same in the browser and
 * under jsdom, where fetch cannot resolve relative URLs.
 */
function apiUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

async function send(path: string, options: SendOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  // Every call asks about the organisation in view; without one the server answers for the default.
  const organisation = options.organisation ?? organisationInView();
  if (organisation) headers['X-Organisation'] = organisation;
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
    signal: options.signal ?? null,
  };
  if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    init.body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  try {
    return await fetch(apiUrl(path), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ kind: 'network', status: 0, title: 'Could not connect to the service' });
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    const parsed = problemSchema.safeParse(await readJson(response));
    if (parsed.success) {
      const problem = parsed.data;
      return new ApiError({
        kind: 'http',
        status: problem.status,
        title: problem.title,
        detail: problem.detail,
        type: problem.type,
        requestId: problem.requestId,
        fieldErrors: problem.errors,
        code: problem.code,
      });
    }
  }
  // Not a problem document: a proxy or gateway answered, or the server broke its own contract.
  return new ApiError({
    kind: 'http',
    status: response.status,
    title: response.statusText || `The service responded with status ${response.status}`,
    requestId: headerRequestId,
  });
}

async function fetchParsed<S extends z.ZodType>(path: string, schema: S, options: SendOptions): Promise<z.output<S>> {
  const response = await send(path, options);
  if (!response.ok) throw await toApiError(response);
  const parsed = schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new ApiError({
      kind: 'invalid-response',
      status: response.status,
      title: 'The service sent a response the dashboard could not read',
      requestId: response.headers.get(REQUEST_ID_HEADER) ?? undefined,
    });
  }
  return parsed.data;
}

/** Calls the API and parses a successful response with the shared contract's schema. */
export function apiFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  return fetchParsed(path, schema, options);
}

/**
 * POSTs a file's bytes as the request body (not a form, not JSON) with the given Content-Type,
 * and parses the answer like `apiFetch`.
 */
export function apiUploadFile<S extends z.ZodType>(
  path: string,
  schema: S,
  file: Blob,
  contentType: string,
  { signal }: { signal?: AbortSignal | undefined } = {},
): Promise<z.output<S>> {
  return fetchParsed(path, schema, { method: 'POST', signal, raw: { data: file, contentType } });
}

/** Calls an API endpoint that answers without a body (204). */
export async function apiSend(path: string, options: RequestOptions = {}): Promise<void> {
  const response = await send(path, options);
  if (!response.ok) throw await toApiError(response);
}
