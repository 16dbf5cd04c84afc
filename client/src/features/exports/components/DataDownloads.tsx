import type { DataExportFormat } from '@kpi/shared';
import '../exports.css';

/**
 * "Download data: CSV | Excel" for a view. Plain links: the server names the file and sends it as
 * an attachment, so nothing runs in the page and nothing is navigated away from.
 */
export function DataDownloads({ what, paths }: { what: string; paths: Record<DataExportFormat, string> }) {
  return (
    <p className="downloads no-print">
      <span className="downloads__label">Download data:</span>{' '}
      <a href={paths.csv} download className="downloads__link">
        CSV <span className="visually-hidden">of {what}</span>
      </a>
      <span className="downloads__separator" aria-hidden="true">
        |
      </span>
      <a href={paths.xlsx} download className="downloads__link">
        Excel <span className="visually-hidden">workbook of {what}</span>
      </a>
    </p>
  );
}
