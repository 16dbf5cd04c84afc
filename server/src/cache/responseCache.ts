import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isOlderVersion } from './dataVersion';

/**
 * A JSON body computed once for a data version, with its strong ETag; gzipped when first asked
 * for. Kept as UTF-8 bytes: sending a 250 KB string would encode it again on every request.
 */
export class CachedBody {
  readonly etag: string;
  readonly utf8: Buffer;
  /** Memory held: the bytes plus room for their gzip (JSON compresses to well under a tenth). */
  readonly bytes: number;
  private gzipped: Buffer | null = null;

  constructor(
    readonly version: string,
    json: string,
  ) {
    this.utf8 = Buffer.from(json, 'utf8');
    // The hash of the body: equal bodies get equal tags whoever computed them and whenever.
    this.etag = `"${createHash('sha256').update(this.utf8).digest('base64url')}"`;
    this.bytes = Math.ceil(this.utf8.length * 1.2);
  }

  get gzip(): Buffer {
    this.gzipped ??= gzipSync(this.utf8, { level: 6 });
    return this.gzipped;
  }
}

/** What a computation produced: a body anyone with the same key may be sent, or one for this reader only. */
export type Computed = { shareable: true; body: CachedBody } | { shareable: false; json: string };

/**
 * Response bodies by key, each valid for the data version it was computed at. One computation
 * per key and version however many requests miss at once (after each upload every reader would
 * otherwise recompute the same scorecard); least recently used bodies go first past `maxBytes`.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedBody>();
  private readonly inflight = new Map<string, Promise<Computed>>();
  private bytes = 0;
  private computed = 0;

  constructor(private readonly maxBytes: number) {}

  /** The cached body, or the result of `compute`; `computedHere` says whether this caller's computation ran. */
  async get(
    key: string,
    version: string,
    compute: () => Promise<Computed>,
  ): Promise<{ computed: Computed; computedHere: boolean }> {
    const hit = this.entries.get(key);
    if (hit?.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { computed: { shareable: true, body: hit }, computedHere: false };
    }
    const flightKey = `${version}\u0000${key}`;
    const pending = this.inflight.get(flightKey);
    if (pending) return { computed: await pending, computedHere: false };
    this.computed += 1;
    const computing = compute()
      .then((computed) => {
        if (computed.shareable) this.store(key, computed.body);
        return computed;
      })
      .finally(() => this.inflight.delete(flightKey));
    this.inflight.set(flightKey, computing);
    return { computed: await computing, computedHere: true };
  }

  /** Computations run (misses); every other `get` was answered from the cache or a computation under way. */
  get computations(): number {
    return this.computed;
  }

  private store(key: string, body: CachedBody) {
    const old = this.entries.get(key);
    // A slow computation for an older version must not replace a newer body.
    if (old && isOlderVersion(body.version, old.version)) return;
    if (old) this.bytes -= old.bytes;
    this.entries.delete(key);
    this.entries.set(key, body);
    this.bytes += body.bytes;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldestKey);
      this.bytes -= oldest.bytes;
    }
  }
}

function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  // Weak comparison (RFC 9110 §13.1.2): a proxy that compressed the body may have weakened the tag.
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

/**
 * Sends a cached body: 304 when the browser already holds it, gzipped when it accepts that.
 * `private, no-cache`: the browser may keep per-user data but must revalidate it every time,
 * and shared caches must never store it.
 */
export function sendCachedBody(request: FastifyRequest, reply: FastifyReply, body: CachedBody) {
  reply
    .header('etag', body.etag)
    .header('cache-control', 'private, no-cache')
    .header('vary', 'Accept-Encoding, Cookie');
  if (matchesIfNoneMatch(request.headers['if-none-match'], body.etag)) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.utf8);
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    return (coding === 'gzip' || coding === '*') && !refused;
  });
}
