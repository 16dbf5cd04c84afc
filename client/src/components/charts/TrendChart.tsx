import { COMPARATOR_LINES, type ComparatorLine, formatMonth, formatValue, type SeriesResponse } from '@kpi/shared';
import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import {
  CartesianGrid,
  ErrorBar,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  YAxis,
} from 'recharts';
import { meetingPath } from '../../features/meetings';
import { ratingLabel } from '../streakWords';
import { CHART_HEIGHT, CHART_MARGIN, Y_AXIS_WIDTH } from './chartGeometry';
import type { ChartModel, ChartRow, MeetingLine } from './chartModel';
import {
  BAND_FILLS,
  COUNCIL_STYLE,
  GRID_LINE,
  HATCH_ID,
  HatchPattern,
  LINE_STYLES,
  Marker,
  MEETING_STROKE,
  PERIOD_LABELS,
  PERIOD_STROKE,
  type SeriesStyle,
} from './chartStyles';
import { intervalInWords } from './figureNotes';
import { AXIS_TEXT, monthAxis } from './monthAxis';
import { StaticTrendChart } from './StaticTrendChart';
import { thresholdFor } from './thresholds';
import { COUNCIL_DOT, useDrawnByRecharts } from './useDrawnByRecharts';

type TrendChartProps = {
  series: SeriesResponse;
  model: ChartModel;
  shownLines: readonly ComparatorLine[];
  councilName: string;
  title: string;
  summary: string;
  /** Height in CSS pixels; the screen's 380 unless a printed page needs less. */
  height?: number;
};

function dotRenderer(style: SeriesStyle, className?: string) {
  return (props: { cx?: number; cy?: number; index: number; value?: unknown }) => {
    const { cx, cy, index, value } = props;
    if (cx === undefined || cy === undefined || value === null || value === undefined) {
      return <g key={`dot-${index}`} />;
    }
    return (
      <g key={`dot-${index}`} className={className}>
        <Marker shape={style.marker} cx={cx} cy={cy} colour={style.colour} />
      </g>
    );
  };
}

function ChartTooltip({
  active,
  payload,
  series,
  councilName,
  shownLines,
}: {
  active?: boolean | undefined;
  payload?: ReadonlyArray<{ payload?: unknown }> | undefined;
  series: SeriesResponse;
  councilName: string;
  shownLines: readonly ComparatorLine[];
}) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  const { point } = row;
  const threshold = thresholdFor(series.indicator.thresholds, row.month);
  const labels = new Map(series.comparators.map((line) => [line.line, line.label]));
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__month">{formatMonth(row.month)}</p>
      <p>
        {councilName}: <strong>{point.displayValue}</strong>
        {point.displayValue === ratingLabel(point) ? '' : ` (${ratingLabel(point)})`}
      </p>
      {point.interval && (
        <p>
          95% confidence interval:{' '}
          {intervalInWords(point.interval.level95, series.indicator.unit, series.indicator.precision)}
          {point.interval.lowReliability && ' [u] low reliability'}
        </p>
      )}
      {threshold && <p>Target: {threshold.words.target}</p>}
      {!point.carriesConsequence && <p>No consequence this month</p>}
      {shownLines.map((line) => {
        const comparator = row.comparators[line];
        return comparator ? (
          <p key={line}>
            {labels.get(line)} ({comparator.timePeriod}): <strong>{comparator.displayValue}</strong>
          </p>
        ) : null;
      })}
    </div>
  );
}

/**
 * "Meeting" above a meeting's line; a link to the meeting's briefing when the meeting is known.
 * The same link is in the list of what the chart marks, for anyone not using the chart.
 */
function MeetingLabel({ viewBox, meeting }: { viewBox: unknown; meeting: MeetingLine }) {
  const box = viewBox as { x?: number; y?: number; width?: number } | undefined;
  if (box?.x === undefined || box.y === undefined) return <g />;
  const text = (
    <text x={box.x + (box.width ?? 0) / 2} y={box.y - 6} textAnchor="middle" fill="#0b0c0c" fontSize={13}>
      Meeting
    </text>
  );
  if (meeting.meetingId === null) return text;
  return (
    <Link
      to={meetingPath(meeting.meetingId)}
      className="chart-meeting__link"
      aria-label={`Briefing for the meeting: ${meeting.label}`}
    >
      {text}
    </Link>
  );
}

const noSubscription = () => () => {};
/** False while rendering on the server (where recharts draws nothing but a sized, styled box). */
const useInBrowser = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/**
 * The monthly trend over its green, amber and red bands, with the comparators, relief and grace
 * periods and meetings. Drawn once at full width; resizing re-lays it out without remounting, and
 * nothing is animated. recharts draws only after measuring its container (a few hundred
 * milliseconds on a KPI page's first view): until then the same chart is shown as plain SVG
 * (StaticTrendChart, which the server also sends with the page), recharts laying itself out
 * unseen underneath; the two swap once recharts' drawing is whole, so nothing blinks or moves.
 */
