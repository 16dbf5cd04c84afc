import {
  fileNameSlug,
  formatMonth,
  formatValue,
  NAME_SLUG_LENGTH,
  REGIONAL_UNPUBLISHED_MARKING,
  type RegionalKpisResponse,
} from '@kpi/shared';
import { useRef } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { StatusTag } from '../../../components/StatusTag';
import { ChartImageDownloads } from './ChartImageDownloads';
import { JUDGEMENT_MARKS, JudgementMark } from './positionMarks';

/** One dash pattern and colour per council, so the lines differ by more than colour. */
const COUNCIL_LINES = [
  { colour: '#12436d', dash: undefined },
  { colour: '#801650', dash: '8 4' },
  { colour: '#28a197', dash: '3 3' },
  { colour: '#f46a25', dash: '12 3 3 3' },
  { colour: '#3d3d3d', dash: '2 6' },
] as const;

/** The lines the councils are read against: thicker, in black and grey, each with its own dash. */
const REFERENCE_LINES = {
  group_average: { colour: '#0b0c0c', dash: '1 5', what: 'average of the councils shown', marker: null },
  // DfE's yearly figures are single points: a filled disc for the region, a ring for England
  region: { colour: '#505a5f', dash: undefined, what: 'DfE, one point a year', marker: '#505a5f' },
  england: { colour: '#0b0c0c', dash: undefined, what: 'DfE, one point a year', marker: '#ffffff' },
} as const;

/** A key's sample of a line (or, for a figure drawn as one point, its disc or ring), beside its name. */
function LineSwatch({
  colour,
  width,
  dash,
  marker,
}: {
  colour: string;
  width: number;
  dash?: string | undefined;
  marker?: string | null | undefined;
}) {
  return (
    <svg width="44" height="16" aria-hidden="true" focusable="false">
      {marker ? (
        <circle cx="22" cy="8" r="5" fill={marker} stroke={colour} strokeWidth={width} />
      ) : (
        <line x1="1" y1="8" x2="43" y2="8" stroke={colour} strokeWidth={width} strokeDasharray={dash} />
      )}
    </svg>
  );
}

/**
 * The councils' own KPI with one code for a month: value, rating against that council's bands
 * (icon and word), and against the group average (shape and word); a month the council has not
 * published and this reader may not see says "Not yet published" and nothing more.
 */
