import { createHash, randomBytes } from 'node:crypto';

/** A new unguessable session token (256 bits) for the cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the hash is stored, so a copy of the database cannot be used to sign in. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
