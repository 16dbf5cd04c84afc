import {
  addMonths,
  type BriefingKpi,
  compareValues,
  dateToMonth,
  formatDate,
  formatDifference,
  type MeetingBriefing,
  type MeetingDto,
  type ScorecardItem,
} from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { recordAudit } from '../repositories/auditRepository';
import { findMeeting, listMeetings, type MeetingRow, publishMeeting } from '../repositories/meetingRepository';
import { findOrganisation } from '../repositories/organisationRepository';
import { buildExceptionReport } from './exceptionReport';
import { type Reader, readerFrom, seesUnpublished } from './publication';
import { buildScorecard } from './scorecardService';

const LARGEST_MOVEMENTS = 5;

export function meetingDto(row: MeetingRow): MeetingDto {
  return {
    id: row.id,
    board: row.board,
    heldOn: row.heldOn,
    monthsFrom: dateToMonth(row.monthsFrom),
    monthsTo: dateToMonth(row.monthsTo),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    locked: row.lockedAt !== null,
  };
}

export async function listMeetingDtos(db: Db): Promise<MeetingDto[]> {
  const organisation = await findOrganisation(db);
  if (!organisation) throw new NotFoundError('No organisation is configured yet.');
  return (await listMeetings(db, organisation.id)).map(meetingDto);
}

/**
 * What changed between the previous meeting's last month and this meeting's last month:
 * KPIs that turned red, recovered, or stayed in persistent failure; the largest movements;
 * and where each KPI stands against its comparators.
 */
export async function buildBriefing(db: Db, reader: Reader, meetingId: number): Promise<MeetingBriefing> {
  const meetings = await listMeetingDtos(db);
  const index = meetings.findIndex((m) => m.id === meetingId);
  if (index === -1) throw new NotFoundError(`There is no meeting with id ${meetingId}.`);
  const meeting = meetings[index]!;
  const previousMeeting = index > 0 ? meetings[index - 1]! : null;
  const month = meeting.monthsTo;
  const comparedWithMonth = previousMeeting?.monthsTo ?? addMonths(meeting.monthsFrom, -1);

  const published = meeting.publishedAt !== null && new Date(meeting.publishedAt) <= reader.now;
  if (!published && !seesUnpublished(reader.user)) {
    throw new ForbiddenError(`The briefing for the meeting on ${formatDate(meeting.heldOn)} is not published yet.`);
  }
  const [now, before] = await Promise.all([
    buildScorecard(db, reader, month),
    buildScorecard(db, reader, comparedWithMonth),
  ]);
  const beforeByCode = new Map(before.items.map((item) => [item.code, item]));

  const kpis = now.items.map((item) => briefingKpi(item, beforeByCode.get(item.code)));
  const movements = kpis
    .map((kpi, i) => ({ kpi, size: relativeMovement(now.items[i]!, kpi) }))
    .filter((m) => m.size !== null && m.size > 0)
    .sort((a, b) => b.size! - a.size!)
    .slice(0, LARGEST_MOVEMENTS)
    .map((m) => m.kpi);

  return {
    meeting,
    previousMeeting,
    month,
    comparedWithMonth,
    turnedRed: kpis.filter((k) => k.status === 'red' && k.previousStatus !== 'red'),
    recovered: kpis.filter((k) => k.previousStatus === 'red' && (k.status === 'green' || k.status === 'amber')),
    persistentFailure: kpis.filter((k) => k.persistentFailure),
    largestMovements: movements,
    comparatorPosition: now.items
      .filter((item) => item.comparators.length > 0)
      .map((item) => ({
        code: item.code,
        title: item.title,
        displayValue: item.current.displayValue,
        lines: item.comparators.map((c) => ({
          line: c.line,
          label: c.label,
          displayValue: c.displayValue,
          timePeriod: c.timePeriod,
          position: comparatorPosition(item, c.value),
        })),
      })),
    counts: now.counts,
    illustrativeDataShown: now.items.some((i) => i.illustrative),
  };
}

function briefingKpi(item: ScorecardItem, before: ScorecardItem | undefined): BriefingKpi {
  const comparison = compareValues(item.current.value, before?.current.value ?? null, item.polarity, item.precision);
  return {
    code: item.code,
    title: item.title,
    status: item.current.status,
    previousStatus: before?.current.status ?? 'no_data',
    displayValue: item.current.displayValue,
    previousDisplayValue: before?.current.displayValue ?? 'No data',
    difference: comparison.difference,
    differenceDisplay:
      comparison.difference === null ? null : formatDifference(comparison.difference, item.unit, item.precision),
    directionLabel: comparison.label,
    streakReason: item.streak.reason,
    persistentFailure: item.streak.persistentFailure,
    illustrative: item.illustrative,
    commentary: item.commentary?.body ?? null,
  };
}

/** Movement as a share of the earlier figure, so KPIs in different units can be ranked together. */
function relativeMovement(item: ScorecardItem, kpi: BriefingKpi): number | null {
  if (kpi.difference === null) return null;
  const earlier = (item.current.value ?? 0) - kpi.difference;
  return earlier === 0 ? Math.abs(kpi.difference) : Math.abs(kpi.difference / earlier);
}

function comparatorPosition(item: ScorecardItem, comparatorValue: number | null) {
  if (item.polarity === 'none') return 'not_comparable' as const;
  const comparison = compareValues(item.current.value, comparatorValue, item.polarity, item.precision);
  if (comparison.direction === 'improving') return 'better' as const;
  if (comparison.direction === 'worsening') return 'worse' as const;
  if (comparison.direction === 'no_change') return 'same' as const;
  return 'not_comparable' as const;
}

/**
 * Makes a meeting's figures public now and locks its months; recorded in the audit log. A meeting
 * whose exception report lacks agreed commentary is published only when the person confirms it,
 * and the audit entry names the KPIs published without it.
 */
export async function publishMeetingFigures(
  db: Db,
  request: FastifyRequest,
  meetingId: number,
  options: { confirmMissingCommentary?: boolean | undefined } = {},
): Promise<MeetingDto> {
  const organisation = await findOrganisation(db);
  if (!organisation) throw new NotFoundError('No organisation is configured yet.');
  const meeting = await findMeeting(db, organisation.id, meetingId);
  if (!meeting) throw new NotFoundError(`There is no meeting with id ${meetingId}.`);
  if (meeting.publishedAt && meeting.publishedAt <= new Date()) return meetingDto(meeting);
  const report = await buildExceptionReport(db, readerFrom(db, request), meeting.id);
  const missing = report.items.filter((i) => i.commentaryMissing).map((i) => i.code);
  const audit = {
    userId: request.user?.id ?? null,
    username: request.user?.username ?? null,
    target: `meeting ${meeting.id} (${meeting.heldOn})`,
    requestId: String(request.id),
    ipAddress: request.ip,
  };
  if (missing.length > 0 && !options.confirmMissingCommentary) {
    await recordAudit(db, {
      ...audit,
      action: 'meeting.publish',
      outcome: 'refused',
      details: { missingCommentary: missing, confirmed: false },
    });
    throw new ConflictError(
      `${missing.length} ${missing.length === 1 ? 'KPI in the exception report has' : 'KPIs in the exception report have'} no agreed commentary (${missing.join(', ')}). Confirm to publish without it.`,
      'commentary_missing',
    );
  }
  const published = await publishMeeting(db, meeting.id, new Date());
  await recordAudit(db, {
    ...audit,
    action: 'meeting.publish',
    details: missing.length > 0 ? { missingCommentary: missing, confirmed: true } : null,
  });
  return meetingDto(published!);
}
