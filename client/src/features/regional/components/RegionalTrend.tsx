import { fileNameSlug, formatValue, NAME_SLUG_LENGTH, type RegionalTrendResponse } from '@kpi/shared';
import { useRef } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  COUNCIL_STYLE,
  GRID_LINE,
  LINE_STYLES,
  LineSwatch,
  Marker,
  type SeriesStyle,
} from '../../../components/charts/chartStyles';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { ChartImageDownloads } from './ChartImageDownloads';

const CHART_HEIGHT = 380;
const AXIS_TEXT = { fill: '#0b0c0c', fontSize: 14 };
/** Every other council: thin and grey, so the region, England and the council served here stand out. */
const OTHER_COUNCIL_STYLE: SeriesStyle = { colour: '#8a9196', dash: undefined, marker: 'circle', width: 1.25 };
const REGION_KEY = '__region';
const ENGLAND_KEY = '__england';

type Point = RegionalTrendResponse['regionLine'][number];

function pointValue(points: readonly Point[], period: string): number | null {
  const point = points.find((p) => p.timePeriod === period);
  return point && point.symbol === null ? point.value : null;
}

function dots(style: SeriesStyle) {
  return (props: { cx?: number; cy?: number; index: number; value?: unknown }) =>
    props.cx === undefined || props.cy === undefined || props.value === null || props.value === undefined ? (
      <g key={`dot-${props.index}`} />
    ) : (
      <g key={`dot-${props.index}`}>
        <Marker shape={style.marker} cx={props.cx} cy={props.cy} colour={style.colour} />
      </g>
    );
}

function display(trend: RegionalTrendResponse, point: Point | undefined): string {
  if (!point) return '–';
  return formatValue(point.value, trend.measure.unit, trend.measure.precision, point.symbol, { short: true });
}

/**
 * One measure for every council in the region on one chart, the region and England emphasised
 * (the served council too), with its key, source, a one-sentence summary, the figures as a table,
 * and the chart as a PNG or SVG image drawn by the exports feature from the chart on screen.
 */
export function RegionalTrend({ trend }: { trend: RegionalTrendResponse }) {
  const figureRef = useRef<HTMLElement>(null);
  const { measure, region } = trend;
  const rows = trend.periods.map((period) => ({
    period,
    [REGION_KEY]: pointValue(trend.regionLine, period),
    [ENGLAND_KEY]: pointValue(trend.englandLine, period),
    ...Object.fromEntries(trend.councils.map((c) => [c.areaCode, pointValue(c.points, period)])),
  }));
  const served = trend.councils.filter((c) => c.servedHere);
  const title = `${measure.label}: ${region.name}’s councils`;

  return (
    <>
      <p className="regional-summary">{trend.summary}</p>
      <figure className="figure" ref={figureRef}>
        <div className="chart-key">
          <h3 className="chart-key__title">Key</h3>
          <ul className="chart-key__list">
            <li>
              <LineSwatch style={LINE_STYLES.region} />
              <span>
                {region.name} <span className="secondary-text">(dotted line, triangles)</span>
              </span>
            </li>
            <li>
              <LineSwatch style={LINE_STYLES.england} />
              <span>
                England <span className="secondary-text">(dash-dot line, diamonds)</span>
              </span>
            </li>
            {served.map((c) => (
              <li key={c.areaCode}>
                <LineSwatch style={COUNCIL_STYLE} />
                <span>
                  {c.name} <span className="secondary-text">(served here: solid line, circles)</span>
                </span>
              </li>
            ))}
            <li>
              <LineSwatch style={OTHER_COUNCIL_STYLE} />
              <span>
                Each other council in {region.name} <span className="secondary-text">(thin grey lines)</span>
              </span>
            </li>
          </ul>
        </div>
        <div className="chart">
          <ResponsiveContainer
            width="100%"
            height={CHART_HEIGHT}
            initialDimension={{ width: 720, height: CHART_HEIGHT }}
          >
            <LineChart
              data={rows}
              margin={{ top: 16, right: 12, bottom: 8, left: 4 }}
              title={title}
              desc={`${trend.summary} Every figure is also in the table below the chart.`}
            >
              <CartesianGrid vertical={false} {...GRID_LINE} />
              <XAxis dataKey="period" tick={AXIS_TEXT} stroke="#0b0c0c" />
              <YAxis
                tickFormatter={(v: number) => formatValue(v, measure.unit, measure.precision, null, { short: true })}
                tick={AXIS_TEXT}
                width={64}
                stroke="#0b0c0c"
              />
              <Tooltip isAnimationActive={false} />
              {trend.councils
                .filter((c) => !c.servedHere)
                .map((c) => (
                  <Line
                    key={c.areaCode}
                    dataKey={c.areaCode}
                    name={c.name}
                    stroke={OTHER_COUNCIL_STYLE.colour}
                    strokeWidth={OTHER_COUNCIL_STYLE.width}
                    dot={false}
                    activeDot={false}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                ))}
              {served.map((c) => (
                <Line
                  key={c.areaCode}
                  dataKey={c.areaCode}
                  name={c.name}
                  stroke={COUNCIL_STYLE.colour}
                  strokeWidth={COUNCIL_STYLE.width}
                  dot={dots(COUNCIL_STYLE)}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
              {(
                [
                  [REGION_KEY, region.name, LINE_STYLES.region],
                  [ENGLAND_KEY, 'England', LINE_STYLES.england],
                ] as const
              ).map(([key, name, style]) => (
                <Line
                  key={key}
                  dataKey={key}
                  name={name}
                  stroke={style.colour}
                  strokeWidth={style.width}
                  strokeDasharray={style.dash}
                  dot={dots(style)}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="figure__source">
          <p>Source: {trend.sources.join('; ')}.</p>
        </figcaption>
      </figure>
      <ChartImageDownloads
        figureRef={figureRef}
        title={title}
        subtitle={`DfE published figures, ${trend.periods[0]} to ${trend.periods.at(-1)}`}
        marking={null}
        illustrative={false}
        fileStem={`regional-${fileNameSlug(`${measure.code} ${region.name}`, NAME_SLUG_LENGTH)}`}
      />
      <details className="details">
        <summary className="details__summary">The chart’s figures as a table</summary>
        <ScrollableTable label={`${measure.label} by council and year`}>
          <table className="table">
            <caption className="table__caption">
              {measure.label}, {region.name}: each council, the region and England by year (DfE published figures)
            </caption>
            <thead>
              <tr>
                <th scope="col">Area</th>
                {trend.periods.map((period) => (
                  <th key={period} scope="col">
                    {period}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[
                { key: REGION_KEY, name: region.name, points: trend.regionLine },
                { key: ENGLAND_KEY, name: 'England', points: trend.englandLine },
                ...trend.councils.map((c) => ({
                  key: c.areaCode,
                  name: c.servedHere ? `${c.name} (served here)` : c.name,
                  points: c.points,
                })),
              ].map((line) => (
                <tr key={line.key}>
                  <th scope="row">{line.name}</th>
                  {trend.periods.map((period) => (
                    <td key={period}>
                      {display(
                        trend,
                        line.points.find((p) => p.timePeriod === period),
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      </details>
    </>
  );
}
