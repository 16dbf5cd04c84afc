import { dictionary } from '@zxcvbn-ts/language-common';

// NIST SP 800-63B §3.1.1.2 and OWASP ASVS 5.0 (V6.2): a length floor and ceiling, a check against
// passwords known to be common, and no composition rules (no "must contain a digit").
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;
/** What the screens recommend; only the minimum is enforced. */
export const PASSWORD_RECOMMENDED_LENGTH = 15;
/** Shorter usernames are compared for equality only: "al" inside a passphrase says nothing. */
const USERNAME_CONTAINMENT_MIN_LENGTH = 3;

let commonPasswords: Set<string> | undefined;

/**
 * The zxcvbn-ts common-password list (about 49,000 entries, all lower case), kept only from the
 * minimum length up: shorter entries are already refused by length. Built on first use, so a
 * bundle that imports this module but never checks a password does no work.
 */
function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(
    dictionary['passwords-common'].filter((p) => codePointLength(p) >= PASSWORD_MIN_LENGTH).map((p) => p.toLowerCase()),
  );
  return commonPasswords;
}

/** Length as a person counts characters: an emoji or an accented letter is one, not two UTF-16 units. */
export function codePointLength(text: string): number {
  return [...text].length;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswordSet().has(password.toLowerCase());
}

export interface PasswordContext {
  /** The account's username: a password that is or contains it is refused. */
  username?: string | undefined;
}

/** Why a new password is refused, in plain English; empty when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const length = codePointLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(
      `The password must be at least ${PASSWORD_MIN_LENGTH} characters long (${PASSWORD_RECOMMENDED_LENGTH} or more is better).`,
    );
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push(`The password must be ${PASSWORD_MAX_LENGTH} characters or fewer.`);
  }
  if (length >= PASSWORD_MIN_LENGTH && isCommonPassword(password)) {
    problems.push('This password is on a list of commonly used passwords. Choose one that is harder to guess.');
  }
  const username = context.username?.trim().toLowerCase();
  if (username) {
    const lower = password.toLowerCase();
    const contains = codePointLength(username) >= USERNAME_CONTAINMENT_MIN_LENGTH && lower.includes(username);
    if (lower === username || contains) problems.push('The password must not contain the username.');
  }
  return problems;
}
