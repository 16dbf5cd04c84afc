import { z } from 'zod';

/** The media type of every error answer (plugins/problemDetails.ts). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

type OpenApiResponse = { content?: Record<string, unknown> } & Record<string, unknown>;
type OpenApiDocument = { paths?: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>> };

/**
 * The generated document lists every response schema under `application/json`; every error is
 * sent as `application/problem+json` (RFC 9457), so a client or tester reading the document must
 * find it there. Routes declare their errors as `problemSchema` like any other response; this
 * moves the error responses (4xx, 5xx) to the media type they are actually sent as.
 */
export function withProblemMediaType<T extends object>(document: T): T {
  for (const methods of Object.values((document as OpenApiDocument).paths ?? {})) {
    for (const operation of Object.values(methods)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
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
