import { truncateText } from '@kpi/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import { setRequestScope } from '../db/tenantScope';
import { BadRequestError, ForbiddenError } from '../errors';
import { createRequestContext, type RequestContext, userInView } from '../http/requestContext';
import { isApiRequest, routedPath } from '../http/routedPath';
import { anyOrganisation } from '../organisations/organisationRepository';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who asks, for which organisation, with which role, and from where (http/requestContext.ts). */
    context: RequestContext;
  }
}

export interface RequestContextOptions {
  db: Db;
  /** The app's clock; tests fix it. */
  now?: () => Date;
}

export const NOT_A_MEMBER = 'You are not a member of that organisation.';

export const ORGANISATION_ASKED_TWICE =
  'Ask about one organisation: give its area code once, in the X-Organisation header or the organisation parameter (or both the same).';

/**
 * Routes about the service itself, not any organisation: an organisation asked about is neither
 * refused nor used there (a load balancer's or a monitor's check works whoever is signed in).
 */
export const ABOUT_THE_SERVICE: ReadonlySet<string> = new Set(['/api/health', '/api/ready']);

/**
 * The organisation a request asks about, by area code: the `X-Organisation` header the client sends
 * on every API call, or `?organisation=` on a plain link (an export, a shared page); undefined
 * when it asks about none (the person's default organisation). Asked twice (a repeated parameter or
 * header, or the two naming different councils): `ambiguous`, refused by the API with a 400 rather
 * than answered for a council the caller may not have meant.
 */
export function organisationAsked(request: FastifyRequest): { code: string | undefined; ambiguous: string[] } {
  const header = request.headers['x-organisation'];
  const headers = (Array.isArray(header) ? header : header === undefined ? [] : [header]).flatMap((h) => h.split(','));
  const query = (request.query as Record<string, unknown> | undefined)?.organisation;
  const queries = Array.isArray(query) ? query : query === undefined ? [] : [query];
  const named = (values: unknown[]) =>
    values.map((v) => (typeof v === 'string' ? v.trim() : '')).filter((v) => v !== '' || values.length > 1);
  const fromHeader = named(headers);
  const fromQuery = named(queries);
  const ambiguous = [
    ...(fromHeader.length > 1 ? ['header.x-organisation'] : []),
    ...(fromQuery.length > 1 || queries.some((v) => typeof v !== 'string') ? ['querystring.organisation'] : []),
  ];
  const [h] = fromHeader;
  const [q] = fromQuery;
  if (ambiguous.length === 0 && h && q && h.toUpperCase() !== q.toUpperCase()) {
    ambiguous.push('header.x-organisation', 'querystring.organisation');
  }
  return { code: h || q || undefined, ambiguous };
}

/** The organisation a request asks about (see `organisationAsked`), by area code, or undefined. */
export function askedOrganisation(request: FastifyRequest): string | undefined {
  return organisationAsked(request).code;
}

/**
 * Builds each request's context once, after authentication has found who is signed in: the
 * organisation in view and the person's membership there. Asking about an organisation one does
 * not belong to is refused (403, audited as `organisation.refused`) before any route runs, whether
 * or not that organisation exists, so the answer says nothing about other councils.
 */
async function requestContext(app: FastifyInstance, options: RequestContextOptions) {
  const now = options.now ?? (() => new Date());
  app.decorateRequest('context', null as unknown as RequestContext);
  app.addHook('onRequest', async (request) => {
    const meta = {
      requestId: String(request.id),
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      now: now(),
    };
    const session = request.sessionUser;
    const { code: named, ambiguous } = organisationAsked(request);
    const aboutTheService = ABOUT_THE_SERVICE.has(routedPath(request));
    if (ambiguous.length > 0 && isApiRequest(request) && !aboutTheService) {
      request.user = null;
      request.context = createRequestContext(options.db, null, meta, null);
      throw new BadRequestError(
        ORGANISATION_ASKED_TWICE,
        ambiguous.map((path) => ({ path, message: ORGANISATION_ASKED_TWICE })),
      );
    }
    if (!session) {
      request.user = null;
      request.context = createRequestContext(options.db, null, meta, null);
      return;
    }
    // Signing in and out, the session and one's own password are about the person: there, an
    // organisation they do not belong to is not refused but answered for their default one, so a
    // shared link to it still lets them sign in and be told what they may see.
    // The service's own checks take no organisation at all.
    const aboutThePerson = routedPath(request).startsWith('/api/auth/');
    const ignored =
      aboutTheService || (aboutThePerson && !session.memberships.some((m) => sameArea(m.areaCode, named)));
    const asked = ignored ? undefined : named;
    const inView = asked ? session.memberships.find((m) => sameArea(m.areaCode, asked)) : session.memberships[0];
    if (asked && !inView) {
      request.user = userInView(session, undefined);
      request.context = createRequestContext(options.db, request.user, meta, null);
      // A page's HTML is still served (the app then shows the refusal); it preloads nothing.
      if (!isApiRequest(request)) return;
      await recordAudit(options.db, {
        ...request.context.auditActor(),
        action: 'organisation.refused',
        target: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        outcome: 'refused',
        details: { asked: truncateText(asked, 40) },
      });
      throw new ForbiddenError(NOT_A_MEMBER);
    }
    // Row-level security lets the rest of the request touch this organisation's rows and no other's.
    if (inView) setRequestScope([inView.organisationId]);
    const beforeSetup = !inView && session.memberships.length === 0 && !(await anyOrganisation(options.db));
    request.user = userInView(session, inView, { beforeSetup });
    request.context = createRequestContext(options.db, request.user, meta, inView?.organisationId ?? null);
  });
}

export default fp(requestContext, { name: 'requestContext', dependencies: ['authentication'] });

function sameArea(code: string, asked: string | undefined): boolean {
  return asked !== undefined && code.toUpperCase() === asked.toUpperCase();
}
