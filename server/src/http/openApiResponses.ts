import { problemSchema } from '@kpi/shared';
import { z } from 'zod';
import { PROBLEM_MEDIA_TYPE } from '../plugins/problemDetails';
import { ABOUT_THE_SERVICE } from '../plugins/requestContext';

const PROBLEM_JSON_SCHEMA = z.toJSONSchema(problemSchema, { io: 'output' });

type OpenApiResponse = { content?: Record<string, unknown> } & Record<string, unknown>;
type OpenApiOperation = { responses?: Record<string, OpenApiResponse>; requestBody?: unknown };
type OpenApiDocument = { paths?: Record<string, Record<string, OpenApiOperation>> };

/**
 * The generated document lists every response schema under `application/json`; every error is
 * sent as `application/problem+json` (RFC 9457), so a client or tester reading the document must
 * find it there. Routes declare their errors as `problemSchema` like any other response; this
 * moves the error responses (4xx, 5xx) to the media type they are actually sent as.
 */
export function withProblemMediaType<T extends object>(document: T): T {
  for (const [path, methods] of Object.entries((document as OpenApiDocument).paths ?? {})) {
    for (const operation of Object.values(methods)) {
      addCommonRefusals(path, operation);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        // A 304 carries no body: only its description (and the ETag it answers) are documented.
        if (status === '304') {
          delete response.content;
          continue;
        }
        const json = response.content?.['application/json'];
        if (!/^[45]/.test(status) || !json) continue;
        const { 'application/json': _, ...rest } = response.content!;
        response.content = { [PROBLEM_MEDIA_TYPE]: json, ...rest };
      }
    }
  }
  return document;
}

/**
 * Refusals made before any route runs, so no route declares them: asking about an organisation one
 * is not a member of (403, plugins/requestContext.ts; never on /api/auth/, which answers for the
 * person), a body too large or of a type the route does not take (413, 415), and the rate limit
 * (429). Each is documented where it can happen, in the one problem shape.
 */
function addCommonRefusals(path: string, operation: OpenApiOperation): void {
  operation.responses ??= {};
  const responses = operation.responses;
  const problem = (description: string) => ({
    description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: PROBLEM_JSON_SCHEMA } },
  });
  const add = (status: string, description: string) => {
    if (!responses[status]) responses[status] = problem(description);
  };
  // The service's own checks (health, readiness) take no organisation at all.
  if (ABOUT_THE_SERVICE.has(path)) {
    add('429', 'Too many requests from this address');
    return;
  }
  if (!path.startsWith('/api/auth/')) add('403', 'Not a member of the organisation asked about (X-Organisation)');
  add('400', 'The request is not valid: for one, the organisation asked about twice, or two ways (X-Organisation)');
  if (operation.requestBody) {
    add('413', 'The body is too large');
    add('415', 'The body is not of a type this operation takes');
  }
  add('429', 'Too many requests from this address');
}

/**
 * For a route answered from the read cache (cache/cachedReads.ts): a repeat read sending the
 * body's ETag in If-None-Match is answered 304 with no body. Spread into the route's `response`.
 */
export const NOT_MODIFIED = {
  304: z.null().describe('Not modified: the body whose ETag was sent in If-None-Match is current (no body)'),
};

/**
 * The success response of a download, for a route's `response` schema: the file's media types,
 * each a string body. Only the document reads it: a file is sent as a string or Buffer, which
 * Fastify never passes to a serializer.
 */
export function fileResponse(description: string, mediaTypes: readonly string[]) {
  return {
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: z.string() }])),
  };
}
