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

const UK_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

/**
 * The instant a UK calendar day (`YYYY-MM-DD`) begins: midnight GMT in winter, 23:00 UTC the day
 * before in summer. UK clocks change at 01:00 GMT, so midnight always exists exactly once.
 */
export function ukDayStart(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const utcMidnight = Date.UTC(year!, month! - 1, day!);
  for (const hoursBefore of [0, 1]) {
    const candidate = new Date(utcMidnight - hoursBefore * 3_600_000);
    if (ukDate(candidate) === date && Number(UK_HOUR.format(candidate)) === 0) return candidate;
  }
  throw new Error(`No UK midnight found for ${date}`);
}

/** The UK calendar date after `date` (`YYYY-MM-DD`). */
export function nextDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + 1)).toISOString().slice(0, 10);
}
