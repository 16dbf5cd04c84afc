import {
  type ChartImageFormat,
  type ChartKind,
  formatDate,
  formatMonth,
  type SeriesResponse,
  ukDate,
} from '@kpi/shared';
import { type RefObject, useState } from 'react';
import { VIEW_FIGURE_WORDS } from '../../../components/kpiLabels';
import { isApiError } from '../../../lib/apiClient';
import { SERVICE_NAME } from '../../../lib/useDocumentTitle';
import { recordChartExport } from '../api/exportsApi';
import '../exports.css';
import { DownloadSeparator } from './DataDownloads';

type Status = { kind: 'idle' } | { kind: 'busy'; format: ChartImageFormat } | { kind: 'done' | 'error'; text: string };

const FORMAT_WORDS: Record<ChartImageFormat, string> = { png: 'PNG', svg: 'SVG' };

/** The words an exported chart carries above and below it. */
export function chartImageHeading(series: SeriesResponse, councilName: string, chart: ChartKind = 'trend') {
  const { indicator } = series;
  const title = `${indicator.code} ${indicator.shortTitle ?? indicator.title}`;
  if (chart === 'spc' && series.spc) {
    const { from, to } = series.spc.window;
    return {
      title: `${title}: statistical process control chart`,
      subtitle: `${councilName} · monthly figures, ${formatMonth(from)} to ${formatMonth(to)}`,
      illustrative: series.points.some((p) => p.provenance === 'illustrative'),
    };
  }
  return {
    title,
    subtitle: `${councilName} · ${VIEW_FIGURE_WORDS[series.view]}, ${formatMonth(series.from)} to ${formatMonth(series.to)}`,
    illustrative: series.points.some((p) => p.provenance === 'illustrative'),
  };
}

export function producedWords(producedAt: string): string {
  const day = ukDate(new Date(producedAt));
  return `Produced ${formatDate(day)} from the ${SERVICE_NAME}`;
}

/**
 * "Download chart: PNG | SVG". The image is drawn in the browser from the chart on screen (its
 * SVG, key, source and notes), after the server has recorded the export and said whether the
 * figures carry a protective marking. The drawing code loads only when asked for.
 */
export function ChartDownloads({
  series,
  councilName,
  figureRef,
  chartShown,
  chart = 'trend',
}: {
  series: SeriesResponse;
  /** Which of the page's charts: its name goes into the buttons' names and the file name. */
  chart?: ChartKind;
  councilName: string;
  /** The figure on screen holding the chart, its key and its source. */
  figureRef: RefObject<HTMLElement | null>;
  chartShown: boolean;
}) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function download(format: ChartImageFormat) {
    setStatus({ kind: 'busy', format });
    try {
      const figure = figureRef.current;
      if (!figure) throw new Error('There is no chart on screen to export.');
      const label = await recordChartExport(series.indicator.code, {
        format,
        chart,
        from: series.from,
        to: series.to,
        view: series.view,
      });
      const { buildChartSvg, saveFile, svgDataUrl, svgToPngDataUrl } = await import('../chartImage');
      const image = buildChartSvg(figure, {
        ...chartImageHeading(series, label.organisation || councilName, chart),
        marking: label.marking?.text ?? null,
        produced: producedWords(label.producedAt),
      });
      saveFile(format === 'svg' ? svgDataUrl(image.svg) : await svgToPngDataUrl(image), label.fileName);
      setStatus({ kind: 'done', text: `Downloaded ${label.fileName}.` });
    } catch (error) {
      setStatus({
        kind: 'error',
        text: isApiError(error)
          ? `The chart could not be downloaded: ${error.detail ?? error.title}`
          : 'The chart could not be downloaded. Try again.',
      });
    }
  }

  return (
    <div className="downloads no-print">
      {chartShown ? (
        <p className="downloads__row">
          <span className="downloads__label">{chart === 'spc' ? 'Download SPC chart:' : 'Download chart:'}</span>{' '}
          {(['png', 'svg'] as const).map((format, i) => (
            <span key={format}>
              {i > 0 && <DownloadSeparator />}
              <button
                type="button"
                className="downloads__button"
                onClick={() => void download(format)}
                aria-disabled={status.kind === 'busy'}
                disabled={status.kind === 'busy'}
              >
                <span className="downloads__word">{FORMAT_WORDS[format]}</span>{' '}
                <span className="visually-hidden">image of the {chart === 'spc' ? 'SPC chart' : 'chart'}</span>
              </button>
            </span>
          ))}
        </p>
      ) : (
        <p className="downloads__row secondary-text">Show the chart to download it as an image.</p>
      )}
      <p role="status" className={status.kind === 'error' ? 'downloads__status error-message' : 'downloads__status'}>
        {status.kind === 'busy'
          ? `Preparing the ${FORMAT_WORDS[status.format]} image…`
          : status.kind === 'idle'
            ? ''
            : status.text}
      </p>
    </div>
  );
}
