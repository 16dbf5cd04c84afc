import { COMPARATOR_LINES, type ComparatorLine, formatMonth, formatValue, type Unit } from '@kpi/shared';
import { useId } from 'react';
import {
  AXIS_FONT_SIZE,
  CHART_HEIGHT,
  chartGeometry,
  linePath,
  SERVER_CHART_WIDTH,
  TICK_MARGIN,
  TICK_SIZE,
  visibleXTicks,
} from './chartGeometry';
import type { ChartModel } from './chartModel';
import {
  BAND_FILLS,
  COUNCIL_STYLE,
  GRID_LINE,
  HatchPattern,
  LINE_STYLES,
  Marker,
  MEETING_STROKE,
  PERIOD_LABELS,
  PERIOD_STROKE,
  type SeriesStyle,
} from './chartStyles';

type StaticTrendChartProps = {
  model: ChartModel;
  unit: Unit;
  shownLines: readonly ComparatorLine[];
  title: string;
  description: string;
  width?: number;
  height?: number;
};

const TEXT = '#0b0c0c';
/** Half the width of an interval bar's end caps, as recharts draws `ErrorBar width={6}`. */
const CAP_HALF = 6;

/**
 * The trend chart as plain SVG, drawn from the same model and at the same positions as the
 * recharts chart (chartGeometry.ts): bands, relief and grace periods, grid, axes, meetings,
 * comparator lines and the council's line with its markers and intervals. The server sends it
 * with the KPI page (issue 17), so the chart is on screen before any JavaScript has run; recharts,
 * which can only draw in a browser once it has measured its container, replaces it (TrendChart).
 * Only presentation attributes, never a `style` attribute: the page's Content-Security-Policy
 * refuses inline styles. Not interactive: the table and the summary carry every figure.
 */
