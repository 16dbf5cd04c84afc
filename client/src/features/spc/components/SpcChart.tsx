import { formatMonth, formatValue, type SeriesResponse } from '@kpi/shared';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { CHART_MARGIN } from '../../../components/charts/chartGeometry';
import { COUNCIL_STYLE, GRID_LINE, Marker } from '../../../components/charts/chartStyles';
import { AXIS_TEXT, monthAxis } from '../../../components/charts/monthAxis';
import { POINT_STYLES, type SpcChartModel, type SpcRow } from '../spcModel';

export const SPC_LINES = {
  mean: { colour: '#0b0c0c', dash: undefined, width: 1.5 },
  limit: { colour: '#505a5f', dash: '6 4', width: 1.5 },
  target: { colour: '#00703c', dash: '2 3', width: 2.5 },
} as const;

function pointDot(rows: readonly SpcRow[]) {
  return (props: { cx?: number; cy?: number; index: number }) => {
    const { cx, cy, index } = props;
    const point = rows[index]?.point;
    if (cx === undefined || cy === undefined || !point) return <g key={`spc-dot-${index}`} />;
    const style = POINT_STYLES[point.pointType];
    return (
      <g key={`spc-dot-${index}`} className={`spc-dot spc-dot--${point.pointType}`}>
        <Marker shape={style.shape} cx={cx} cy={cy} colour={style.colour} size={style.size} />
      </g>
    );
  };
}

function SpcTooltip({
  active,
  payload,
  series,
}: {
  active?: boolean | undefined;
  payload?: ReadonlyArray<{ payload?: unknown }> | undefined;
  series: SeriesResponse;
}) {
  const row = payload?.[0]?.payload as SpcRow | undefined;
  if (!active || !row) return null;
  const { unit, precision } = series.indicator;
  const fmt = (v: number | null) => formatValue(v, unit, precision);
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__month">{formatMonth(row.month)}</p>
      <p>
        Figure: <strong>{fmt(row.value)}</strong>
      </p>
      {row.point && (
        <p>
          {row.point.pointTypeLabel}: {row.point.specialCauseLabel.toLowerCase()}
        </p>
      )}
      <p>
        Average {fmt(row.mean)}; limits {fmt(row.lower)} to {fmt(row.upper)}
        {row.trial ? ' (trial)' : ''}
      </p>
      {row.target !== null && <p>Target {fmt(row.target)}</p>}
    </div>
  );
}

/** The XmR chart: figures marked by their SPC type, the centre line, process limits, target and rebases. */
export function SpcChart({
  series,
  model,
  title,
  summary,
  height = 360,
}: {
  series: SeriesResponse;
  model: SpcChartModel;
  title: string;
  summary: string;
  height?: number;
}) {
  const { rows } = model;
  const { unit } = series.indicator;
  return (
    <div className="chart">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 720, height }}>
        <LineChart
          data={rows}
          margin={CHART_MARGIN}
          title={title}
          desc={`${summary} Every figure is also in the table below the chart.`}
        >
          <CartesianGrid vertical={false} {...GRID_LINE} />
          {monthAxis(rows.map((row) => row.month))}
          <YAxis
            domain={model.yDomain}
            ticks={model.yTicks}
            allowDataOverflow
            tickFormatter={(v: number) => formatValue(v, unit, model.yDecimals, null, { short: true })}
            tick={AXIS_TEXT}
            width={64}
            stroke="#0b0c0c"
          />
          {model.rebaseMarks.map((mark) => (
            <ReferenceLine
              key={mark.month}
              x={mark.x}
              stroke="#0b0c0c"
              strokeWidth={2}
              className="spc-rebase"
              label={{ value: 'Rebase', position: 'top', fill: '#0b0c0c', fontSize: 13, fontWeight: 700 }}
            />
          ))}
          <Tooltip
            isAnimationActive={false}
            cursor={{ stroke: '#0b0c0c', strokeWidth: 1 }}
            content={(props) => <SpcTooltip active={props.active} payload={props.payload} series={series} />}
          />
          {(['upper', 'lower'] as const).map((key) => (
            <Line
              key={key}
              dataKey={key}
              name={key === 'upper' ? 'Upper process limit' : 'Lower process limit'}
              type="stepAfter"
              stroke={SPC_LINES.limit.colour}
              strokeWidth={SPC_LINES.limit.width}
              strokeDasharray={SPC_LINES.limit.dash}
              dot={false}
              activeDot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
          <Line
            dataKey="mean"
            name="Average (centre line)"
            type="stepAfter"
            stroke={SPC_LINES.mean.colour}
            strokeWidth={SPC_LINES.mean.width}
            dot={false}
            activeDot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            dataKey="target"
            name="Target"
            type="stepAfter"
            stroke={SPC_LINES.target.colour}
            strokeWidth={SPC_LINES.target.width}
            strokeDasharray={SPC_LINES.target.dash}
            dot={false}
            activeDot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="value"
            name="Figure"
            type="linear"
            stroke={COUNCIL_STYLE.colour}
            strokeWidth={2}
            dot={pointDot(rows)}
            activeDot={{ r: 7, fill: COUNCIL_STYLE.colour, stroke: '#fff', strokeWidth: 2 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
