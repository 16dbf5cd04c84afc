import type { CurrentUser, Role } from '@kpi/shared';
import type { AuditEntry } from '../audit/auditRepository';
import type { DbOrTx } from '../db/database';
import { NotFoundError, UnauthorisedError } from '../errors';
import { findOrganisation, type Organisation } from '../organisations/organisationRepository';

/**
 * Who is asking, for which organisation, with which role there, and from where: worked out once per
 * request (plugins/requestContext.ts) and handed to routes and use cases, which take the
 * organisation from here rather than looking it up. Today a deployment serves one council, so the
 * organisation is the deployment's single one; taking it from the URL or the session and checking
 * a membership table later changes only `organisationFor` below.
 */
export interface RequestContext {
  /** The signed-in person, or null. */
  readonly user: CurrentUser | null;
  /** Their role in the organisation (today: their one role); null when signed out. */
  readonly role: Role | null;
  readonly meta: RequestMeta;
  /**
   * The organisation asked about, looked up at most once; undefined while none is set up yet.
   * `db`: the transaction to look it up in when the first ask comes from inside one (PGlite has a
   * single connection, so a read outside an open transaction would wait for it).
   */
  organisation(db?: DbOrTx): Promise<Organisation | undefined>;
  /** The organisation, or 404 "No organisation is configured yet." */
  requireOrganisation(db?: DbOrTx): Promise<Organisation>;
  /** Who is acting and from where, for the audit log. */
  auditActor(): AuditActor;
}

export interface RequestMeta {
  requestId: string;
  ipAddress: string;
  userAgent: string | null;
  /** When the request arrived (the app's clock, which tests can fix). */
  now: Date;
}

export type AuditActor = Required<Pick<AuditEntry, 'userId' | 'username' | 'requestId' | 'ipAddress'>>;

export const NO_ORGANISATION = 'No organisation is configured yet.';

/** A context for one request, or for a script acting as someone (bench, CLI). */
export function createRequestContext(db: DbOrTx, user: CurrentUser | null, meta: RequestMeta): RequestContext {
  let organisation: Promise<Organisation | undefined> | null = null;
  const context: RequestContext = {
    user,
    role: user?.role ?? null,
    meta,
    organisation(using = db) {
      organisation ??= organisationFor(using, user);
      return organisation;
    },
    async requireOrganisation(using = db) {
      const found = await context.organisation(using);
      if (!found) throw new NotFoundError(NO_ORGANISATION);
      return found;
    },
    auditActor: () => ({
      userId: user?.id ?? null,
      username: user?.username ?? null,
      requestId: meta.requestId,
      ipAddress: meta.ipAddress,
    }),
  };
  return context;
}

/**
 * The organisation a person acts for. Nobody signed in has no organisation-scoped access (the
 * routes refuse them before any use case runs; this is the backstop). One council per deployment
 * today: its single organisation.
 */
async function organisationFor(db: DbOrTx, user: CurrentUser | null): Promise<Organisation | undefined> {
  if (!user) throw new UnauthorisedError();
  return findOrganisation(db);
}
