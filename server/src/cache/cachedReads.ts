import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Db } from '../db/database';
import { listMeetings, type MeetingRow } from '../publication/meetingRepository';
import {
  type Publication,
  publicationOf,
  publicationWindow,
  type Reader,
  readerFrom,
  seesUnpublished,
} from '../publication/publication';
import type { DataVersion } from './dataVersion';
import { CachedBody, type ResponseCache, sendCachedBody } from './responseCache';

export interface CachedRead<T> {
  /** The route and every request input the body depends on. */
  route: string;
  schema: ZodType<T>;
  build(reader: Reader): Promise<T>;
}

/**
 * The read-heavy dashboard endpoints, answered from a cache with conditional requests.
 *
 * A scorecard or series depends on the data and on who reads it only through publication: whether
 * the reader may see unpublished months, and which months are published at this moment (the
 * watermark and the pending meetings, which also depend on the clock). So the key is route +
 * organisation + visibility + publication state, valid for one data version of that organisation
 * (`DataVersion`: the global version and the organisation's own). Each organisation has its own
 * figures and its own meetings, and its reads run in its tenant scope, which row-level security
 * keeps from every other organisation's rows: another council's commit cannot change the body.
 * A body that shows unpublished figures records the look (pre-release control) and is never
 * cached or shared: every such look is computed for its reader, recorded, and sent `no-store`.
 */
interface PublicationAt {
  /** Everything about publication that a body can show (see `publicationFingerprint`). */
  fingerprint: string;
  /** It is the same at every instant in [from, until): it changes only when a meeting's publication time passes. */
  from: number;
  until: number;
}

export class CachedReads {
  /** Each organisation's meetings as of a data version. */
  private readonly meetings = new Map<
    number,
    {
      version: string;
      rows: MeetingRow[];
      /** Publication times, ascending, in milliseconds. */
      publishedAt: number[];
      at: PublicationAt | null;
    }
  >();

  constructor(
    private readonly db: Db,
    private readonly dataVersion: DataVersion,
    private readonly cache: ResponseCache,
  ) {}

  async reply<T>(request: FastifyRequest, reply: FastifyReply, read: CachedRead<T>) {
    const reader = readerFrom(this.db, request);
    const organisationId = reader.context.organisationId;
    const version = await this.dataVersion.current(organisationId === null ? [] : [organisationId]);
    const visibility = seesUnpublished(reader.user) ? 'sees-unpublished' : 'published-only';
    const publication = await this.publicationAt(version, reader);
    const organisation = organisationId ?? 'no-organisation';
    const key = `${read.route}\n${organisation}\n${visibility}\n${publication?.fingerprint ?? 'no-organisation'}`;

    let recordedView = false;
    const recording: Reader = {
      ...reader,
      recordPreReleaseView: async (target, months) => {
        recordedView = true;
        await reader.recordPreReleaseView(target, months);
      },
    };
    const render = async (as: Reader) => JSON.stringify(z.encode(read.schema, await read.build(as)));
    const { computed, computedHere } = await this.cache.get(key, version, async () => {
      const json = await render(recording);
      return recordedView ? { shareable: false, json } : { shareable: true, body: new CachedBody(version, json) };
    });
    if (computed.shareable) return sendCachedBody(request, reply, computed.body);
    // Someone else's computation showed unpublished figures: this reader's look is computed and recorded too.
    const json = computedHere ? computed.json : await render(reader);
    return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(json);
  }

  /** Bodies computed since the process started (the rest were answered from the cache). */
  get bodiesComputed(): number {
    return this.cache.computations;
  }

  /**
   * The publication state now, from the meetings as of this data version (read once per version),
   * worked out again only when the version changes or a publication time passes.
   */
  private async publicationAt(version: string, { context, now }: Reader): Promise<PublicationAt | null> {
    const organisationId = context.organisationId;
    if (organisationId === null) return null;
    let meetings = this.meetings.get(organisationId);
    if (meetings?.version !== version) {
      const rows = await listMeetings(this.db, organisationId);
      const publishedAt = rows.flatMap((m) => (m.publishedAt ? [m.publishedAt.getTime()] : [])).sort((a, b) => a - b);
      meetings = { version, rows, publishedAt, at: null };
      this.meetings.set(organisationId, meetings);
    }
    const time = now.getTime();
    const known = meetings.at;
    if (known && known.from <= time && time < known.until) return known;
    const at: PublicationAt = {
      fingerprint: publicationFingerprint(publicationOf(meetings.rows, now)),
      ...publicationWindow(meetings.publishedAt, time),
    };
    meetings.at = at;
    return at;
  }
}

/** Everything about publication that a body can show: the watermark and each pending month's meeting date. */
function publicationFingerprint(publication: Publication): string {
  const pending = [...publication.pending.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, { heldOn }]) => `${month}@${heldOn}`);
  return `${publication.watermark ?? 'none'}|${pending.join(',')}`;
}
