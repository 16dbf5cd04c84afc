import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { userRoutes } from './accounts/userRoutes';
import { auditRoutes } from './audit/auditRoutes';
import { authRoutes } from './auth/authRoutes';
import { oidcRoutes } from './auth/oidcRoutes';
import { openReadCaches } from './cache/readCaches';
import { commentaryRoutes } from './commentary/commentaryRoutes';
import { benchmarkRoutes } from './comparators/benchmarkRoutes';
import type { AppConfig } from './config';
import { contractRoutes } from './contract/contractRoutes';
import { scheduleRoutes } from './contract/scheduleRoutes';
import type { Database } from './db/database';
import { exportRoutes } from './exports/exportRoutes';
import { FileReaderPool } from './fileReaders/fileReaderPool';
import { groupRoutes } from './groups/groupRoutes';
import { healthRoutes } from './http/healthRoutes';
import { withProblemMediaType } from './http/openApiResponses';
import { isApiRequest } from './http/routedPath';
import { errorSerializer } from './http/safeLogging';
import { meetingRoutes } from './meetings/meetingRoutes';
import authentication from './plugins/authentication';
import { loadClientPage, type PageVisitor, sendClientPage } from './plugins/clientPage';
import inputText from './plugins/inputText';
import problemDetails, { sendClientErrorProblem, sendProblem } from './plugins/problemDetails';
import requestContext, { askedOrganisation } from './plugins/requestContext';
import requestOrigin from './plugins/requestOrigin';
import securityHeaders, { applySecurityHeaders } from './plugins/securityHeaders';
import tenantScope from './plugins/tenantScope';
import { regionalRoutes } from './regional/regionalRoutes';
import { returnRoutes } from './returns/returnRoutes';
import { kpiRoutes } from './scorecard/kpiRoutes';
import { overviewRoutes } from './scorecard/overviewRoutes';
import { onboardingRoutes } from './setup/onboardingRoutes';
import { setupRoutes } from './setup/setupRoutes';
import { spcRoutes } from './spc/spcRoutes';

export interface BuildAppOptions {
  config: AppConfig;
  database: Database;
  /** Pino logger settings; false in tests. */
  logger?: boolean | object;
  /** The clock used for "is this month in the future"; tests fix it. */
  now?: () => Date;
  /** Start the upload-reading worker threads at once rather than on the first upload. */
  warmUploadReaders?: boolean;
  /** The file reader pool (tests watch it; the bench runs one in process); by default one of its own. */
  fileReaders?: FileReaderPool;
}

