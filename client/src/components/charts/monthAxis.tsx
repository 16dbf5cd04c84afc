import { formatMonth } from '@kpi/shared';
import { XAxis } from 'recharts';
import { AXIS_FONT_SIZE, MIN_TICK_GAP } from './chartGeometry';

export const AXIS_TEXT = { fill: '#0b0c0c', fontSize: AXIS_FONT_SIZE };

/**
 * The x axis of the month charts (the trend and the SPC chart): one position per month shown
 * (0, 1, 2…), half a month of room at each end, labelled "Jan 2025" where the labels fit.
 * Called as a function inside the chart (recharts reads its children's own elements).
 */
export function monthAxis(months: readonly string[]) {
  return (
    <XAxis
      type="number"
      dataKey="x"
      domain={[-0.5, Math.max(0, months.length - 0.5)]}
      // Exactly the months shown: "nice" ticks would stretch the axis past the last month.
      niceTicks="none"
      ticks={months.map((_, index) => index)}
      interval="preserveStartEnd"
      minTickGap={MIN_TICK_GAP}
      allowDecimals={false}
      tickFormatter={(x: number) => (months[x] ? formatMonth(months[x], 'short') : '')}
      tick={AXIS_TEXT}
      stroke="#0b0c0c"
    />
  );
}
