import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

type BodyParserDone = (error: Error | null, body?: Buffer) => void;

/**
 * A content-type parser that reads a file sent as the raw request body, up to a limit, and
 * refuses anything larger (by its declared length, or as soon as it passes the limit) without
 * buffering the rest.
 */
export function rawFileBodyParser(maxBytes: number, tooLargeDetail: string) {
  const tooLarge = () => new AppError(413, 'Payload too large', tooLargeDetail);
  return (request: FastifyRequest, payload: NodeJS.ReadableStream, done: BodyParserDone) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      done(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (finished) return;
      finished = true;
      done(error, body);
    };
    payload.on('data', (chunk: Buffer | string) => {
      if (finished) return;
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) {
        chunks.length = 0;
        finish(tooLarge());
        return;
      }
      chunks.push(buffer);
    });
    payload.on('end', () => finish(null, Buffer.concat(chunks)));
    payload.on('error', (error: Error) => finish(error));
  };
}

/** The file the request carried as its body (empty when there was none); 415 for any other body. */
export function requireFileBody(request: FastifyRequest, acceptedContentTypes: readonly string[]): Buffer {
  const body = request.body;
  if (body !== undefined && body !== null && !Buffer.isBuffer(body)) {
    throw new AppError(
      415,
      'Unsupported media type',
      `Send the file itself as the request body, with Content-Type ${acceptedContentTypes.join(', ')}.`,
    );
  }
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/** Content-Disposition for a download: an ASCII fallback name plus the exact UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