/** Builds the whole application without listening, so tests can use `app.inject`. */
export async function buildApp({
  config,
  database,
  logger = false,
  now,
  warmUploadReaders = false,
  fileReaders,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Errors are logged by class, code and stack only, never with their message or parameters.
    logger: logger === false ? false : { ...(logger === true ? {} : logger), serializers: { err: errorSerializer } },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    requestTimeout: 30_000,
    trustProxy: config.trustProxy,
    // A request without Host is refused by the app (plugins/problemDetails.ts), with a problem body.
    http: { requireHostHeader: false },
    // A request Node cannot parse (unknown method, bad header, over-long address) gets the problem shape too.
    clientErrorHandler: sendClientErrorProblem,
    // Errors raised by the router itself (a malformed or over-long URL) get the one problem shape too.
    // No hook runs for them, so the security headers, no-store and the request id are set here.
    frameworkErrors: (error, request, reply) => {
      applySecurityHeaders(request, reply);
      reply.header('cache-control', 'no-store').header('x-request-id', String(request.id));
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400;
      const detail =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A part of the address is too long.' : 'The address is not valid.';
      return sendProblem(reply, request, { title: status === 414 ? 'URI too long' : 'Bad request', status, detail });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(problemDetails);
  await app.register(securityHeaders);
  // gzip for uncached responses when the browser accepts it: a backfill's preview is 2.8 MB of
  // JSON (≈ 0.1 of that gzipped). Cached reads and pre-compressed assets arrive already encoded
  // and pass through. Request bodies are never inflated: an upload is read as sent, within the
  // body limit, so no decompression bomb reaches the parsers.
  await app.register(fastifyCompress, { encodings: ['gzip'], globalDecompression: false });
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // A client that disconnects before its request is handled has no address left to count.
    keyGenerator: (request) => request.ip ?? 'disconnected',
  });
  await app.register(inputText);
  await app.register(requestOrigin, { publicOrigin: config.publicOrigin ?? null });
  await app.register(fastifyCookie);
  const caches = openReadCaches(app, database);
  await app.register(tenantScope);
  await app.register(authentication, {
    db: database.db,
    sessionIdleMs: config.sessionIdleMs,
    sessions: caches.sessions,
  });
  await app.register(requestContext, { db: database.db, ...(now ? { now } : {}) });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: "Children's services KPI dashboard API",
        description: 'Monthly KPI series with Target / Tolerance / Failure bands and comparator benchmarks.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kpi_session' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => ('openapiObject' in document ? withProblemMediaType(document.openapiObject) : {}),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // Uploaded files (returns and benchmark files) are parsed in these worker threads, a few at a
  // time, with memory and time limits: one pool for the server.
  const readers = fileReaders ?? new FileReaderPool();
  app.addHook('onClose', async () => readers.close());
  if (warmUploadReaders) app.addHook('onReady', async () => readers.warm());

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { database });
      await api.register(authRoutes, { db: database.db, config });
      await api.register(oidcRoutes, { db: database.db, config });
      await api.register(overviewRoutes, { db: database.db, reads: caches.reads });
      await api.register(kpiRoutes, { db: database.db, reads: caches.reads });
      await api.register(meetingRoutes, { db: database.db });
      await api.register(spcRoutes, { db: database.db });
      await api.register(commentaryRoutes, { db: database.db });
      await api.register(returnRoutes, { db: database.db, readers, ...(now ? { now } : {}) });
      await api.register(benchmarkRoutes, { db: database.db, readers });
      await api.register(regionalRoutes, { db: database.db, ...(now ? { now } : {}) });
      await api.register(userRoutes, { db: database.db });
      await api.register(groupRoutes, { db: database.db });
      await api.register(auditRoutes, { db: database.db });
      await api.register(contractRoutes, { db: database.db });
      await api.register(scheduleRoutes, { db: database.db });
      await api.register(setupRoutes, { db: database.db, config });
      await api.register(onboardingRoutes, { db: database.db });
      await api.register(exportRoutes, { db: database.db, clientDist: config.clientDist, ...(now ? { now } : {}) });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );

  await registerClient(app, config.clientDist);
  return app;
}

const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Serves the built client; unknown non-API paths get index.html so client-side routes work on
 * reload, with the route's preload hints (plugins/clientPage.ts). Hashed assets are cached for a
 * year: a new build has new names.
 */
async function registerClient(app: FastifyInstance, clientDist: string) {
  const page = loadClientPage(clientDist);
  if (page) {
    // preCompressed: the build writes .br and .gz beside each asset (client/build/precompress.ts).
    await app.register(fastifyStatic, {
      root: clientDist,
      prefix: '/',
      wildcard: false,
      // index.html is sent by the handler below, with the hints for its address
      index: false,
      preCompressed: true,
      setHeaders: (reply, file) => {
        if (path.basename(path.dirname(file)) === 'assets') {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  } else {
    app.log.warn({ clientDist }, 'client build not found: only the API is served (run `pnpm build`)');
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    // A route that exists, asked with a method it does not take: 405, saying which it does.
    const allowed = ROUTE_METHODS.filter((method) => app.findRoute({ method, url }) !== null);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, request, {
        title: 'Method not allowed',
        status: 405,
        detail: `${url} does not take ${request.method}; it takes ${allowed.join(', ')}.`,
      });
    }
    if (
      page &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isApiRequest(request) &&
      !path.extname(url)
    ) {
      // The preloads and embedded reads are about the default organisation: a page showing another one has none.
      const visitor: PageVisitor =
        request.user === null
          ? 'signed-out'
          : askedOrganisation(request) === undefined
            ? 'signed-in'
            : 'another-organisation';
      return sendClientPage(app, page, request, reply, visitor);
    }
    return sendProblem(reply, request, {
      title: 'Not found',
      status: 404,
      detail: `No route for ${request.method} ${url}.`,
    });
  });
}
