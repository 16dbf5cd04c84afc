import type { MeasureType } from '../../contracts/enums';

/**
 * Whether a KPI's monthly figures may go on an XmR chart. The chart's limits assume each month is
 * a fresh, independent figure. A year-to-date figure (counted cumulatively from April) contains
 * every month before it, and a rolling 12-month figure shares 11 of its 12 months with the next,
 * so neighbouring points move together: the chart would call that ordinary overlap a "trend" or
 * a "run" (special cause) nearly every month. Such KPIs get no SPC, with this reason in words;
 * month-end positions and monthly flows get it (null).
 */
export function spcWithheldReason(measureType: MeasureType): string | null {
  if (measureType === 'cumulative_fytd') {
    return 'No SPC for this KPI: it is counted cumulatively from April, so each month’s figure contains the months before it, and an XmR chart needs independent monthly figures.';
  }
  if (measureType === 'rolling_12m') {
    return 'No SPC for this KPI: it is measured over the 12 months to each month, so each figure shares 11 months with the next, and an XmR chart needs independent monthly figures.';
  }
  return null;
}
