import { type ExportMarking, formatDate } from '@kpi/shared';
import type { Db } from '../db/database';
import type { RequestContext } from '../http/requestContext';
import { listMeetings } from '../publication/meetingRepository';
import { type Publication, publicationOf } from '../publication/publication';

export const MARKING_PREFIX = 'OFFICIAL-SENSITIVE';

export function markingText(until: string | null): string {
  return until
    ? `${MARKING_PREFIX} – unpublished until ${formatDate(until)}`
    : `${MARKING_PREFIX} – unpublished until a board meeting presents these figures`;
}

/**
 * The protective marking for an export holding figures for these months, by the pre-release rules
 * (`publication/publication`): null when every month is published. A month a meeting still to be
 * published covers is unpublished until that meeting's date; a month no meeting has presented yet,
 * until one does. The export is sensitive until its last such month is published.
 */
export function markingFor(months: Iterable<string>, publication: Publication): ExportMarking | null {
  let marked = false;
  let undated = false;
  let until: string | null = null;
  for (const month of new Set(months)) {
    const pending = publication.pending.get(month);
    if (pending) {
      marked = true;
      if (until === null || pending.heldOn > until) until = pending.heldOn;
    } else if (!publication.watermark || month > publication.watermark) {
      marked = true;
      undated = true;
    }
  }
  if (!marked) return null;
  const date = undated ? null : until;
  return { text: markingText(date), until: date };
}

export async function loadMarking(
  db: Db,
  context: RequestContext,
  months: Iterable<string>,
  now: Date,
): Promise<ExportMarking | null> {
  const organisation = await context.organisation();
  if (!organisation) return null;
  return markingFor(months, publicationOf(await listMeetings(db, organisation.id), now));
}