export function CouncilKpiTable({ answer }: { answer: RegionalKpisResponse }) {
  return (
    <ScrollableTable label={`${answer.code} by council`}>
      <table className="table regional-kpis">
        <caption className="table__caption">
          {answer.code}, {answer.month ? formatMonth(answer.month) : 'no month with figures'}: group average{' '}
          {answer.groupAverage.displayValue} ({answer.groupAverage.councils}{' '}
          {answer.groupAverage.councils === 1 ? 'council' : 'councils'} with a figure shown)
        </caption>
        <thead>
          <tr>
            <th scope="col">Council</th>
            <th scope="col">KPI</th>
            <th scope="col">Value</th>
            <th scope="col">Rating against its own bands</th>
            <th scope="col">Against the group average</th>
          </tr>
        </thead>
        <tbody>
          {answer.councils.map((cell) => (
            <tr key={cell.areaCode}>
              <th scope="row">{cell.name}</th>
              <td>{cell.title ?? '–'}</td>
              {cell.visible && cell.displayValue !== null ? (
                <>
                  <td>
                    {cell.displayValue}
                    {cell.unpublished && <span className="regional-kpis__pre"> (pre-release)</span>}
                  </td>
                  <td>
                    {cell.rating && <StatusTag status={cell.rating} />}
                    {cell.ratingReason && <span className="visually-hidden"> {cell.ratingReason}</span>}
                  </td>
                  <td>
                    {cell.againstGroup && <JudgementMark judgement={cell.againstGroup} />}
                    {cell.againstGroup && (
                      <span className="visually-hidden"> ({JUDGEMENT_MARKS[cell.againstGroup].meaning})</span>
                    )}
                  </td>
                </>
              ) : (
                <td colSpan={3}>{cell.notice ?? 'No figure'}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

/**
 * Each council's monthly figures on one chart, with the same numbers as a table beneath, and the
 * chart as a PNG or SVG image (marked when it shows a month its council has not published).
 */
export function CouncilKpiTrend({ answer }: { answer: RegionalKpisResponse }) {
  const figureRef = useRef<HTMLElement>(null);
  const { months, councils, references } = answer.trend;
  if (months.length === 0) return <p>No months to chart.</p>;
  const rows = months.map((month, i) => ({
    month: formatMonth(month, 'short'),
    ...Object.fromEntries(councils.map((c) => [c.areaCode, c.points[i]?.value ?? null])),
    ...Object.fromEntries(references.map((r) => [`reference-${r.key}`, r.points[i]?.value ?? null])),
  }));
  const display = (value: number | null) =>
    value === null || !answer.unit ? (
      <>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">No figure</span>
      </>
    ) : (
      formatValue(value, answer.unit, answer.precision ?? 0, null, { short: true })
    );
  return (
    <>
      <figure className="regional-kpis-trend" ref={figureRef}>
        <figcaption>
          {answer.code} each month, {formatMonth(months[0]!)} to {formatMonth(months.at(-1)!)}, for{' '}
          {councils.map((c) => c.name).join(', ')}. A month not yet published, where you may not see it, is left blank.
        </figcaption>
        <div className="chart" aria-hidden="true" style={{ height: 320 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#d0d3d4" />
              <XAxis dataKey="month" tick={{ fill: '#0b0c0c', fontSize: 14 }} />
              <YAxis tick={{ fill: '#0b0c0c', fontSize: 14 }} width={56} />
              <Tooltip />
              {councils.map((c, i) => {
                const style = COUNCIL_LINES[i % COUNCIL_LINES.length]!;
                return (
                  <Line
                    key={c.areaCode}
                    dataKey={c.areaCode}
                    name={c.name}
                    stroke={style.colour}
                    strokeDasharray={style.dash}
                    strokeWidth={2}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                );
              })}
              {references.map((reference) => {
                const style = REFERENCE_LINES[reference.key];
                return (
                  <Line
                    key={reference.key}
                    dataKey={`reference-${reference.key}`}
                    name={reference.name}
                    stroke={style.colour}
                    strokeDasharray={style.dash}
                    strokeWidth={3}
                    dot={style.marker ? { r: 5, fill: style.marker, stroke: style.colour, strokeWidth: 3 } : false}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                );
              })}
            </LineChart>
          </ResponsiveContainer>
        </div>
        <ul className="regional-kpis-key chart-key__list">
          {councils.map((c, i) => {
            const style = COUNCIL_LINES[i % COUNCIL_LINES.length]!;
            return (
              <li key={c.areaCode}>
                <LineSwatch colour={style.colour} width={2} dash={style.dash} /> {c.name}
              </li>
            );
          })}
          {references.map((reference) => {
            const style = REFERENCE_LINES[reference.key];
            return (
              <li key={reference.key}>
                <LineSwatch colour={style.colour} width={3} dash={style.dash} marker={style.marker} /> {reference.name}{' '}
                ({style.what})
              </li>
            );
          })}
        </ul>
        <div className="figure__source">
          <p>Source: each council’s monthly contract return.</p>
          {references.map((reference) => (
            <p key={reference.key}>
              {reference.name}: {reference.source}
            </p>
          ))}
          {answer.trend.notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </div>
        <ScrollableTable label={`${answer.code} each month`}>
          <table className="table">
            <caption className="visually-hidden">{answer.code} each month by council</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                {councils.map((c) => (
                  <th scope="col" key={c.areaCode}>
                    {c.name}
                  </th>
                ))}
                {references.map((reference) => (
                  <th scope="col" key={reference.key}>
                    {reference.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((month, i) => (
                <tr key={month}>
                  <th scope="row">{formatMonth(month, 'short')}</th>
                  {councils.map((c) => (
                    <td key={c.areaCode}>{display(c.points[i]?.value ?? null)}</td>
                  ))}
                  {references.map((reference) => (
                    <td key={reference.key}>{display(reference.points[i]?.value ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      </figure>
      <ChartImageDownloads
        figureRef={figureRef}
        title={`${answer.code} by council: ${answer.group.name}`}
        subtitle={`Each council’s monthly figures, ${formatMonth(months[0]!)} to ${formatMonth(months.at(-1)!)}`}
        marking={answer.includesUnpublished ? REGIONAL_UNPUBLISHED_MARKING : null}
        illustrative={answer.councils.some((c) => c.illustrative)}
        fileStem={`regional-${fileNameSlug(`${answer.code} ${answer.group.name}`, NAME_SLUG_LENGTH)}`}
        what={`the ${answer.code} chart`}
      />
    </>
  );
}