export function TrendChart({
  series,
  model,
  shownLines,
  councilName,
  title,
  summary,
  height = CHART_HEIGHT,
}: TrendChartProps) {
  const { rows, yDomain, yDecimals } = model;
  const { unit } = series.indicator;
  const months = rows.map((row) => row.month);
  const labels = new Map(series.comparators.map((line) => [line.line, line.label]));
  const inBrowser = useInBrowser();
  // In the browser the plain chart is drawn at the figure's own width (the server guesses a wide
  // screen's): measured before the first paint, so a phone never sees it shrunk.
  const holder = useRef<HTMLDivElement>(null);
  const [staticWidth, setStaticWidth] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const width = Math.round(holder.current?.clientWidth ?? 0);
    if (width > 0) setStaticWidth(width);
  }, []);
  const drawing = useRef<HTMLDivElement>(null);
  const drawn = useDrawnByRecharts(drawing, rows.filter((row) => row.value !== null).length);
  const description = `${summary} Every figure is also in the table: choose Table above the chart.`;

  return (
    <div className="chart" ref={holder}>
      {!drawn && (
        <StaticTrendChart
          width={staticWidth}
          model={model}
          unit={unit}
          shownLines={shownLines}
          title={title}
          description={description}
          height={height}
        />
      )}
      {inBrowser && (
        <div ref={drawing} className={drawn ? 'chart__drawn' : 'chart__drawing'}>
          <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 720, height }}>
            <LineChart data={rows} margin={CHART_MARGIN} title={title} desc={description}>
              <defs>
                <HatchPattern id={HATCH_ID} />
              </defs>
              {model.bands.map((band) => (
                <ReferenceArea
                  key={`band-${band.key}`}
                  x1={band.x1}
                  x2={band.x2}
                  y1={band.y1}
                  y2={band.y2}
                  fill={BAND_FILLS[band.status]}
                  fillOpacity={1}
                  stroke="none"
                  ifOverflow="hidden"
                  className={`chart-band chart-band--${band.status}`}
                />
              ))}
              {model.periods.map((period) => (
                <ReferenceArea
                  key={period.key}
                  x1={period.x1}
                  x2={period.x2}
                  fill={`url(#${HATCH_ID})`}
                  fillOpacity={1}
                  stroke={PERIOD_STROKE}
                  strokeDasharray="4 3"
                  ifOverflow="hidden"
                  className={`chart-period chart-period--${period.kind}`}
                  label={{
                    value: PERIOD_LABELS[period.kind],
                    position: 'insideTopLeft',
                    fill: '#0b0c0c',
                    fontSize: 13,
                    fontWeight: 700,
                  }}
                />
              ))}
              <CartesianGrid vertical={false} {...GRID_LINE} />
              {monthAxis(months)}
              <YAxis
                domain={yDomain}
                ticks={model.yTicks}
                allowDataOverflow
                tickFormatter={(v: number) => formatValue(v, unit, yDecimals, null, { short: true })}
                tick={AXIS_TEXT}
                width={Y_AXIS_WIDTH}
                stroke="#0b0c0c"
              />
              {model.meetings.map((meeting) => (
                <ReferenceLine
                  key={meeting.key}
                  x={meeting.x}
                  stroke={MEETING_STROKE}
                  strokeWidth={2}
                  strokeDasharray="3 2"
                  className="chart-meeting"
                  label={(props: { viewBox?: unknown }) => <MeetingLabel viewBox={props.viewBox} meeting={meeting} />}
                />
              ))}
              <Tooltip
                isAnimationActive={false}
                cursor={{ stroke: '#0b0c0c', strokeWidth: 1 }}
                content={(props) => (
                  <ChartTooltip
                    active={props.active}
                    payload={props.payload}
                    series={series}
                    councilName={councilName}
                    shownLines={shownLines}
                  />
                )}
              />
              {COMPARATOR_LINES.filter((line) => shownLines.includes(line)).map((line) => (
                <Line
                  key={line}
                  dataKey={line}
                  name={labels.get(line) ?? line}
                  type="linear"
                  stroke={LINE_STYLES[line].colour}
                  strokeWidth={LINE_STYLES[line].width}
                  strokeDasharray={LINE_STYLES[line].dash}
                  dot={dotRenderer(LINE_STYLES[line])}
                  activeDot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
              <Line
                dataKey="value"
                name={councilName}
                type="linear"
                stroke={COUNCIL_STYLE.colour}
                strokeWidth={COUNCIL_STYLE.width}
                dot={dotRenderer(COUNCIL_STYLE, COUNCIL_DOT)}
                activeDot={{ r: 7, fill: COUNCIL_STYLE.colour, stroke: '#fff', strokeWidth: 2 }}
                connectNulls={false}
                isAnimationActive={false}
              >
                {model.rows.some((row) => row.interval95) && (
                  <ErrorBar
                    dataKey="interval95"
                    direction="y"
                    width={6}
                    stroke={COUNCIL_STYLE.colour}
                    strokeOpacity={0.6}
                    strokeWidth={1.5}
                    isAnimationActive={false}
                    className="chart-interval"
                  />
                )}
              </Line>
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
