/**
 * Instants as the council reads them: in UK time (GMT/BST), whatever the server's or the
 * browser's own time zone. One place, so the server's messages, exports and screens agree.
 */
const UK_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const UK_LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const UK_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The UK calendar date of an instant, as YYYY-MM-DD. */
export function ukDate(instant: Date): string {
  return UK_DATE.format(instant);
}

/** `3 April 2021 at 14:05`, in UK time; an unreadable string is returned as it came. */
export function formatUkDateTime(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) return String(instant);
  return `${UK_LONG_DATE.format(at)} at ${UK_TIME.format(at)}`;
}
