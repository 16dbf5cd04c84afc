import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';
import { roleEnum } from './enums';

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: roleEnum('role').notNull(),
    /** argon2id PHC string; null for people who sign in only through single sign-on. */
    passwordHash: text('password_hash'),
    /** Single sign-on identity: issuer + subject, never the email. */
    ssoIssuer: text('sso_issuer'),
    ssoSubject: text('sso_subject'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    /** On the pre-release list: may see figures before their meeting publishes them (viewers only need it; other roles produce the figures). */
    preRelease: boolean('pre_release').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    uniqueIndex('users_sso_uq').on(t.ssoIssuer, t.ssoSubject).where(sql`${t.ssoIssuer} is not null`),
  ],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Absolute limit, whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Append-only record of who did what. Database triggers refuse UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    action: text('action').notNull(),
    target: text('target'),
    outcome: text('outcome').notNull().default('success'),
    details: jsonb('details'),
    requestId: text('request_id'),
    ipAddress: text('ip_address'),
    /**
     * The organisation the action was taken in; null for actions outside any one organisation
     * (signing in, managing one's own password). Not a foreign key: the record outlives the row.
     */
    organisationId: integer('organisation_id'),
  },
  (t) => [
    index('audit_log_organisation_at_idx').on(t.organisationId, t.at),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_action_idx').on(t.action),
  ],
);
