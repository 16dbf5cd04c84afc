import { formatDate, formatValue, type RegionalTrendResponse, ukDate } from '@kpi/shared';
import { useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  COUNCIL_STYLE,
  LINE_STYLES,
  LineSwatch,
  Marker,
  type SeriesStyle,
} from '../../../components/charts/chartStyles';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { SERVICE_NAME } from '../../../lib/useDocumentTitle';
import { loadChartImage } from '../../exports';

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

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' | 'error'; text: string };

/**
 * One measure for every council in the region on one chart, the region and England emphasised
 * (the served council too), with its key, source, a one-sentence summary, the figures as a table,
 * and the chart as a PNG or SVG image drawn by the exports feature from the chart on screen.
 */
export function RegionalTrend({ trend }: { trend: RegionalTrendResponse }) {
  const figureRef = useRef<HTMLElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const { measure, region } = trend;
  const rows = trend.periods.map((period) => ({
    period,
    [REGION_KEY]: pointValue(trend.regionLine, period),
    [ENGLAND_KEY]: pointValue(trend.englandLine, period),
    ...Object.fromEntries(trend.councils.map((c) => [c.areaCode, pointValue(c.points, period)])),
  }));
  const served = trend.councils.filter((c) => c.servedHere);
  const title = `${measure.label}: ${region.name}’s councils`;

  async function download(format: 'png' | 'svg') {
    setStatus({ kind: 'busy' });
    try {
      const figure = figureRef.current;
      if (!figure) throw new Error('There is no chart on screen to export.');
      const { buildChartSvg, saveFile, svgDataUrl, svgToPngDataUrl } = await loadChartImage();
      const image = buildChartSvg(figure, {
        title,
        subtitle: `DfE published figures, ${trend.periods[0]} to ${trend.periods.at(-1)}`,
        marking: null,
        illustrative: false,
        produced: `Produced ${formatDate(ukDate(new Date()))} from the ${SERVICE_NAME}`,
      });
      const fileName = `regional-${measure.code}-${region.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${format}`;
      saveFile(format === 'svg' ? svgDataUrl(image.svg) : await svgToPngDataUrl(image), fileName);
      setStatus({ kind: 'done', text: `Downloaded ${fileName}.` });
    } catch {
      setStatus({ kind: 'error', text: 'The chart could not be downloaded. Try again.' });
    }
  }

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
              <CartesianGrid vertical={false} stroke="#6f777b" strokeOpacity={0.35} />
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
      <div className="downloads no-print">
        <p className="downloads__row">
          <span className="downloads__label">Download chart:</span>{' '}
          {(['png', 'svg'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="downloads__button"
              onClick={() => void download(format)}
              disabled={status.kind === 'busy'}
            >
              {format.toUpperCase()} <span className="visually-hidden">image of the chart</span>
            </button>
          ))}
        </p>
        <p role="status" className={status.kind === 'error' ? 'downloads__status error-message' : 'downloads__status'}>
          {status.kind === 'busy' ? 'Preparing the image…' : status.kind === 'idle' ? '' : status.text}
        </p>
      </div>
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