export function StaticTrendChart({
  model,
  unit,
  shownLines,
  title,
  description,
  width = SERVER_CHART_WIDTH,
  height = CHART_HEIGHT,
}: StaticTrendChartProps) {
  const ids = useId();
  const hatchId = `${ids}-hatch`;
  const clipId = `${ids}-plot`;
  const { area, x, y } = chartGeometry(model, width, height);
  const { rows } = model;
  const spanX = (x1: number, x2: number) => ({ x: x(x1), width: Math.max(0, x(x2) - x(x1)) });
  const monthLabels = rows.map((row) => formatMonth(row.month, 'short'));
  const xTicks = visibleXTicks(monthLabels, x, area);
  const lines = COMPARATOR_LINES.filter((line) => shownLines.includes(line));

  return (
    <svg
      className="chart__static"
      role="img"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-desc`}
      width="100%"
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMinYMin meet"
      focusable="false"
    >
      <title id={`${ids}-title`}>{title}</title>
      <desc id={`${ids}-desc`}>{description}</desc>
      <defs>
        <HatchPattern id={hatchId} />
        <clipPath id={clipId}>
          <rect x={area.left} y={area.top} width={area.right - area.left} height={area.bottom - area.top} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        {model.bands.map((band) => (
          <rect
            key={`band-${band.key}`}
            className={`chart-band chart-band--${band.status}`}
            {...spanX(band.x1, band.x2)}
            y={y(band.y2)}
            height={Math.max(0, y(band.y1) - y(band.y2))}
            fill={BAND_FILLS[band.status]}
          />
        ))}
        {model.periods.map((period) => (
          <g key={period.key} className={`chart-period chart-period--${period.kind}`}>
            <rect
              {...spanX(period.x1, period.x2)}
              y={area.top}
              height={area.bottom - area.top}
              fill={`url(#${hatchId})`}
              stroke={PERIOD_STROKE}
              strokeDasharray="4 3"
            />
            <text x={x(period.x1) + 5} y={area.top + 5} dy="0.71em" fill={TEXT} fontSize={13} fontWeight={700}>
              {PERIOD_LABELS[period.kind]}
            </text>
          </g>
        ))}
      </g>
      <g className="chart__grid">
        {model.yTicks.map((tick) => (
          <line key={tick} x1={area.left} x2={area.right} y1={y(tick)} y2={y(tick)} {...GRID_LINE} />
        ))}
      </g>
      <g className="chart__x-axis" fontSize={AXIS_FONT_SIZE} fill={TEXT}>
        <line x1={area.left} x2={area.right} y1={area.bottom} y2={area.bottom} stroke={TEXT} />
        {xTicks.map((tick) => (
          <g key={tick.index}>
            <line x1={x(tick.index)} x2={x(tick.index)} y1={area.bottom} y2={area.bottom + TICK_SIZE} stroke={TEXT} />
            <text x={tick.at} y={area.bottom + TICK_SIZE + TICK_MARGIN} dy="0.71em" textAnchor="middle">
              {monthLabels[tick.index]}
            </text>
          </g>
        ))}
      </g>
      <g className="chart__y-axis" fontSize={AXIS_FONT_SIZE} fill={TEXT}>
        <line x1={area.left} x2={area.left} y1={area.top} y2={area.bottom} stroke={TEXT} />
        {model.yTicks.map((tick) => (
          <g key={tick}>
            <line x1={area.left - TICK_SIZE} x2={area.left} y1={y(tick)} y2={y(tick)} stroke={TEXT} />
            <text x={area.left - TICK_SIZE - TICK_MARGIN} y={y(tick)} dy="0.355em" textAnchor="end">
              {formatValue(tick, unit, model.yDecimals, null, { short: true })}
            </text>
          </g>
        ))}
      </g>
      {model.meetings.map((meeting) => (
        <g key={meeting.key} className="chart-meeting">
          <line
            x1={x(meeting.x)}
            x2={x(meeting.x)}
            y1={area.top}
            y2={area.bottom}
            stroke={MEETING_STROKE}
            strokeWidth={2}
            strokeDasharray="3 2"
          />
          <text x={x(meeting.x)} y={area.top - 6} textAnchor="middle" fill={TEXT} fontSize={13}>
            Meeting
          </text>
        </g>
      ))}
      <g clipPath={`url(#${clipId})`}>
        {lines.map((line) => (
          <SeriesLine
            key={line}
            name={line}
            values={rows.map((row) => row[line])}
            style={LINE_STYLES[line]}
            x={x}
            y={y}
            connectNulls
          />
        ))}
        <SeriesLine
          name="council"
          values={rows.map((row) => row.value)}
          style={COUNCIL_STYLE}
          x={x}
          y={y}
          connectNulls={false}
        />
        <g className="chart-interval">
          {rows.map((row) =>
            row.interval95 && row.value !== null ? (
              <IntervalBar
                key={row.month}
                at={x(row.x)}
                low={y(row.value - row.interval95[0])}
                high={y(row.value + row.interval95[1])}
              />
            ) : null,
          )}
        </g>
      </g>
    </svg>
  );
}

function SeriesLine({
  name,
  values,
  style,
  x,
  y,
  connectNulls,
}: {
  name: string;
  values: readonly (number | null)[];
  style: SeriesStyle;
  x: (index: number) => number;
  y: (value: number) => number;
  connectNulls: boolean;
}) {
  return (
    <g className={`chart__line chart__line--${name}`}>
      <path
        d={linePath(values, x, y, connectNulls)}
        fill="none"
        stroke={style.colour}
        strokeWidth={style.width}
        strokeDasharray={style.dash}
      />
      {values.map((value, index) =>
        value === null ? null : (
          // biome-ignore lint/suspicious/noArrayIndexKey: one marker per month, in month order
          <Marker key={index} shape={style.marker} cx={x(index)} cy={y(value)} colour={style.colour} />
        ),
      )}
    </g>
  );
}

function IntervalBar({ at, low, high }: { at: number; low: number; high: number }) {
  const common = { stroke: COUNCIL_STYLE.colour, strokeOpacity: 0.6, strokeWidth: 1.5 };
  return (
    <g>
      <line x1={at} x2={at} y1={low} y2={high} {...common} />
      <line x1={at - CAP_HALF} x2={at + CAP_HALF} y1={low} y2={low} {...common} />
      <line x1={at - CAP_HALF} x2={at + CAP_HALF} y1={high} y2={high} {...common} />
    </g>
  );
}
