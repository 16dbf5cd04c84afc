import type { CurrentUser, Role, SignInMethod } from '@kpi/shared';
import type { AuditEntry } from '../audit/auditRepository';
import type { DbOrTx } from '../db/database';
import { NotFoundError, UnauthorisedError } from '../errors';
import { findOrganisation, type Organisation } from '../organisations/organisationRepository';

/**
 * Who is asking, for which organisation, with which role there, and from where: worked out once per
 * request (plugins/requestContext.ts) and handed to routes and use cases, which take the
 * organisation from here rather than looking it up. The organisation is the one the request asks
 * about (`X-Organisation` or `?organisation=`) or the person's default, and only ever one they
 * belong to: their membership there gives their role and pre-release status.
 */
export interface RequestContext {
  /** The signed-in person as they are in the organisation in view, or null. */
  readonly user: CurrentUser | null;
  /** Their role in the organisation in view; null when signed out. */
  readonly role: Role | null;
  /** The id of the organisation in view; null when signed out or when there is none. */
  readonly organisationId: number | null;
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

export type AuditActor = Required<
  Pick<AuditEntry, 'userId' | 'username' | 'requestId' | 'ipAddress' | 'organisationId'>
>;

/** A person's membership as their session carries it. */
export interface SessionMembership {
  organisationId: number;
  areaCode: string;
  name: string;
  role: Role;
  preRelease: boolean;
  /** Reached through a group in which they hold the regional role: a read-only viewer there. */
  regional?: boolean;
}

/** The signed-in person as their session finds them: who they are and every organisation they belong to. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  signInMethod: SignInMethod;
  /**
   * The role they were given before the installation had any organisation (the first
   * administrator; accounts made before the first seed): theirs in its first organisation, and
   * what they may do until it exists. Once an organisation exists only memberships count.
   */
  roleBeforeSetup: Role;
  preReleaseBeforeSetup: boolean;
  /** Lowest organisation id first: the first is their default organisation. */
  memberships: SessionMembership[];
}

/**
 * The person as they are in the organisation in view: their role and pre-release status there.
 * `beforeSetup`: the installation has no organisation yet, so their role is the one they were
 * created with (the first administrator must be able to set one up). A person in no organisation
 * of an installation that has some is a viewer of nothing: every organisation's data is refused.
 */
export function userInView(
  user: SessionUser,
  inView: SessionMembership | undefined,
  options: { beforeSetup?: boolean } = {},
): CurrentUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    signInMethod: user.signInMethod,
    role: inView?.role ?? (options.beforeSetup ? user.roleBeforeSetup : 'viewer'),
    preRelease: inView?.preRelease ?? (options.beforeSetup ? user.preReleaseBeforeSetup : false),
    organisations: user.memberships.map(({ areaCode, name, role, regional }) => ({ areaCode, name, role, regional })),
    organisationInView: inView?.areaCode ?? null,
  };
}

export const NO_ORGANISATION = 'No organisation is configured yet.';

/**
 * A context for one request, or for a script acting as someone (bench, CLI). `organisationId`:
 * the organisation in view (null: none); scripts leave it out and act for the default organisation.
 */
export function createRequestContext(
  db: DbOrTx,
  user: CurrentUser | null,
  meta: RequestMeta,
  organisationId?: number | null,
): RequestContext {
  let organisation: Promise<Organisation | undefined> | null = null;
  const context: RequestContext = {
    user,
    role: user?.role ?? null,
    organisationId: organisationId ?? null,
    meta,
    organisation(using = db) {
      organisation ??= organisationFor(using, user, organisationId);
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
      organisationId: organisationId ?? null,
    }),
  };
  return context;
}

/**
 * The organisation a person acts for. Nobody signed in has no organisation-scoped access (the
 * routes refuse them before any use case runs; this is the backstop). A person in no organisation
 * has none; a script acts for the default one.
 */
async function organisationFor(
  db: DbOrTx,
  user: CurrentUser | null,
  organisationId: number | null | undefined,
): Promise<Organisation | undefined> {
  if (!user) throw new UnauthorisedError();
  if (organisationId === null) return undefined;
  return findOrganisation(db, organisationId);
}
