import {
  formatMonth,
  formatValue,
  limitsReachBounds,
  monthRange,
  type SeriesResponse,
  type SpcDto,
  spcBoundsForUnit,
} from '@kpi/shared';
import { useRef } from 'react';
import { Marker } from '../../../components/charts/chartStyles';
import { SpcIcons } from '../../../components/charts/SpcIcons';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { useCurrentUser } from '../../auth';
import { ChartDownloads } from '../../exports';
import { buildSpcModel, describeSpc, POINT_STYLES, type SpcChartModel } from '../spcModel';
import { RebaseControls } from './RebaseControls';
import { SPC_LINES, SpcChart } from './SpcChart';
import '../spc.css';

function LineSample({ colour, dash, width }: { colour: string; dash: string | undefined; width: number }) {
  return (
    <svg width="36" height="12" viewBox="0 0 36 12" aria-hidden="true" focusable="false">
      <line x1="1" y1="6" x2="35" y2="6" stroke={colour} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

function MarkerSample({ type }: { type: keyof typeof POINT_STYLES }) {
  const s = POINT_STYLES[type];
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <Marker shape={s.shape} cx={9} cy={9} colour={s.colour} size={s.size} />
    </svg>
  );
}

function SpcKey({ neutral, hasTarget }: { neutral: boolean; hasTarget: boolean }) {
  return (
    <ul className="spc-key" aria-label="Key to the SPC chart">
      <li className="spc-key__item">
        <MarkerSample type="common_cause" /> Common cause (circle)
      </li>
      {neutral ? (
        <li className="spc-key__item">
          <MarkerSample type="special_cause_neutral_high" /> Special cause (diamond)
        </li>
      ) : (
        <>
          <li className="spc-key__item">
            <MarkerSample type="special_cause_improvement" /> Special cause: improvement (triangle)
          </li>
          <li className="spc-key__item">
            <MarkerSample type="special_cause_concern" /> Special cause: concern (square)
          </li>
        </>
      )}
      <li className="spc-key__item">
        <LineSample {...SPC_LINES.mean} /> Average (solid)
      </li>
      <li className="spc-key__item">
        <LineSample {...SPC_LINES.limit} /> Process limits (dashed)
      </li>
      {hasTarget && (
        <li className="spc-key__item">
          <LineSample {...SPC_LINES.target} /> Target (dotted)
        </li>
      )}
    </ul>
  );
}

function SpcTable({
  series,
  spc,
  model,
  caption,
}: {
  series: SeriesResponse;
  spc: SpcDto;
  model: SpcChartModel;
  caption: string;
}) {
  const { unit, precision } = series.indicator;
  const fmt = (v: number | null) => formatValue(v, unit, precision);
  return (
    <ScrollableTable label={`${caption} (table)`}>
      <table className="table table--series">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="numeric">
              Figure
            </th>
            <th scope="col" className="numeric">
              Average
            </th>
            <th scope="col" className="numeric">
              Lower limit
            </th>
            <th scope="col" className="numeric">
              Upper limit
            </th>
            <th scope="col">SPC</th>
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row) => (
            <tr key={row.month}>
              <th scope="row">{formatMonth(row.month)}</th>
              <td className="numeric">{fmt(row.value)}</td>
              <td className="numeric">{fmt(row.mean)}</td>
              <td className="numeric">{fmt(row.lower)}</td>
              <td className="numeric">{fmt(row.upper)}</td>
              <td>
                {row.point ? (
                  <>
                    <strong>{row.point.pointTypeLabel}</strong>
                    {row.point.pointType !== 'common_cause' && <>: {row.point.specialCauseLabel.toLowerCase()}</>}
                  </>
                ) : (
                  'No figure'
                )}
                {row.trial && <span className="secondary-text"> (trial limits)</span>}
                {spc.groups.some((g) => g.rebase && g.from === row.month) && (
                  <span className="secondary-text"> (limits recalculated from here)</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

/** "Signal or noise": the SPC chart of the monthly figures, its icons, table, words and rebases. */
export function SpcSection({ series, councilName }: { series: SeriesResponse; councilName: string }) {
  const { user } = useCurrentUser();
  const figureRef = useRef<HTMLElement>(null);
  const spc = series.spc;
  if (!spc) {
    return (
      <section className="section" aria-labelledby="spc-heading">
        <h2 id="spc-heading">Signal or noise (statistical process control)</h2>
        <p>{series.spcNote}</p>
      </section>
    );
  }
  const model = buildSpcModel(series, spc);
  const summary = describeSpc(series, spc);
  const title = `${series.indicator.code} SPC chart, ${formatMonth(spc.window.from)} to ${formatMonth(spc.window.to)}`;
  const hasTarget = model.rows.some((r) => r.target !== null);
  const trial = spc.groups.some((g) => g.trialLimits);
  const atBounds = spc.groups.some((g) => limitsReachBounds(g, spcBoundsForUnit(series.indicator.unit)));
  return (
    <section className="section" aria-labelledby="spc-heading">
      <h2 id="spc-heading">Signal or noise (statistical process control)</h2>
      <SpcIcons icons={spc.icons} withheld={spc.iconsWithheld} />
      {spc.gapNote && <p className="spc__gap">{spc.gapNote}</p>}
      <figure
        className="figure"
        aria-labelledby="spc-figure-title"
        aria-describedby="spc-figure-summary"
        ref={figureRef}
      >
        <figcaption className="figure__caption">
          <h3 className="figure__title" id="spc-figure-title">
            {title}
          </h3>
          <p className="figure__summary" id="spc-figure-summary">
            {summary}
          </p>
        </figcaption>
        {spc.points.length > 0 && (
          <>
            <SpcKey neutral={spc.direction === 'neutral'} hasTarget={hasTarget} />
            <SpcChart series={series} model={model} title={title} summary={summary} />
          </>
        )}
        <details className="details">
          <summary className="details__summary">The SPC figures as a table</summary>
          <div className="details__text">
            <SpcTable series={series} spc={spc} model={model} caption={title} />
          </div>
        </details>
        <div className="figure__source">
          <h4 className="figure__notes-title">How this is worked out</h4>
          <ol className="figure__notes">
            <li>{spc.method}</li>
            <li>
              {spc.screenOutliers
                ? 'Moving ranges of 3.267 times the average moving range or more are left out before the limits are set, as NHSRplotthedots does (the NHS Excel tool does not).'
                : 'Large moving ranges are not screened out (as the NHS Excel tool does).'}
            </li>
            {trial && (
              <li>Trial limits: a group of 12 months or fewer gives limits that may change as months are added.</li>
            )}
            {atBounds && (
              <li>
                A limit is drawn no further than the figure can go (0 to 100% for a percentage, not below 0 for a count
                or rate); the signals are judged against the limits as calculated.
              </li>
            )}
            <li>Months without a figure are left out of the calculation.</li>
          </ol>
        </div>
      </figure>
      <ChartDownloads
        series={series}
        councilName={councilName}
        figureRef={figureRef}
        chartShown={spc.points.length > 0}
        chart="spc"
      />
      <RebaseControls
        code={series.indicator.code}
        spc={spc}
        months={monthRange(spc.window.from, spc.window.to)}
        canRebase={user.role === 'commissioner' || user.role === 'admin'}
      />
    </section>
  );
}
