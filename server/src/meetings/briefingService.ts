import {
  addMonths,
  type BriefingKpi,
  compareValues,
  dateToMonth,
  formatDate,
  formatDifference,
  formatMonth,
  type MeetingBriefing,
  type MeetingDto,
  monthsBetween,
  RAG_STATUSES,
  type ScorecardItem,
  type ScorecardResponse,
} from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { findMeeting, listMeetings, type MeetingRow, publishMeeting } from '../publication/meetingRepository';
import { type Reader, readerFrom, seesUnpublished } from '../publication/publication';
import { buildScorecard } from '../scorecard/scorecardService';
import { buildExceptionReport } from './exceptionReport';

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

export async function listMeetingDtos(db: Db, context: RequestContext): Promise<MeetingDto[]> {
  const organisation = await context.requireOrganisation();
  return (await listMeetings(db, organisation.id)).map(meetingDto);
}

/**
 * What changed between the previous meeting's last month and this meeting's last month:
 * KPIs that turned red, recovered, or stayed in persistent failure; the largest movements;
 * and where each KPI stands against its comparators.
 */
export async function buildBriefing(db: Db, reader: Reader, meetingId: number): Promise<MeetingBriefing> {
  const meetings = await listMeetingDtos(db, reader.context);
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
  const councilName = (await reader.context.organisation())?.name ?? 'The council';
  // Both at once, but a refusal is always this meeting's month first: which of two refusals arrived
  // first must not change the answer (it would tell a reader which months hold figures).
  const [nowResult, beforeResult] = await Promise.allSettled([
    buildScorecard(db, reader, month),
    buildScorecard(db, reader, comparedWithMonth),
  ]);
  if (nowResult.status === 'rejected') throw nowResult.reason;
  if (beforeResult.status === 'rejected') throw beforeResult.reason;
  const now = nowResult.value;
  const before = beforeResult.value;
  const beforeByCode = new Map(before.items.map((item) => [item.code, item]));

  const kpis = now.items.map((item) => briefingKpi(item, beforeByCode.get(item.code)));
  const movements = orderByImportance(
    kpis
      .map((kpi, i) => ({ kpi, item: now.items[i]! }))
      .filter(({ kpi }) => kpi.difference !== null && kpi.difference !== 0),
  )
    .slice(0, LARGEST_MOVEMENTS)
    .map((m) => m.kpi);
  const byStatus = Object.fromEntries(
    RAG_STATUSES.map((status) => [
      status,
      now.items
        .filter((i) => i.current.status === status)
        .map((i) => ({ code: i.code, title: i.shortTitle ?? i.title })),
    ]),
  ) as MeetingBriefing['byStatus'];

  return {
    meeting,
    previousMeeting,
    month,
    comparedWithMonth,
    turnedRed: kpis.filter((k) => k.status === 'red' && k.previousStatus !== 'red'),
    recovered: kpis.filter((k) => k.previousStatus === 'red' && (k.status === 'green' || k.status === 'amber')),
    persistentFailure: kpis.filter((k) => k.persistentFailure),
    largestMovements: movements,
    byStatus,
    gapNote: gapNote(comparedWithMonth, month),
    comparatorPosition: now.items.flatMap((item) => comparatorRow(item, councilName)),
    counts: now.counts,
    illustrativeDataShown: now.items.some((i) => i.illustrative) || now.monitored.some((i) => i.illustrative),
    headline: briefingHeadline(now, meeting),
    kpiSet: now.kpiSet,
    monitored: now.monitored,
  };
}

/** The first line of a briefing: what was rated, or plainly that nothing was. */
export function briefingHeadline(
  now: Pick<ScorecardResponse, 'month' | 'kpiSet' | 'counts' | 'items'>,
  meeting: Pick<MeetingDto, 'monthsFrom' | 'monthsTo'>,
): string {
  const rated = now.counts.green + now.counts.amber + now.counts.red;
  const span =
    meeting.monthsFrom === meeting.monthsTo
      ? formatMonth(meeting.monthsTo)
      : `${formatMonth(meeting.monthsFrom)} to ${formatMonth(meeting.monthsTo)}`;
  if (rated === 0) {
    const why = now.kpiSet
      ? `the KPI set ${now.kpiSet.name} has no figures for ${formatMonth(now.month)}`
      : `no contract KPI set was in force in ${formatMonth(now.month)}`;
    return `No figure in the months this meeting covers (${span}) was rated against contract bands: ${why}. The counts below are not a clean bill of health; the monitored indicators are shown without bands.`;
  }
  const plural = (n: number, word: string) => `${n} ${word}`;
  return `${rated} of ${now.items.length} KPIs in ${now.kpiSet?.name ?? 'the KPI set'} were rated for ${formatMonth(now.month)}: ${plural(now.counts.red, 'red')}, ${plural(now.counts.amber, 'amber')}, ${plural(now.counts.green, 'green')}${now.counts.no_data > 0 ? `, ${now.counts.no_data} without a figure` : ''}.`;
}

/**
 * Like with like: the council's own DfE figure for the comparators' year where DfE publishes one;
 * otherwise the month's figure, labelled (and marked illustrative when it is).
 */
