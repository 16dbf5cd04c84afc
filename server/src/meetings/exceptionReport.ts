import {
  type ComparatorPoint,
  dateToMonth,
  EXCEPTION_REASONS,
  type ExceptionReason,
  type ExceptionReport,
  exceptionReasons,
  formatDate,
  monthToDate,
  type ScorecardItem,
} from '@kpi/shared';
import { visibleActions } from '../commentary/actionService';
import { latestAgreedVersions } from '../commentary/commentaryRepository';
import { versionDto } from '../commentary/commentaryService';
import type { Db } from '../db/database';
import { ForbiddenError, NotFoundError } from '../errors';
import { findMeeting, listMeetings } from '../publication/meetingRepository';
import { publicationOf, type Reader, seesUnpublished, Visibility } from '../publication/publication';
import { listIndicators } from '../scorecard/kpiRepository';
import { buildScorecard } from '../scorecard/scorecardService';

/**
 * A worsening SPC signal on a scorecard item, where SPC is available. SPC is developed
 * separately: until a scorecard item carries `spc`, this is undefined and the criterion is left
 * out of the report (and of its list of criteria), never assumed false.
 */
export function worseningSignalOf(item: ScorecardItem): boolean | undefined {
  const spc = (item as ScorecardItem & { spc?: unknown }).spc;
  if (!spc || typeof spc !== 'object') return undefined;
  const record = spc as { worseningSignal?: unknown; signal?: unknown };
  if (typeof record.worseningSignal === 'boolean') return record.worseningSignal;
  if (record.signal && typeof record.signal === 'object') {
    return (record.signal as { direction?: unknown }).direction === 'worsening';
  }
  if (typeof record.signal === 'string') return record.signal === 'worsening';
  return false;
}

/** The statistical-neighbour line of a scorecard item, as the scorecard shows it (with its verdict). */
function neighboursOf(item: ScorecardItem): ComparatorPoint | undefined {
  return item.comparators.find((c) => c.line === 'statistical_neighbours');
}

/** Why a KPI is here, in words; the client puts the reason's label before them, so they do not repeat it. */
function reasonWords(reason: ExceptionReason, item: ScorecardItem): string {
  switch (reason) {
    case 'red':
      return item.reason;
    case 'persistent_failure':
      return item.streak.reason;
    case 'worsening_signal':
      return 'The control chart shows a signal.';
    case 'out_of_line':
      // Flagged only on the scorecard's own comparison, so its sentence is there: the same figures and verdict.
      return neighboursOf(item)!.comparison!.sentence;
  }
}

/**
 * For a meeting's last month: every KPI that is red, in persistent failure, worsening by an SPC
 * signal (where available) or worse than its statistical neighbours, with its agreed commentary
 * for the month (or "commentary missing") and its open actions.
 */
export async function buildExceptionReport(db: Db, reader: Reader, meetingId: number): Promise<ExceptionReport> {
  const organisation = await reader.context.requireOrganisation();
  const meeting = await findMeeting(db, organisation.id, meetingId);
  if (!meeting) throw new NotFoundError(`There is no meeting with id ${meetingId}.`);
  const published = meeting.publishedAt !== null && meeting.publishedAt <= reader.now;
  if (!published && !seesUnpublished(reader.user)) {
    throw new ForbiddenError(
      `The exception report for the meeting on ${formatDate(meeting.heldOn)} is not published yet.`,
    );
  }
  const month = dateToMonth(meeting.monthsTo);
  const scorecard = await buildScorecard(db, reader, month);
  const indicators = await listIndicators(db, organisation.id);
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const spcAvailable = scorecard.items.some((item) => worseningSignalOf(item) !== undefined);

  const flagged = scorecard.items.flatMap((item) => {
    const reasons = exceptionReasons({
      status: item.current.status,
      persistentFailure: item.streak.persistentFailure,
      // The scorecard's verdict against the statistical neighbours, not one worked out again here.
      againstNeighbours: neighboursOf(item)?.comparison?.verdict ?? null,
      worseningSignal: worseningSignalOf(item),
    });
    const indicator = byCode.get(item.code);
    return reasons.length > 0 && indicator ? [{ item, reasons, indicator }] : [];
  });
  const ids = flagged.map((f) => f.indicator.id);
  const publication = publicationOf(await listMeetings(db, organisation.id), reader.now);
  const [agreedRows, actions] = await Promise.all([
    latestAgreedVersions(db, ids, monthToDate(month), monthToDate(month)),
    visibleActions(
      db,
      reader,
      flagged.map((f) => f.indicator),
    ),
  ]);
  const agreed = new Visibility(publication, reader).attached(agreedRows, (r) => [dateToMonth(r.month)]);

  const items = flagged.map(({ item, reasons, indicator }) => {
    const commentary = agreed.find((r) => r.indicatorId === indicator.id);
    return {
      code: item.code,
      title: item.title,
      month,
      status: item.current.status,
      displayValue: item.current.displayValue,
      reasons: reasons.map((reason) => ({ reason, words: reasonWords(reason, item) })),
      commentary: commentary ? versionDto(commentary) : null,
      commentaryMissing: !commentary,
      openActions: (actions.get(indicator.id) ?? []).filter((a) => a.status !== 'done'),
      // Whether THIS figure is illustrative (the scorecard item's flag covers its whole sparkline).
      illustrative: item.current.provenance === 'illustrative',
    };
  });
  return {
    meetingId: meeting.id,
    board: meeting.board,
    heldOn: meeting.heldOn,
    month,
    items,
    missingCommentary: items.filter((i) => i.commentaryMissing).length,
    criteria: EXCEPTION_REASONS.filter((r) => r !== 'worsening_signal' || spcAvailable),
    published,
  };
}
