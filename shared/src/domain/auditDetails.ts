import type { AuditChange } from '../contracts/audit';

/**
 * What the record of changes shows of an audit entry's details. The details are whatever the
 * writing code chose to keep; none writes a secret today, but one may (an error message quoting
 * a request, a single sign-on claim), so everything is passed through a redaction first: a value
 * under a key that names a secret, or a value shaped like a password hash or a bearer token, is
 * withheld, at any depth.
 */
export const WITHHELD = '(withheld)';

/** Keys whose values are never shown, whatever they hold. `sha256` (a file's fingerprint) is not a secret. */
const SECRET_KEY =
  /pass(word|phrase|wd)?$|password|secret|token|cookie|authori[sz]ation|api[-_]?key|private[-_]?key|credential|session[-_]?id|^sid$|nonce|verifier|^hash$|password[-_]?hash|^otp$|^pin$|signature/i;

/** Values shaped like a password hash (argon2, bcrypt, scrypt), a JWT, or a bearer credential. */
const SECRET_VALUE =
  /^\$(argon2(id|i|d)|2[abxy]|scrypt|pbkdf2)[$-]|^eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.|^(bearer|basic)\s+\S/i;

const MAX_DEPTH = 8;

function redact(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return SECRET_VALUE.test(value.trim()) ? WITHHELD : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return WITHHELD;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, SECRET_KEY.test(key) ? WITHHELD : redact(child, depth + 1)]),
  );
}

/** A copy of an entry's details with every secret withheld; null when there are none. */
export function redactAuditDetails(details: unknown): Record<string, unknown> | null {
  if (details === null || details === undefined) return null;
  if (typeof details !== 'object' || Array.isArray(details)) return { value: redact(details, 1) };
  return redact(details, 0) as Record<string, unknown>;
}

/**
 * Details as a council's record shows them. A refused grant of the regional role records that the
 * username belongs to another council's person; the person asking was told only that there is no
 * such account among their councils' people, and the record says no more than that.
 */
export function auditDetailsAsSeen(action: string, details: unknown): Record<string, unknown> | null {
  const shown = redactAuditDetails(details);
  if (action === 'group.refused' && shown?.reason === 'person_of_other_councils') {
    return { reason: 'no_account_among_your_councils' };
  }
  return shown;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function pairOf(value: unknown): [unknown, unknown] | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  for (const [before, after] of [
    ['from', 'to'],
    ['before', 'after'],
    ['old', 'new'],
  ] as const) {
    if (Object.hasOwn(record, before) && Object.hasOwn(record, after)) return [record[before], record[after]];
  }
  return null;
}

/**
 * The before-and-after values an entry holds (of already-redacted details): the entry's own
 * `from`/`to` (one thing changed), and each field recorded as `{ from, to }` (or before/after,
 * old/new), as an action's change is.
 */
export function auditChanges(details: Record<string, unknown> | null): AuditChange[] {
  if (!details) return [];
  const changes: AuditChange[] = [];
  const own = pairOf(details);
  if (own) changes.push({ field: null, before: text(own[0]), after: text(own[1]) });
  for (const [field, value] of Object.entries(details)) {
    const pair = pairOf(value);
    if (pair) changes.push({ field, before: text(pair[0]), after: text(pair[1]) });
  }
  return changes;
}
