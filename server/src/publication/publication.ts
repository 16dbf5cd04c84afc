import { addMonths, type CurrentUser, compareMonths, dateToMonth, formatDate, monthRange } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import type { RequestContext } from '../http/requestContext';
import type { MeetingRow } from './meetingRepository';

/**
 * Pre-release control. A month's figures are public once a meeting that covered it has been
 * published, and every earlier month is public too (the publication "watermark"), except months
 * that a meeting still to be published covers. Until then only people who may see unpublished
 * figures do: the roles that produce them (commissioner, analyst, admin) and viewers on the
 * pre-release list. Each look at an unpublished month is recorded. A month a published meeting
 * covered is never unpublished again, whatever meeting covers it next.
 */
export interface Publication {
  /** Last month covered by a published meeting; null when nothing has been published. */
  watermark: string | null;
  /** Months covered by meetings not yet published, with the meeting that will publish them. */
  pending: Map<string, { heldOn: string; meetingId: number }>;
}

export function publicationOf(meetings: readonly MeetingRow[], now: Date): Publication {
  let watermark: string | null = null;
  const pending = new Map<string, { heldOn: string; meetingId: number }>();
  const isPublished = (meeting: MeetingRow) => meeting.publishedAt !== null && meeting.publishedAt <= now;
  // A month a published meeting presented stays public: a later meeting that receives it again (a
  // board's rolling range overlaps the last one's) cannot take back what the public papers showed.
  const presented = new Set(
    meetings.filter(isPublished).flatMap((m) => monthRange(dateToMonth(m.monthsFrom), dateToMonth(m.monthsTo))),
  );
  for (const meeting of meetings) {
    const to = dateToMonth(meeting.monthsTo);
    if (isPublished(meeting)) {
      if (!watermark || compareMonths(to, watermark) > 0) watermark = to;
    } else {
      for (const month of monthRange(dateToMonth(meeting.monthsFrom), to)) {
        if (presented.has(month)) continue;
        const existing = pending.get(month);
        if (!existing || meeting.heldOn < existing.heldOn)
          pending.set(month, { heldOn: meeting.heldOn, meetingId: meeting.id });
      }
    }
  }
  return { watermark, pending };
}

/**
 * The instants around `time` between which the publication state cannot change: it changes only
 * as a meeting's publication time passes (`publishedAt <= now`). `publishedTimes` ascending, in
 * milliseconds; the window is [from, until).
 */
export function publicationWindow(publishedTimes: readonly number[], time: number): { from: number; until: number } {
  const next = publishedTimes.findIndex((t) => t > time);
  const passed = next < 0 ? publishedTimes.length : next;
  return {
    from: passed === 0 ? Number.NEGATIVE_INFINITY : publishedTimes[passed - 1]!,
    until: next < 0 ? Number.POSITIVE_INFINITY : publishedTimes[next]!,
  };
}

export interface MonthPublication {
  published: boolean;
  /** Why not, in words: "Unpublished until the meeting on 23 August 2021." */
  note: string | null;
}

export function monthPublication(publication: Publication, month: string): MonthPublication {
  const pending = publication.pending.get(month);
  if (pending) return { published: false, note: `Unpublished until the meeting on ${formatDate(pending.heldOn)}.` };
  if (publication.watermark && compareMonths(month, publication.watermark) <= 0) return { published: true, note: null };
  return { published: false, note: 'Unpublished: no meeting has presented these figures yet.' };
}

export function seesUnpublished(user: CurrentUser): boolean {
  return user.role !== 'viewer' || user.preRelease;
}

/** The latest month, from `earliest` to `latest`, whose figures this person may see. */
export function latestVisibleMonth(
  publication: Publication,
  user: CurrentUser,
  range: { earliest: string; latest: string },
): string | null {
  if (seesUnpublished(user)) return range.latest;
  for (let month = range.latest; compareMonths(month, range.earliest) >= 0; month = addMonths(month, -1)) {
    if (monthPublication(publication, month).published) return month;
  }
  return null;
}

export async function recordPreReleaseView(db: Db, request: FastifyRequest, target: string, months: string[]) {
  await recordAudit(db, { ...request.context.auditActor(), action: 'prerelease.view', target, details: { months } });
}

/** Who is reading, and how to record a look at unpublished figures; routes build it from the request. */
export interface Reader {
  user: CurrentUser;
  /** The request's context: the organisation read about comes from here. */
  context: RequestContext;
  now: Date;
  recordPreReleaseView(target: string, months: string[]): Promise<void>;
  /**
   * Every unpublished month this reader has been shown while answering this request (filled by
   * `recordPreReleaseView`): an export is marked OFFICIAL-SENSITIVE and sent `no-store` from it.
   */
  shownUnpublished: Set<string>;
}

export function readerFrom(db: Db, request: FastifyRequest): Reader {
  const shownUnpublished = new Set<string>();
  return {
    user: request.user!,
    context: request.context,
    now: new Date(),
    shownUnpublished,
    recordPreReleaseView: async (target, months) => {
      for (const month of months) shownUnpublished.add(month);
      await recordPreReleaseView(db, request, target, months);
    },
  };
}

/**
 * THE visibility rule, applied to everything attached to a month: its figure, symbol, numerator and
 * denominator, commentary, rating, direction, streak, revision history and the fact that it has
 * data at all. Every read path (scorecard, series, briefing, overview, history, exports, board
 * pack) takes its rows through `visible` before using them, and records what it showed through
 * `recordLooks`; nothing reads observation or commentary rows for a reader any other way.
 */
export class Visibility {
  constructor(
    readonly publication: Publication,
    private readonly reader: Reader,
  ) {}

  /** May this reader see anything of this month? */
  sees(month: string): boolean {
    return seesUnpublished(this.reader.user) || monthPublication(this.publication, month).published;
  }

  /** The rows whose month this reader may see; the others are left out as if they did not exist. */
  visible<T>(rows: readonly T[], monthOf: (row: T) => string): T[] {
    if (seesUnpublished(this.reader.user)) return [...rows];
    return rows.filter((row) => this.sees(monthOf(row)));
  }

  /** Records, once, a look at whichever of these months are unpublished (only readers who may see them get here). */
  async recordLooks(target: string, months: Iterable<string>): Promise<void> {
    const unpublished = [...new Set(months)].filter((m) => !monthPublication(this.publication, m).published).sort();
    if (unpublished.length === 0) return;
    await this.reader.recordPreReleaseView(target, unpublished);
  }

  /**
   * Pre-release control for what is attached to a month (commentary, actions), decided here and
   * only here, by the same rule as the month's figures: someone who may not see a month's figures
   * may not see its commentary, nor an action that responds to it.
   */
  attached<T>(items: readonly T[], monthsOf: (item: T) => readonly string[]): T[] {
    const hidden = hiddenMonths(this.publication, this.reader, new Set(items.flatMap(monthsOf)));
    if (hidden.size === 0) return [...items];
    return items.filter((item) => monthsOf(item).every((month) => !hidden.has(month)));
  }
}

/** The months among these that the reader may not see; empty for people who see unpublished figures. */
export function hiddenMonths(publication: Publication, reader: Reader, months: Iterable<string>): Set<string> {
  const visibility = new Visibility(publication, reader);
  return new Set([...months].filter((m) => !visibility.sees(m)));
}
