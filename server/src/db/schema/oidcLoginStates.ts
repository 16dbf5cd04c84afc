import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';

/**
 * Single sign-on attempts in flight: one row from the redirect to the provider until the
 * provider sends the browser back. Each row is used once (deleted when read) and only by the
 * browser holding the cookie whose hash is stored, which is what stops login CSRF.
 */
export const oidcLoginStates = pgTable(
  'oidc_login_states',
  {
    /** SHA-256 of the `state` parameter. */
    stateHash: text('state_hash').primaryKey(),
    /** SHA-256 of the random value in the browser's short-lived cookie. */
    browserBindingHash: text('browser_binding_hash').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** A path on this site to go to afterwards, already checked. */
    returnTo: text('return_to').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('oidc_login_states_expires_idx').on(t.expiresAt)],
);
