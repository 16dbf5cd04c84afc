import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Problem } from '@kpi/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, TooManyRequestsError } from '../errors';
import { isClientAbort } from '../http/safeLogging';

/** The media type of every error answer (RFC 9457); the OpenAPI document lists errors under it. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_CONTENT_TYPE = `${PROBLEM_MEDIA_TYPE}; charset=utf-8`;

/** PostgreSQL/pg codes that mean "the database cannot be reached right now", not a bug. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '53300',
]);

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: Omit<Problem, 'requestId' | 'type' | 'instance'>,
) {
  const body: Problem = {
    type: 'about:blank',
    ...problem,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
  };
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * Fastify's `clientErrorHandler`: a request Node cannot parse (an unknown method, a control
 * character in a header, headers or an address over the size limit, a request that arrives too
 * slowly) never reaches Fastify, so it is answered here, on the socket, in the same problem shape.
 * Minimal and defensive: the socket may already be half closed, and nothing of the request is echoed.
 */
export function sendClientErrorProblem(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, title, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'Request timeout', 'The request took too long to arrive.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            'Request header fields too large',
            'The address or the headers of the request are too long.',
          ]
        : [400, 'Bad Request', 'Bad request', 'The request could not be read as HTTP.'];
  const requestId = randomUUID();
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, requestId } satisfies Problem);
  try {
    if (socket.writable) {
      socket.write(
        [
          `HTTP/1.1 ${status} ${reason}`,
          `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
          `Content-Length: ${Buffer.byteLength(body)}`,
          'X-Content-Type-Options: nosniff',
          `X-Request-Id: ${requestId}`,
          'Connection: close',
          '',
          body,
        ].join('\r\n'),
      );
    }
  } catch {
    // Nothing more can be said on a broken socket.
  }
  socket.destroy(error);
}

function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(message)) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** One error shape for every error response: RFC 9457 problem details with the request id. */
async function problemDetails(app: FastifyInstance) {
  // Node is told not to refuse a request without a Host header itself (its refusal has no body),
  // so it is refused here, in the one shape: HTTP/1.1 requires Host (RFC 9112 §3.2).
  app.addHook('onRequest', async (request) => {
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      throw new AppError(400, 'Bad request', 'The request has no Host header.');
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
      // Unavailable (e.g. /api/ready while the database is down): tell clients and balancers when to look again.
      if (error.status === 503) reply.header('retry-after', '5');
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return sendProblem(reply, request, {
        title: error.title,
        status: error.status,
        detail: error.message,
        ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
        ...(error.code ? { code: error.code } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(reply, request, {
        title: 'Bad request',
        status: 400,
        detail: 'The request is not valid. See errors for each field.',
        errors: error.validation.map((issue) => ({
          path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
          message: issue.message ?? 'is not valid',
        })),
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return sendProblem(reply, request, {
        title: 'Internal server error',
        status: 500,
        detail: 'Something went wrong on our side.',
      });
    }
    if (isClientAbort(error, request.raw)) {
      // Nobody is left to answer; say what happened, and how much had arrived, not what it was.
      request.log.warn(
        { declaredBytes: Number(request.headers['content-length']) || null, errorType: error.name },
        'client aborted the request',
      );
      return sendProblem(reply, request, {
        title: 'Client closed request',
        status: 400,
        detail: 'The request was cut off.',
      });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendProblem(reply, request, {
        title: 'Service unavailable',
        status: 503,
        detail: 'The database is not reachable right now. Try again shortly.',
      });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, request, {
        title: 'Internal server error',
        status: 500,
        detail: 'Something went wrong on our side.',
      });
    }
    // Fastify's own 4xx (malformed JSON, wrong content type, body too large): its message is safe and useful.
    return sendProblem(reply, request, { title: titleForStatus(status), status, detail: error.message });
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', String(request.id));
    done(null, payload);
  });
}

function titleForStatus(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad request',
    401: 'Not signed in',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    406: 'Not acceptable',
    409: 'Conflict',
    413: 'Payload too large',
    415: 'Unsupported media type',
    429: 'Too many requests',
  };
  return titles[status] ?? 'Request error';
}

export default fp(problemDetails, { name: 'problem-details' });
