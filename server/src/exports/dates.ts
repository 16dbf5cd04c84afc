const LONDON = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date in the UK (YYYY-MM-DD) of an instant: what "produced on" means to the reader. */
export function londonDate(instant: Date): string {
  return LONDON.format(instant);
}
