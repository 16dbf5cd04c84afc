import { formatMonth, type MeetingDto } from '@kpi/shared';

/** The months a meeting receives: "August 2025", or "January 2025 to July 2025". */
export function monthsCovered(meeting: Pick<MeetingDto, 'monthsFrom' | 'monthsTo'>): string {
  return meeting.monthsFrom === meeting.monthsTo
    ? formatMonth(meeting.monthsFrom)
    : `${formatMonth(meeting.monthsFrom)} to ${formatMonth(meeting.monthsTo)}`;
}