function comparatorRow(item: ScorecardItem, councilName: string): MeetingBriefing['comparatorPosition'] {
  const others = item.comparators.filter((c) => c.line !== 'council_official');
  if (others.length === 0) return [];
  const official = item.comparators.find((c) => c.line === 'council_official');
  const usesOfficial = others.some((c) => c.comparison?.basis === 'dfe_official') && official;
  const illustrative = item.current.provenance === 'illustrative';
  const council = usesOfficial
    ? {
        displayValue: official.displayValue,
        label: `${councilName}’s DfE figure for ${official.timePeriod} (official)`,
        official: true,
        illustrative: false,
      }
    : {
        displayValue: item.current.displayValue,
        label: `${councilName}’s ${formatMonth(item.current.month)} figure${illustrative ? ' (illustrative)' : ''}; DfE has no council figure for the comparators’ year`,
        official: false,
        illustrative,
      };
  return [
    {
      code: item.code,
      title: item.title,
      displayValue: council.displayValue,
      council,
      lines: others.map((c) => ({
        line: c.line,
        label: c.label,
        displayValue: c.displayValue,
        timePeriod: c.timePeriod,
        position: c.comparison?.verdict ?? ('not_comparable' as const),
        sentence: c.comparison?.sentence ?? null,
        testNote: c.comparison?.testNote ?? null,
        notes: c.notes,
      })),
    },
  ];
}

/** When the month compared with is more than a year before, say how long, so a change is read over the whole gap. */
export function gapNote(before: string, now: string): string | null {
  const months = monthsBetween(before, now);
  if (months <= 12) return null;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const span = `${years} year${years === 1 ? '' : 's'}${rest ? ` and ${rest} month${rest === 1 ? '' : 's'}` : ''}`;
  return `The previous meeting’s latest month, ${formatMonth(before)}, is ${span} before ${formatMonth(now)}: every change below is over that whole gap, not over one reporting period.`;
}

/**
 * Worsening first, then improving; within each, by the distance to the failure line (beyond it
 * first, then nearest), as a share of the failure level so KPIs in different units rank together.
 * KPIs with no bands follow, by the size of the move.
 */
function orderByImportance<T extends { kpi: BriefingKpi; item: ScorecardItem }>(entries: T[]): T[] {
  const group = (e: T) => (e.kpi.movement === 'worsening' ? 0 : e.kpi.movement === 'improving' ? 1 : 2);
  return [...entries].sort((a, b) => {
    const g = group(a) - group(b);
    if (g !== 0) return g;
    const da = headroom(a.item);
    const db = headroom(b.item);
    if (da !== null && db !== null && da !== db) return da - db;
    if (da !== null && db === null) return -1;
    if (da === null && db !== null) return 1;
    return Math.abs(b.kpi.difference ?? 0) - Math.abs(a.kpi.difference ?? 0);
  });
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
    signal: signalOf(item),
    movement:
      comparison.direction === 'improving' ||
      comparison.direction === 'worsening' ||
      comparison.direction === 'no_change'
        ? comparison.direction
        : 'not_available',
    failureDistance: failureDistanceWords(item),
  };
}

/** The failure line in force for the month; null without bands or a direction. */
function failureOf(item: ScorecardItem): number | null {
  if (item.current.value === null || item.polarity === 'none') return null;
  return item.failureValue;
}

/** So a councillor does not chase noise: the SPC variation icon of the KPI's latest month, in words. */
function signalOf(item: ScorecardItem): BriefingKpi['signal'] {
  const icons = item.spc.icons;
  if (!icons) return { kind: 'not_assessed', words: item.spc.withheld ?? 'Not assessed by SPC.' };
  if (icons.variation.icon === 'common_cause') {
    return { kind: 'normal_variation', words: 'Within normal variation (SPC): not a signal of change.' };
  }
  return { kind: 'signal', words: `A signal (SPC): ${icons.variation.title}. ${icons.variation.words}` };
}

/** Room left before the failure line, as a share of it: negative when beyond it (lower = more urgent). */
function headroom(item: ScorecardItem): number | null {
  const failure = failureOf(item);
  if (failure === null || item.current.value === null) return null;
  const room = item.polarity === 'higher_is_better' ? item.current.value - failure : failure - item.current.value;
  return failure === 0 ? room : room / Math.abs(failure);
}

function failureDistanceWords(item: ScorecardItem): string | null {
  const failure = failureOf(item);
  if (failure === null || item.current.value === null) return null;
  const room = item.polarity === 'higher_is_better' ? item.current.value - failure : failure - item.current.value;
  const size = formatDifference(Math.abs(room), item.unit, item.precision).replace(/^[+−-]/, '');
  if (room < 0) return `${size} beyond the failure level`;
  if (room === 0) return 'at the failure level';
  return `${size} from the failure level`;
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
  const organisation = await request.context.requireOrganisation();
  const meeting = await findMeeting(db, organisation.id, meetingId);
  if (!meeting) throw new NotFoundError(`There is no meeting with id ${meetingId}.`);
  if (meeting.publishedAt && meeting.publishedAt <= new Date()) return meetingDto(meeting);
  // Publishing makes every month up to the meeting's last public: never a month still to end.
  const lastMonth = dateToMonth(meeting.monthsTo);
  if (dateToMonth(new Date()) <= lastMonth) {
    await recordAudit(db, {
      ...request.context.auditActor(),
      target: `meeting ${meeting.id} (${meeting.heldOn})`,
      action: 'meeting.publish',
      outcome: 'refused',
      details: { monthNotEnded: lastMonth },
    });
    throw new ConflictError(
      `This meeting receives figures up to ${formatMonth(lastMonth)}, which has not ended: its figures cannot be published before then.`,
      'months_not_ended',
    );
  }
  const report = await buildExceptionReport(db, readerFrom(db, request), meeting.id);
  const missing = report.items.filter((i) => i.commentaryMissing).map((i) => i.code);
  const audit = { ...request.context.auditActor(), target: `meeting ${meeting.id} (${meeting.heldOn})` };
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
