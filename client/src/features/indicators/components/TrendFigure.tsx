import type { ComparatorLine, SeriesResponse } from '@kpi/shared';
import { ChartKey } from '../../../components/charts/ChartKey';
import type { ChartModel } from '../../../components/charts/chartModel';
import { footnotes, sourceSentences } from '../../../components/charts/figureNotes';
import { TrendChart } from '../../../components/charts/TrendChart';
import type { Display } from '../seriesParams';
import { SeriesTable } from './SeriesTable';
import '../indicators.css';

type TrendFigureProps = {
  series: SeriesResponse;
  model: ChartModel;
  shownLines: readonly ComparatorLine[];
  councilName: string;
  title: string;
  summary: string;
  display: Display;
};

/**
 * The chart (or its table) as a published figure: title, summary in words, key above the chart,
 * source and footnotes. The summary and the table carry everything the chart shows.
 */
export function TrendFigure({ series, model, shownLines, councilName, title, summary, display }: TrendFigureProps) {
  const notes = footnotes(series, shownLines);
  return (
    <figure className="figure" aria-labelledby="figure-title" aria-describedby="figure-summary">
      <figcaption className="figure__caption">
        <h2 className="figure__title" id="figure-title">
          {title}
        </h2>
        <p className="figure__summary" id="figure-summary">
          {summary}
        </p>
      </figcaption>
      {display === 'table' ? (
        <SeriesTable series={series} model={model} shownLines={shownLines} councilName={councilName} caption={title} />
      ) : !model.hasValues ? (
        <div className="empty-state">
          <p className="empty-state__title">There are no figures to draw for this period.</p>
          <p>Choose another period or view; the table lists every month.</p>
        </div>
      ) : (
        <>
          <ChartKey series={series} model={model} shownLines={shownLines} councilName={councilName} />
          <TrendChart
            series={series}
            model={model}
            shownLines={shownLines}
            councilName={councilName}
            title={title}
            summary={summary}
          />
          <p className="hint figure__keyboard no-print">
            Keyboard: tab to the chart, then use the left and right arrow keys to read each month. The Table button
            shows every figure.
          </p>
        </>
      )}
      <div className="figure__source">
        <p>
          <strong>Source: </strong>
          {sourceSentences(series, shownLines, councilName).join(' ')}
        </p>
        {notes.length > 0 && (
          <>
            <h3 className="figure__notes-title">Notes</h3>
            <ol className="figure__notes">
              {notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ol>
          </>
        )}
      </div>
    </figure>
  );
}
