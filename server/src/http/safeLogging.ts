/**
 * What the logs may say about an error (OWASP ASVS 16.2.5): its class, its codes and where in the
 * code it happened; never its message or anything attached to it. Database errors carry the
 * statement's parameters (drizzle's "Failed query … params: …" holds a whole uploaded file) and
 * PostgreSQL's messages quote the offending value, so neither is ever written out. Used as pino's
 * `err` serializer, so every `log.error({ err })` anywhere in the server goes through it.
 */
export interface SafeError {
  type: string;
  code?: string;
  /** PostgreSQL's SQLSTATE, severity and the table/column/constraint named, when a database error. */
  sqlState?: string;
  table?: string;
  constraint?: string;
  /** Stack frames without the message line. */
  stack?: string;
  cause?: SafeError;
}

const MAX_DEPTH = 4;

export function safeError(error: unknown, depth = 0): SafeError {
  if (!error || typeof error !== 'object') return { type: typeof error };
  const e = error as Record<string, unknown>;
  const type = typeof e.name === 'string' ? e.name : (error.constructor?.name ?? 'Object');
  const out: SafeError = { type };
  if (typeof e.code === 'string' && /^[A-Z0-9_]{2,40}$/.test(e.code)) {
    if (/^[0-9A-Z]{5}$/.test(e.code) && /\d/.test(e.code)) out.sqlState = e.code;
    else out.code = e.code;
  }
  if (typeof e.table === 'string') out.table = e.table;
  if (typeof e.constraint === 'string') out.constraint = e.constraint;
  if (typeof e.stack === 'string') {
    const frames = e.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 12);
    if (frames.length > 0) out.stack = frames.join('\n');
  }
  if (e.cause && depth < MAX_DEPTH) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** True when the error came from the client going away mid-request (an aborted upload), not from us. */
export function isClientAbort(error: unknown, raw: { aborted?: boolean; readableAborted?: boolean }): boolean {
  if (raw.aborted || raw.readableAborted) return true;
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.message === 'aborted' && (e.code === 'ECONNRESET' || e.code === 'ECONNABORTED');
}

/** pino's `err` serializer: the safe summary, with the message replaced by the error's class. */
export function errorSerializer(error: Error): {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
} {
  const safe = safeError(error);
  return { ...safe, message: `${safe.type}${safe.sqlState ? ` ${safe.sqlState}` : ''}`, stack: safe.stack ?? '' };
}
