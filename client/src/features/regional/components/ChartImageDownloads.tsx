import { formatDate, ukDate } from '@kpi/shared';
import { type RefObject, useState } from 'react';
import { SERVICE_NAME } from '../../../lib/useDocumentTitle';
import { loadChartImage } from '../../exports';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' | 'error'; text: string };

/**
 * "Download chart: PNG | SVG" for the region page's charts: the image is drawn by the exports
 * feature (chartImage.ts) from the figure on screen (its chart, key and source) under these words.
 */
export function ChartImageDownloads({
  figureRef,
  title,
  subtitle,
  marking,
  illustrative,
  fileStem,
  what = 'the chart',
}: {
  figureRef: RefObject<HTMLElement | null>;
  title: string;
  subtitle: string;
  /** Protective marking, when the chart shows a month its council has not published. */
  marking: string | null;
  illustrative: boolean;
  fileStem: string;
  /** Which chart, for the buttons' names: "the chart", "the PI4 chart". */
  what?: string;
}) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function download(format: 'png' | 'svg') {
    setStatus({ kind: 'busy' });
    try {
      const figure = figureRef.current;
      if (!figure) throw new Error('There is no chart on screen to export.');
      const { buildChartSvg, saveFile, svgDataUrl, svgToPngDataUrl } = await loadChartImage();
      const image = buildChartSvg(figure, {
        title,
        subtitle,
        marking,
        illustrative,
        produced: `Produced ${formatDate(ukDate(new Date()))} from the ${SERVICE_NAME}`,
      });
      const fileName = `${fileStem}.${format}`;
      saveFile(format === 'svg' ? svgDataUrl(image.svg) : await svgToPngDataUrl(image), fileName);
      setStatus({ kind: 'done', text: `Downloaded ${fileName}.` });
    } catch {
      setStatus({ kind: 'error', text: 'The chart could not be downloaded. Try again.' });
    }
  }

  return (
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
            {format.toUpperCase()} <span className="visually-hidden">image of {what}</span>
          </button>
        ))}
      </p>
      <p role="status" className={status.kind === 'error' ? 'downloads__status error-message' : 'downloads__status'}>
        {status.kind === 'busy' ? 'Preparing the image…' : status.kind === 'idle' ? '' : status.text}
      </p>
    </div>
  );
}
