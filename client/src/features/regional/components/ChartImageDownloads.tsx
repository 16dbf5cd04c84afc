import { formatDate, ukDate } from '@kpi/shared';
import { type RefObject, useState } from 'react';
import { SERVICE_NAME } from '../../../lib/useDocumentTitle';
import { DownloadSeparator, loadChartImage, loadTableImage } from '../../exports';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' | 'error'; text: string };

type ImageProps = {
  figureRef: RefObject<HTMLElement | null>;
  title: string;
  subtitle: string;
  /** Protective marking, when the figure shows a month its council has not published. */
  marking: string | null;
  illustrative: boolean;
  fileStem: string;
};

/** "Download chart: PNG | SVG" or "Download table: …": the image drawn by the exports feature. */
function ImageDownloads({
  kind,
  figureRef,
  title,
  subtitle,
  marking,
  illustrative,
  fileStem,
  what,
  source,
}: ImageProps & { kind: 'chart' | 'table'; what: string; source?: string }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function download(format: 'png' | 'svg') {
    setStatus({ kind: 'busy' });
    try {
      const figure = figureRef.current;
      if (!figure) throw new Error(`There is no ${kind} on screen to export.`);
      const text = {
        title,
        subtitle,
        marking,
        illustrative,
        produced: `Produced ${formatDate(ukDate(new Date()))} from the ${SERVICE_NAME}`,
      };
      const fileName = `${fileStem}.${format}`;
      if (kind === 'chart') {
        const { buildChartSvg, saveFile, svgDataUrl, svgToPngDataUrl } = await loadChartImage();
        const image = buildChartSvg(figure, text);
        saveFile(format === 'svg' ? svgDataUrl(image.svg) : await svgToPngDataUrl(image), fileName);
      } else {
        const { blobAddress, buildTableSvg, saveFile, svgDataUrl, svgToPngDataUrl } = await loadTableImage();
        const image = buildTableSvg(figure, { ...text, source });
        const address = blobAddress(format === 'svg' ? svgDataUrl(image.svg) : await svgToPngDataUrl(image));
        saveFile(address, fileName);
        setTimeout(() => URL.revokeObjectURL(address), 60_000);
      }
      setStatus({ kind: 'done', text: `Downloaded ${fileName}.` });
    } catch {
      setStatus({ kind: 'error', text: `The ${kind} could not be downloaded. Try again.` });
    }
  }

  return (
    <div className="downloads no-print">
      <p className="downloads__row">
        <span className="downloads__label">Download {kind}:</span>{' '}
        {(['png', 'svg'] as const).map((format, i) => (
          <span key={format}>
            {i > 0 && <DownloadSeparator />}
            <button
              type="button"
              className="downloads__button"
              onClick={() => void download(format)}
              disabled={status.kind === 'busy'}
            >
              <span className="downloads__word">{format.toUpperCase()}</span>{' '}
              <span className="visually-hidden">image of {what}</span>
            </button>
          </span>
        ))}
      </p>
      <p role="status" className={status.kind === 'error' ? 'downloads__status error-message' : 'downloads__status'}>
        {status.kind === 'busy' ? 'Preparing the image…' : status.kind === 'idle' ? '' : status.text}
      </p>
    </div>
  );
}

/**
 * "Download chart: PNG | SVG" for the region page's charts: the image is drawn by the exports
 * feature (chartImage.ts) from the figure on screen (its chart, key and source) under these words.
 */
export function ChartImageDownloads({
  what = 'the chart',
  ...props
}: ImageProps & {
  /** Which chart, for the buttons' names: "the chart", "the PI4 chart". */
  what?: string;
}) {
  return <ImageDownloads kind="chart" what={what} {...props} />;
}

/**
 * "Download table: PNG | SVG" for the region page's tartan rugs: the exports feature (tableImage.ts)
 * draws the table on screen (every cell's words, tints and tags) under these words, with the source.
 */
export function TableImageDownloads(
  props: ImageProps & {
    /** Which table, for the buttons' names: "the contract KPIs table". */
    what: string;
    /** "Source: each council’s monthly contract return." */
    source: string;
  },
) {
  return <ImageDownloads kind="table" {...props} />;
}
